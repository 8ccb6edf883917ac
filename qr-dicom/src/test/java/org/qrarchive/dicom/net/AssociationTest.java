package org.qrarchive.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.UID;
import org.qrarchive.dicom.data.VR;
import org.qrarchive.dicom.dimse.Commands;
import org.qrarchive.dicom.dimse.Dimse;
import org.qrarchive.dicom.dimse.Status;
import org.qrarchive.dicom.net.pdu.AAssociateRJ;
import org.qrarchive.dicom.net.pdu.Pdu;
import org.qrarchive.dicom.net.pdu.PduDecoder;
import org.qrarchive.dicom.net.pdu.PresentationContext;
import org.qrarchive.dicom.net.ul.State;

/** Our requestor against our acceptor over loopback: negotiation, DIMSE, fragmentation, release, timeouts. */
class AssociationTest {
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final AssociationSettings settings = AssociationSettings.defaults()
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5));

    @AfterEach
    void shutdown() {
        readers.shutdownNow();
    }

    private Association connect(TestAcceptor acceptor, String called, AssociationSettings s) throws Exception {
        List<PresentationContext> pcs = List.of(
                PresentationContext.proposed(1, UID.Verification, UID.ImplicitVRLittleEndian),
                PresentationContext.proposed(3, TestAcceptor.STORAGE, UID.ImplicitVRLittleEndian,
                        UID.ExplicitVRLittleEndian),
                PresentationContext.proposed(5, "1.2.3.4.5.6", UID.ImplicitVRLittleEndian),
                PresentationContext.proposed(7, UID.Verification, UID.ExplicitVRBigEndian));
        return Association.connect("127.0.0.1", acceptor.port(), Association.request("TESTSCU", called, s, pcs),
                s, readers, null);
    }

    @Test
    void echoAndReleaseWithOurPreferredTransferSyntax() throws Exception {
        try (TestAcceptor acceptor = new TestAcceptor(settings)) {
            Association as = connect(acceptor, TestAcceptor.AE_TITLE, settings);
            List<PresentationContext> answers = as.associateAC().presentationContexts();
            assertEquals(PresentationContext.ACCEPTANCE, answers.get(0).result());
            // the acceptor prefers explicit LE: chosen from its list, not from the proposer's order
            assertEquals(UID.ExplicitVRLittleEndian, answers.get(1).transferSyntax());
            assertEquals(PresentationContext.ABSTRACT_SYNTAX_NOT_SUPPORTED, answers.get(2).result());
            assertEquals(PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED, answers.get(3).result());

            Attributes rsp = as.cecho();
            assertEquals(Status.SUCCESS, Commands.status(rsp));
            assertEquals(Dimse.C_ECHO_RSP, Commands.dimseOf(rsp));
            as.release();
            assertEquals(State.STA1, as.state());
        }
    }

    @Test
    void unknownCalledAETitleIsRejected() throws Exception {
        try (TestAcceptor acceptor = new TestAcceptor(settings)) {
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                    () -> connect(acceptor, "NOBODY", settings));
            assertEquals(AAssociateRJ.calledAETitleNotRecognized(), e.rejection());
        }
    }

    @Test
    void largeDataSetIsFragmentedByThePeersMaximumAndStreamed() throws Exception {
        AssociationSettings small = settings.withMaxPduLength(4096);
        try (TestAcceptor acceptor = new TestAcceptor(small)) {
            Association as = connect(acceptor, TestAcceptor.AE_TITLE, small);
            PresentationContext pc = as.acceptedContext(TestAcceptor.STORAGE);
            int size = 3 * 1024 * 1024 + 17;
            Attributes store = Commands.request(Dimse.C_STORE_RQ, 0, TestAcceptor.STORAGE, true);
            store.setString(Tag.AffectedSOPInstanceUID, VR.UI, "1.2.3");
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<Attributes> response = new AtomicReference<>();
            as.invoke(pc, store, (out, ts) -> writeZeros(out, size), new ResponseHandler() {
                @Override
                public void onResponse(Association a, Attributes cmd, InputStream data) {
                    response.set(cmd);
                    done.countDown();
                }

                @Override
                public void onClosed(Association a) {
                    done.countDown();
                }
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(Status.SUCCESS, Commands.status(response.get()));
            assertEquals("1.2.3", response.get().getString(Tag.AffectedSOPInstanceUID));
            assertEquals(size, acceptor.bytesReceived.get());
            as.release();
        }
    }

    @Test
    void silentPeerIsDroppedWhenArtimExpires() throws Exception {
        try (TestAcceptor acceptor = new TestAcceptor(settings);
                Socket s = new Socket("127.0.0.1", acceptor.port())) {
            s.getOutputStream().write(new byte[] {1, 0, 0}); // a PDU header cut short, then silence
            long start = System.nanoTime();
            s.setSoTimeout(10_000);
            assertEquals(-1, s.getInputStream().read(), "server should close the connection");
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMillis >= 1500 && waitedMillis < 6000, "closed after " + waitedMillis + " ms");
        }
    }

    @Test
    void garbageIsAnsweredWithAbortAndClose() throws Exception {
        try (TestAcceptor acceptor = new TestAcceptor(settings);
                Socket s = new Socket("127.0.0.1", acceptor.port())) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            out.flush();
            Pdu pdu = new PduDecoder(s.getInputStream(), 65536, 65536).read();
            assertEquals(Pdu.A_ABORT, pdu.type());
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void peerAbortEndsAssociationOnBothSides() throws Exception {
        try (TestAcceptor acceptor = new TestAcceptor(settings)) {
            Association as = connect(acceptor, TestAcceptor.AE_TITLE, settings);
            as.abort();
            assertTrue(as.awaitClosed(Duration.ofSeconds(5)));
            assertThrows(IOException.class, as::cecho);
        }
    }

    private static void writeZeros(OutputStream out, int size) throws IOException {
        byte[] chunk = new byte[10_000];
        for (int left = size; left > 0; left -= chunk.length) {
            out.write(chunk, 0, Math.min(left, chunk.length));
        }
    }
}
