package org.qrarchive.archive.dimse.boundary;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.qrarchive.archive.config.boundary.ConfigurationRegistry;
import org.qrarchive.archive.config.control.GlobalSettings;
import org.qrarchive.archive.dimse.control.AssociationAcceptor;
import org.qrarchive.dicom.net.Association;

/**
 * The DICOM port. Bound while the application is deployed: one accept thread, and one task of the
 * {@code qr-dimse} executor per connection, which runs the whole association.
 */
@Singleton
@Startup
@DependsOn("ConfigurationRegistry")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DicomListener {
    private static final Logger LOG = Logger.getLogger(DicomListener.class);

    @EJB
    ConfigurationRegistry registry;

    @Inject
    AssociationAcceptor acceptor;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/qr-dimse")
    ManagedExecutorService executor;

    @Resource
    ManagedThreadFactory threadFactory;

    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket serverSocket;

    @PostConstruct
    void start() {
        GlobalSettings global = registry.current().global();
        String bind = global.bindAddress();
        int port = global.port();
        try {
            listen(bind.isEmpty() ? null : InetAddress.getByName(bind), port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot resolve the bind address " + bind + ": " + e.getMessage(), e);
        }
        LOG.infof("DICOM listener on %s port %d", bind.isEmpty() ? "all addresses" : bind, port);
    }

    private void listen(InetAddress address, int port) {
        try {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(address == null || address.isAnyLocalAddress() ? new InetSocketAddress(port)
                    : new InetSocketAddress(address, port), 128);
            serverSocket = ss;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on DICOM port " + port + ": " + e.getMessage(), e);
        }
        Thread acceptThread = threadFactory.newThread(this::acceptLoop);
        acceptThread.setName("qr-dicom-accept-" + port);
        acceptThread.start();
    }

    /** The TCP port actually bound. */
    public int port() {
        ServerSocket ss = serverSocket;
        return ss == null ? -1 : ss.getLocalPort();
    }

    public int openConnections() {
        return connections.size();
    }

    private void acceptLoop() {
        ServerSocket ss = serverSocket;
        while (!ss.isClosed()) {
            Socket socket;
            try {
                socket = ss.accept();
            } catch (SocketException e) {
                return; // closed by stop()
            } catch (IOException e) {
                LOG.warnf("accept failed: %s", e.toString());
                continue;
            }
            try {
                executor.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                LOG.warnf("no thread for connection from %s, closing it", socket.getRemoteSocketAddress());
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        connections.add(socket);
        try {
            Association.serve(socket, registry.current().global().associationSettings(), acceptor);
        } finally {
            connections.remove(socket);
        }
    }

    /**
     * Listens on the configured port and address again (after a change of them): the old port is closed,
     * open associations go on to their end.
     */
    public synchronized void rebind() {
        ServerSocket old = serverSocket;
        closeQuietly(old);
        try {
            start();
        } catch (IllegalStateException e) {
            // the new address cannot be bound: keep serving on the old one, and say why
            listen(old.getInetAddress(), old.getLocalPort());
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        ServerSocket ss = serverSocket;
        if (ss != null) {
            try {
                ss.close();
            } catch (IOException e) {
                LOG.debugf("closing the DICOM port: %s", e);
            }
        }
        // Undeploying ends every association at once; peers see the connection close.
        connections.forEach(DicomListener::closeQuietly);
        LOG.infof("DICOM listener on port %d stopped", ss == null ? -1 : ss.getLocalPort());
    }

    private static void closeQuietly(java.io.Closeable s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }
}
