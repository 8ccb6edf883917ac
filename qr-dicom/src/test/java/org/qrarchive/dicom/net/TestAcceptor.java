package org.qrarchive.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.UID;
import org.qrarchive.dicom.dimse.Commands;
import org.qrarchive.dicom.dimse.Dimse;
import org.qrarchive.dicom.dimse.Status;
import org.qrarchive.dicom.net.pdu.AAssociateRQ;
import org.qrarchive.dicom.net.pdu.PresentationContext;

/**
 * A small acceptor for tests: called AE {@link #AE_TITLE}, Verification, and a fake storage SOP class whose
 * C-STORE handler counts the bytes it streams.
 */
final class TestAcceptor implements AutoCloseable, AssociationHandler {
    static final String AE_TITLE = "TESTSCP";
    static final String STORAGE = "1.2.840.10008.5.1.4.1.1.7";

    final AtomicLong bytesReceived = new AtomicLong();
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AssociationSettings settings;

    TestAcceptor(AssociationSettings settings) throws IOException {
        this.settings = settings;
        this.server = new ServerSocket(0);
        pool.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.execute(() -> Association.serve(s, settings, this));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public AssociationDecision negotiate(Association as, AAssociateRQ rq) {
        if (!AE_TITLE.equals(rq.calledAETitle())) {
            return AssociationDecision.reject(AssociationDecision.Rejection.CALLED_AE_TITLE_NOT_RECOGNIZED);
        }
        Set<String> supported = Set.of(UID.Verification, STORAGE);
        List<PresentationContext> answers = Negotiation.negotiate(rq,
                as2 -> supported.contains(as2) ? List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian) : null);
        return AssociationDecision.accept(answers, List.of(), settings);
    }

    @Override
    public void onRequest(Association as, PresentationContext pc, Attributes command, InputStream data)
            throws IOException {
        if (Commands.dimseOf(command) == Dimse.C_STORE_RQ) {
            byte[] buf = new byte[8192];
            long total = 0;
            for (int n; (n = data.read(buf)) > 0; ) {
                total += n;
            }
            bytesReceived.addAndGet(total);
        }
        as.writeMessage(pc, Commands.response(command, Status.SUCCESS, false), null);
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
