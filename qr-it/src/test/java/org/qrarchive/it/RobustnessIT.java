package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qrarchive.it.support.Dcmtk;
import org.qrarchive.it.support.Deployments;
import org.qrarchive.it.support.ItConfig;
import org.qrarchive.it.support.ProcessRunner;
import org.qrarchive.it.support.RawDicom;
import org.qrarchive.it.support.AdminApi;

/** Misbehaving peers must not hurt the others; the association limit holds. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RobustnessIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void dcmtkInstalled() {
        Dcmtk.requireEchoscu();
    }

    /**
     * (a) a connection sending garbage is closed by the server (end of stream, reset or
     * A-ABORT) within about 5 s; (b) a connection that sent only 3 bytes of an A-ASSOCIATE-RQ
     * and stalls blocks nobody: an echoscu meanwhile succeeds within a few seconds.
     */
    @Test
    void garbageAndStalledConnectionsDoNotBlockOthers() throws Exception {
        try (Socket stalled = RawDicom.connect(Duration.ofSeconds(5));
             Socket garbage = RawDicom.connect(Duration.ofSeconds(5))) {

            // (b) the first 3 bytes of a valid A-ASSOCIATE-RQ, then nothing (the socket stays open)
            byte[] rq = RawDicom.verificationAssociateRq(ItConfig.AE_TITLE, "STALLED");
            OutputStream stalledOut = stalled.getOutputStream();
            stalledOut.write(Arrays.copyOf(rq, 3));
            stalledOut.flush();

            // (a) garbage: what a browser or a port scanner would send, then random bytes
            OutputStream garbageOut = garbage.getOutputStream();
            garbageOut.write(garbageBytes());
            garbageOut.flush();
            long garbageSent = System.nanoTime();

            ProcessRunner.Result echo = Dcmtk.echoscu("-aec", ItConfig.AE_TITLE);
            assertAll("echoscu while a stalled and a garbage connection are open\n" + echo.describe(),
                    () -> assertEquals(0, echo.exitCode(), "echoscu exit code"),
                    () -> assertTrue(echo.output().contains(Dcmtk.ECHO_SUCCESS), "echo response Success"),
                    () -> assertTrue(echo.elapsed().compareTo(Duration.ofSeconds(5)) < 0,
                            "echoscu took " + echo.elapsed().toMillis() + " ms (limit 5000 ms)"));

            String reaction = RawDicom.awaitServerReaction(garbage); // read timeout 5 s
            long waitedMs = (System.nanoTime() - garbageSent) / 1_000_000;
            assertTrue(List.of("closed", "A-ABORT").contains(reaction),
                    "The server should close (or A-ABORT) a connection that sent garbage; after "
                            + waitedMs + " ms it is: " + reaction);
        }
    }

    /**
     * (c) maxAssociations=2: two raw associations are accepted and held open, a third
     * (echoscu) is rejected as transient "local limit exceeded"; once they are released and the
     * limit restored, echoscu succeeds again.
     */
    @Test
    void associationsBeyondTheLimitAreRejected() throws Exception {
        try (AdminApi.Change limit = AdminApi.settings(s -> s.get("maxAssociations").set(2))) {
            try (RawDicom.Association first = RawDicom.Association.request(ItConfig.AE_TITLE, "HOLDER");
                 RawDicom.Association second = RawDicom.Association.request(ItConfig.AE_TITLE, "HOLDER")) {

                assertAll("two associations within the limit of 2",
                        () -> assertEquals(RawDicom.A_ASSOCIATE_AC, first.response().type(),
                                "first association: " + first.response().describe()),
                        () -> assertEquals(RawDicom.A_ASSOCIATE_AC, second.response().type(),
                                "second association: " + second.response().describe()));

                ProcessRunner.Result third = Dcmtk.echoscu("-aec", ItConfig.AE_TITLE);
                assertAll("third association while 2 are open (maxAssociations=2)\n" + third.describe(),
                        () -> assertNotEquals(0, third.exitCode(), "echoscu exit code"),
                        () -> assertTrue(third.output().contains(Dcmtk.ASSOCIATION_REJECTED), "association rejected"),
                        () -> assertTrue(third.output().contains(Dcmtk.REJECTED_TRANSIENT), "transient rejection"),
                        () -> assertTrue(third.output().contains(Dcmtk.LOCAL_LIMIT_EXCEEDED),
                                "reason: local limit exceeded"));
            } // both released (A-RELEASE-RQ / RP) and closed
        } // maxAssociations restored

        ProcessRunner.Result again = Dcmtk.echoscu("-aec", ItConfig.AE_TITLE);
        assertAll("after the held associations are released\n" + again.describe(),
                () -> assertEquals(0, again.exitCode(), "echoscu exit code"),
                () -> assertTrue(again.output().contains(Dcmtk.ECHO_SUCCESS), "echo response Success"));
    }

    private static byte[] garbageBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] random = new byte[512];
        new Random(20261127L).nextBytes(random);
        out.writeBytes(random);
        return out.toByteArray();
    }
}
