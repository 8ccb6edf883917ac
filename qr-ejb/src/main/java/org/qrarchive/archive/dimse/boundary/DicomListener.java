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
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.qrarchive.archive.config.control.ArchiveConfig;
import org.qrarchive.archive.dimse.control.AssociationAcceptor;
import org.qrarchive.dicom.net.Association;

/**
 * The DICOM port. Bound while the application is deployed: one accept thread, and one task of the
 * {@code qr-dimse} executor per connection, which runs the whole association.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DicomListener {
    private static final Logger LOG = Logger.getLogger(DicomListener.class);

    @Inject
    ArchiveConfig config;

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
        String bind = config.bindAddress();
        int port = config.port();
        try {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(bind.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(InetAddress.getByName(bind), port), 128);
            serverSocket = ss;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on DICOM port " + port + ": " + e.getMessage(), e);
        }
        Thread acceptThread = threadFactory.newThread(this::acceptLoop);
        acceptThread.setName("qr-dicom-accept-" + port);
        acceptThread.start();
        LOG.infof("DICOM listener on port %d, AE titles %s", port, config.aeTitles());
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
            Association.serve(socket, config.associationSettings(), acceptor);
        } finally {
            connections.remove(socket);
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

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }
}
