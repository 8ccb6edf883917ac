package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qrarchive.it.support.ArchiveRest;
import org.qrarchive.it.support.Dcmtk;
import org.qrarchive.it.support.Deployments;
import org.qrarchive.it.support.DicomFiles;
import org.qrarchive.it.support.ItConfig;
import org.qrarchive.it.support.ProcessRunner;
import org.qrarchive.it.support.RawStore;
import org.qrarchive.it.support.ServerControl;
import org.qrarchive.it.support.StoreChecks;
import org.qrarchive.it.support.StoreScu;
import org.qrarchive.it.support.TestObjects;

/**
 * Storage that must fail without leaving anything behind: a sender that vanishes in the middle of
 * an object, and SOP Instance / Study UIDs that are not UIDs but paths.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoreFailuresIT {

    private static final String AE = ItConfig.AE_TITLE;
    /** 4480 x 4480 16-bit pixels: a 40 MB object, of which only 16 MiB are ever sent. */
    private static final int SIDE = 4480;
    private static final long SENT_BEFORE_DROP = 16L << 20;

    private static Path work;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void setUp() throws IOException {
        StoreChecks.requireDcmtkTools();
        work = Files.createTempDirectory("qr-store-failures-it-");
    }

    @AfterAll
    static void cleanUp() {
        StoreChecks.deleteTree(work);
    }

    /** How the sender goes away in the middle of the data set. */
    enum Drop {
        /** socket closed (FIN) in the middle of a P-DATA-TF PDU */
        CLOSE_MID_PDU,
        /** connection reset (RST) in the middle of a P-DATA-TF PDU */
        RESET_MID_PDU,
        /** an A-ABORT between two PDUs of the data set */
        A_ABORT
    }

    /**
     * A raw client announces a 40 MB CT object (C-STORE-RQ, then the data set in P-DATA-TF PDUs),
     * sends 16 MiB of it, checks that the server is spooling it (a file in the storage area's
     * .incoming directory), then drops the connection. Afterwards: no index row for the SOP Instance
     * UID, no file of it anywhere in the storage area, nothing new left in .incoming, and an echoscu
     * succeeds.
     */
    @ParameterizedTest
    @EnumSource(Drop.class)
    void connectionDroppedInTheMiddleOfAnObjectLeavesNothing(Drop drop) throws Exception {
        Path area = ServerControl.storageArea(AE);
        Set<Path> incomingBefore = new HashSet<>(StoreChecks.incoming(area));
        String iuid = TestObjects.newUid();
        String study = TestObjects.newUid();
        byte[] header = bigCtHeader(iuid, study, TestObjects.newUid(), SIDE, SIDE);

        RawStore raw = RawStore.open(AE, "DROPPER", TestObjects.CT, TestObjects.IMPLICIT_LE);
        try {
            assertTrue(raw.contextAccepted(), raw.response().describe() + ", context result " + raw.contextResult());
            raw.sendCommand(TestObjects.CT, iuid);
            raw.sendDataPdv(header, 0, header.length, false);
            byte[] chunk = new byte[raw.maxPdvData()];
            Arrays.fill(chunk, (byte) 0x5A);
            long sent = header.length;
            while (sent < SENT_BEFORE_DROP) {
                raw.sendDataPdv(chunk, 0, chunk.length, false);
                sent += chunk.length;
            }
            // the server is writing the object: its spool file is there and growing
            List<Path> spooling = awaitNewIncoming(area, incomingBefore, Duration.ofSeconds(10));
            assertFalse(spooling.isEmpty(), "after " + sent + " bytes sent, no spool file in " + area.resolve(".incoming")
                    + ": the drop would not be in the middle of the object");

            switch (drop) {
                case CLOSE_MID_PDU, RESET_MID_PDU -> {
                    byte[] pdu = RawStore.pDataTf(false, false, chunk, 0, chunk.length);
                    raw.writeRaw(pdu, 0, pdu.length / 2);
                    raw.drop(drop == Drop.RESET_MID_PDU);
                }
                case A_ABORT -> raw.abort();
            }
        } finally {
            raw.drop(false); // harmless when already closed
        }

        List<Path> left = new ArrayList<>(StoreChecks.awaitIncomingEmpty(area, Duration.ofSeconds(10)));
        left.removeAll(incomingBefore);
        assertEquals(List.of(), left, "temporary files left in " + area.resolve(".incoming") + " after the drop");
        assertEquals(Optional.empty(), ArchiveRest.instance(AE, iuid), "index row of the dropped object");
        assertEquals(List.of(), StoreChecks.filesNamedAfter(area, iuid), "files of the dropped object");
        assertFalse(Files.exists(area.resolve(study)), "study directory of the dropped object");

        ProcessRunner.Result echo = Dcmtk.echoscu("-aec", ItConfig.AE_TITLE);
        assertAll("echoscu after the drop\n" + echo.describe(),
                () -> assertEquals(0, echo.exitCode(), "echoscu exit code"),
                () -> assertTrue(echo.output().contains(Dcmtk.ECHO_SUCCESS), "echo response Success"));
    }

    /**
     * SOP Instance UIDs that are paths or not UIDs ("../../x", 65 digits, "1.2.abc"; in (0008,0018)
     * and, as storescu takes it from there, in the Affected SOP Instance UID), and a valid SOP
     * Instance UID with Study/Series Instance UIDs that climb out of the storage area: storescu gets a
     * failure status for each (the archive answers 0xC000, storescu prints "Error: CannotUnderstand"
     * and, with -nh, still exits with 0). storescu cuts the command's UID to 64 characters, so the
     * 65-character UID is sent once more by the raw client, in the command too. Then: no index row, no
     * new file or directory anywhere under the server's data directory, and no path named after these
     * values anywhere in the WildFly tree.
     */
    @Test
    void hostileUidsAreRefusedAndNothingIsWritten() throws Exception {
        String run = TestObjects.runToken().toLowerCase(java.util.Locale.ROOT);
        String escape = "qr-it-escape-" + run;
        String digits65 = "1.2.826.0.1.3680043.9999." + "1234567890".repeat(4);
        assertEquals(65, digits65.length());
        List<String[]> hostile = List.of(
                // SOP Instance UID, Study Instance UID, Series Instance UID
                new String[] {"../../x", TestObjects.newUid(), TestObjects.newUid()},
                new String[] {digits65, TestObjects.newUid(), TestObjects.newUid()},
                new String[] {"1.2.abc", TestObjects.newUid(), TestObjects.newUid()},
                new String[] {TestObjects.newUid(), "../../../../" + escape, ".."});
        TestObjects generator = new TestObjects(work);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            String[] uids = hostile.get(i);
            String dump = String.join("\n",
                    "(0008,0016) UI [" + TestObjects.CT + "]",
                    "(0008,0018) UI [" + uids[0] + "]",
                    "(0008,0060) CS [CT]",
                    "(0010,0010) PN [Hostile^Harry]",
                    "(0010,0020) LO [QRIT-HOSTILE-" + run + "]",
                    "(0020,000d) UI [" + uids[1] + "]",
                    "(0020,000e) UI [" + uids[2] + "]",
                    "(0020,0013) IS [" + (i + 1) + "]") + "\n";
            files.add(generator.dump2dcm(dump, TestObjects.EXPLICIT_LE, work.resolve("hostile-" + i + ".dcm")));
        }

        Path dataDir = ServerControl.dataDir();
        Path area = ServerControl.storageArea(AE);
        Set<String> before = StoreChecks.snapshot(dataDir);
        ArchiveRest.Counts countsBefore = ArchiveRest.counts(AE);

        ProcessRunner.Result result = StoreScu.send(TestObjects.EXPLICIT_LE, files, "-nh"); // -nh: go on after a failure
        List<String> responses = StoreScu.responses(result);
        assertAll("storescu with hostile UIDs\n" + result.describe(),
                () -> assertEquals(hostile.size(), responses.size(), "one response per object: " + responses),
                () -> assertEquals(0, StoreScu.successes(result), "Success responses: " + responses));

        assertTrue(responses.stream().allMatch(r -> r.startsWith("Error")), "failure statuses: " + responses);
        System.out.println("StoreFailuresIT: storescu (exit code " + result.exitCode()
                + ") got these responses to the hostile UIDs: " + responses);

        // storescu cuts the Affected SOP Instance UID of its command to 64 characters (the data set keeps
        // 65): the raw client sends the 65-character UID in the command too
        try (RawStore raw = RawStore.open(AE, "HOSTILE", TestObjects.CT, TestObjects.EXPLICIT_LE)) {
            assertTrue(raw.contextAccepted(), raw.response().describe());
            int status = raw.store(TestObjects.CT, digits65, DicomFiles.dataSetBytes(files.get(1)));
            assertNotEquals(0, status, "status for a 65-character SOP Instance UID in command and data set");
        }

        StoreChecks.awaitIncomingEmpty(area, Duration.ofSeconds(5));
        Set<String> added = new java.util.TreeSet<>(StoreChecks.snapshot(dataDir));
        added.removeAll(before);
        // on a fresh server the first store attempt creates the (empty) storage area and its .incoming
        for (Path dir : List.of(area.getParent(), area, area.resolve(StoreChecks.INCOMING))) {
            if (Files.isDirectory(dir) && StoreChecks.files(dir).stream().noneMatch(f -> dir.equals(f.getParent()))) {
                added.remove(dataDir.relativize(dir).toString());
            }
        }
        assertEquals(Set.of(), added, "new paths under " + dataDir);
        assertEquals(new ArchiveRest.Counts(0, 0, 0, 0), ArchiveRest.counts(AE).minus(countsBefore), "counts");
        for (String[] uids : hostile) {
            assertEquals(Optional.empty(), ArchiveRest.instance(AE, uids[0]), "index row for " + uids[0]);
        }

        // wherever a naive implementation would have put them, under the WildFly tree
        List<String> suspicious;
        try (Stream<Path> walk = Files.walk(ItConfig.jbossHome())) {
            suspicious = walk.map(p -> p.getFileName().toString())
                    .filter(name -> name.equals("x") || name.startsWith("x-") || name.startsWith("1.2.abc")
                            || name.startsWith(digits65.substring(0, 60)) || name.contains(escape))
                    .collect(Collectors.toList());
        }
        assertEquals(List.of(), suspicious, "paths named after the hostile UIDs under " + ItConfig.jbossHome());
    }

    /**
     * The start of a 16-bit CT data set in implicit VR little endian, up to and including the header
     * of a Pixel Data element of {@code rows x columns x 2} bytes (whose value the caller sends).
     */
    private static byte[] bigCtHeader(String iuid, String study, String series, int rows, int columns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RawStore.implicitElement(0x00080016, RawStore.uid(TestObjects.CT)));
        out.writeBytes(RawStore.implicitElement(0x00080018, RawStore.uid(iuid)));
        out.writeBytes(RawStore.implicitElement(0x00080060, RawStore.text("CT", (byte) ' ')));
        out.writeBytes(RawStore.implicitElement(0x00100010, RawStore.text("Dropped^Dan", (byte) ' ')));
        out.writeBytes(RawStore.implicitElement(0x00100020, RawStore.text("QRIT-DROP", (byte) ' ')));
        out.writeBytes(RawStore.implicitElement(0x0020000D, RawStore.uid(study)));
        out.writeBytes(RawStore.implicitElement(0x0020000E, RawStore.uid(series)));
        out.writeBytes(RawStore.implicitElement(0x00200013, RawStore.text("1", (byte) ' ')));
        out.writeBytes(RawStore.implicitElement(0x00280002, RawStore.us(1)));
        out.writeBytes(RawStore.implicitElement(0x00280004, RawStore.text("MONOCHROME2", (byte) ' ')));
        out.writeBytes(RawStore.implicitElement(0x00280010, RawStore.us(rows)));
        out.writeBytes(RawStore.implicitElement(0x00280011, RawStore.us(columns)));
        out.writeBytes(RawStore.implicitElement(0x00280100, RawStore.us(16)));
        out.writeBytes(RawStore.implicitElement(0x00280101, RawStore.us(16)));
        out.writeBytes(RawStore.implicitElement(0x00280102, RawStore.us(15)));
        out.writeBytes(RawStore.implicitElement(0x00280103, RawStore.us(0)));
        out.writeBytes(RawStore.implicitHeader(0x7FE00010, rows * columns * 2));
        return out.toByteArray();
    }

    private static List<Path> awaitNewIncoming(Path area, Set<Path> before, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Path> now = new ArrayList<>();
            for (Path p : StoreChecks.incoming(area)) {
                try {
                    if (!before.contains(p) && Files.size(p) > 0) {
                        now.add(p);
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // renamed or deleted meanwhile
                }
            }
            if (!now.isEmpty() || System.nanoTime() > deadline) {
                return now;
            }
            ArchiveRest.sleep(50);
        }
    }
}
