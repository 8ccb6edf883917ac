package org.qrarchive.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qrarchive.dicom.data.UID;
import org.qrarchive.dicom.dimse.Commands;
import org.qrarchive.dicom.dimse.Status;
import org.qrarchive.dicom.net.pdu.PresentationContext;

/** Both roles of our upper layer against DCMTK, which we did not write. */
class DcmtkInteropTest {
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final AssociationSettings settings = AssociationSettings.defaults()
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));

    @AfterEach
    void shutdown() {
        readers.shutdownNow();
    }

    @Test
    void echoscuGetsSuccessFromOurAcceptor() throws Exception {
        try (TestAcceptor acceptor = new TestAcceptor(settings)) {
            Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-v", "-aec", TestAcceptor.AE_TITLE, "127.0.0.1",
                    String.valueOf(acceptor.port()));
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("Received Echo Response (Success)"), r.output());
        }
    }

    @Test
    void echoscuWithSmallPduIsServed() throws Exception {
        try (TestAcceptor acceptor = new TestAcceptor(settings)) {
            Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-v", "--max-pdu", "4096", "-aec", TestAcceptor.AE_TITLE,
                    "--repeat", "5", "127.0.0.1", String.valueOf(acceptor.port()));
            assertEquals(0, r.exitCode(), r.output());
        }
    }

    @Test
    void echoscuIsRejectedForUnknownCalledAETitle() throws Exception {
        try (TestAcceptor acceptor = new TestAcceptor(settings)) {
            Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-v", "-aec", "NOBODY", "127.0.0.1",
                    String.valueOf(acceptor.port()));
            assertNotEquals(0, r.exitCode());
            assertTrue(r.output().contains("Called AE Title Not Recognized"), r.output());
        }
    }

    @Test
    void ourRequestorEchoesToStorescp() throws Exception {
        int port = freePort();
        Process storescp = Dcmtk.start("storescp", "-aet", "STORESCP", "--output-directory", "/tmp",
                String.valueOf(port));
        try {
            waitForPort(port);
            List<PresentationContext> pcs = List.of(PresentationContext.proposed(1, UID.Verification,
                    UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian));
            Association as = Association.connect("127.0.0.1", port,
                    Association.request("QRTEST", "STORESCP", settings, pcs), settings, readers, null);
            assertEquals(UID.ExplicitVRLittleEndian, as.acceptedContext(UID.Verification).transferSyntax());
            for (int i = 0; i < 3; i++) {
                assertEquals(Status.SUCCESS, Commands.status(as.cecho()));
            }
            as.release();
            assertTrue(as.awaitClosed(Duration.ofSeconds(5)));
        } finally {
            storescp.destroy();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("storescp did not open port " + port);
    }
}
