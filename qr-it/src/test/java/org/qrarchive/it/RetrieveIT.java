package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qrarchive.it.support.AdminApi;
import org.qrarchive.it.support.DcmjsDimse;
import org.qrarchive.it.support.Dcmtk;
import org.qrarchive.it.support.Deployments;
import org.qrarchive.it.support.DicomFiles;
import org.qrarchive.it.support.FindFixture;
import org.qrarchive.it.support.ItConfig;
import org.qrarchive.it.support.ProcessRunner;
import org.qrarchive.it.support.StoreChecks;
import org.qrarchive.it.support.TestObjects;

/**
 * C-MOVE with DCMTK's movescu to a storescp configured as a peer, and C-GET with getscu: what arrives equals
 * what was stored (data set bytes), counts are exact, unknown destinations get A801, a destination that does
 * not listen fails every sub-operation, a W area offers no retrieve.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RetrieveIT {
    private static final int DEST_PORT = 11198;
    private static final int DEAD_PORT = 11197;
    private static final int IMPLICIT_PORT = 11196;
    private static final int SLOW_PORT = 11195;
    private static final int FORKED_PORT = 11194;
    private static final Pattern STATUS = Pattern.compile("DIMSE Status\\s*:\\s*0x([0-9A-Fa-f]{4})");

    private static FindFixture fx;
    private static Path work;
    private static ProcessRunner.Running storescp;
    private static ProcessRunner.Running implicitScp;
    private static ProcessRunner.Running slowScp;
    private static ProcessRunner.Running forkedScp;
    private static Path receivedForked;
    private static Path received;
    private static Path receivedImplicit;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void prepare() throws Exception {
        for (String tool : List.of("movescu", "getscu", "storescp", "storescu", "dump2dcm")) {
            Dcmtk.require(tool);
        }
        work = Files.createTempDirectory("qr-retrieve-it-");
        fx = new FindFixture();
        fx.store(work);
        received = Files.createDirectories(work.resolve("received"));
        storescp = ProcessRunner.start(List.of(Dcmtk.require("storescp").toString(), "-aet", "DEST", "-od",
                received.toString(), "-ta", "10", "-td", "30", Integer.toString(DEST_PORT)));
        awaitListening(DEST_PORT);
        // a destination that accepts implicit VR little endian only, with the smallest PDU there is
        receivedImplicit = Files.createDirectories(work.resolve("received-implicit"));
        implicitScp = ProcessRunner.start(List.of(Dcmtk.require("storescp").toString(), "-aet", "IMPLICIT", "+xi",
                "-pdu", "4096", "-od", receivedImplicit.toString(), "-ta", "10", "-td", "30",
                Integer.toString(IMPLICIT_PORT)));
        awaitListening(IMPLICIT_PORT);
        // a destination that takes a second per object: time to cancel
        slowScp = ProcessRunner.start(List.of(Dcmtk.require("storescp").toString(), "-aet", "SLOW",
                "--sleep-after", "1", "-od", Files.createDirectories(work.resolve("received-slow")).toString(),
                "-ta", "10", "-td", "30", Integer.toString(SLOW_PORT)));
        awaitListening(SLOW_PORT);
        // a destination that serves parallel associations (a process each)
        receivedForked = Files.createDirectories(work.resolve("received-forked"));
        forkedScp = ProcessRunner.start(List.of(Dcmtk.require("storescp").toString(), "-aet", "FORKED", "--fork",
                "-od", receivedForked.toString(), "-ta", "10", "-td", "30", Integer.toString(FORKED_PORT)));
        awaitListening(FORKED_PORT);
        peer("dest", "DEST", DEST_PORT);
        peer("implicit", "IMPLICIT", IMPLICIT_PORT);
        peer("slow", "SLOW", SLOW_PORT);
        peer("forked", "FORKED", FORKED_PORT);
        peer("dead", "DEAD", DEAD_PORT);
    }

    @AfterAll
    static void cleanUp() {
        for (ProcessRunner.Running scp : java.util.Arrays.asList(storescp, implicitScp, slowScp, forkedScp)) {
            if (scp != null) {
                scp.destroy();
            }
        }
        AdminApi.delete("/qr/api/peers/implicit");
        AdminApi.delete("/qr/api/peers/slow");
        AdminApi.delete("/qr/api/peers/forked");
        AdminApi.delete("/qr/api/peers/dest");
        AdminApi.delete("/qr/api/peers/dead");
        StoreChecks.deleteTree(work);
    }

    private static void peer(String name, String aeTitle, int port) {
        ModelNode p = new ModelNode();
        p.get("aeTitle").set(aeTitle);
        p.get("host").set("127.0.0.1");
        p.get("port").set(port);
        AdminApi.put("/qr/api/peers/" + name, p);
    }

    private static void awaitListening(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("storescp does not listen on " + port);
    }

    /** movescu or getscu -d with the identifier keys, against the test server. */
    private static ProcessRunner.Result run(String tool, String model, List<String> args, String... keys) {
        List<String> command = new ArrayList<>(List.of(Dcmtk.require(tool).toString(), "-d", model, "-aec",
                ItConfig.AE_TITLE, "-to", "10", "-ta", "10", "-td", "60"));
        command.addAll(args);
        for (String k : keys) {
            command.add("-k");
            command.add(k);
        }
        command.add(ItConfig.HOST);
        command.add(Integer.toString(ItConfig.dicomPort()));
        return ProcessRunner.run(Duration.ofSeconds(120), command);
    }

    /** The status of the final response, and its counts, as movescu/getscu print it with -d. */
    private record Outcome(int status, Map<String, Integer> counts) {
    }

    private static Outcome outcome(ProcessRunner.Result r) {
        String out = r.output();
        int last = Math.max(out.lastIndexOf("Received Final"), out.lastIndexOf("Received C-GET Response"));
        assertTrue(last >= 0, () -> "no final response\n" + r.describe());
        String tail = out.substring(last);
        Matcher m = STATUS.matcher(tail);
        assertTrue(m.find(), () -> "no status in\n" + r.describe());
        Map<String, Integer> counts = new TreeMap<>();
        Matcher c = Pattern.compile("(Remaining|Completed|Failed|Warning) Suboperations\\s*:\\s*(\\d+|none)")
                .matcher(tail);
        while (c.find()) {
            counts.putIfAbsent(c.group(1), c.group(2).equals("none") ? 0 : Integer.parseInt(c.group(2)));
        }
        return new Outcome(Integer.parseInt(m.group(1), 16), counts);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Every file in {@code dir} holds the data set bytes of the fixture object with its SOP Instance UID. */
    private static void assertSameAsStored(Path dir, List<FindFixture.Instance> expected) throws IOException {
        List<Path> got = files(dir);
        assertEquals(expected.size(), got.size(), () -> "files received in " + dir + ": " + got);
        for (FindFixture.Instance i : expected) {
            Path match = got.stream().filter(p -> DicomFiles.readPart10(p).map(m -> i.uid().equals(
                    m.meta(DicomFiles.MEDIA_STORAGE_SOP_INSTANCE_UID))).orElse(false)).findFirst()
                    .orElseThrow(() -> new AssertionError(i.uid() + " not received in " + dir));
            assertArrayEquals(DicomFiles.dataSetBytes(fx.file(i)), DicomFiles.dataSetBytes(match), i.uid());
        }
    }

    /** movescu or getscu found no accepted context for its request (each says it in its own words). */
    private static boolean noRetrieveContext(ProcessRunner.Result r) {
        return r.output().contains("No Acceptable Presentation Contexts")
                || r.output().contains("No adequate Presentation Contexts");
    }

    private static void clear(Path dir) throws IOException {
        for (Path p : files(dir)) {
            Files.delete(p);
        }
    }

    @Test
    void moveOfAStudyArrivesIntact() throws Exception {
        clear(received);
        FindFixture.Study study = fx.study(1);
        ProcessRunner.Result r = run("movescu", "-S", List.of("-aet", "MOVESCU", "-aem", "DEST"),
                "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study.uid());
        Outcome o = outcome(r);
        int n = fx.instancesOf(study).size();
        assertAll(r.describe(),
                () -> assertEquals(0x0000, o.status(), "final status"),
                () -> assertEquals(n, o.counts().get("Completed"), "completed"),
                () -> assertEquals(0, o.counts().get("Failed"), "failed"));
        assertSameAsStored(received, fx.instancesOf(study));
    }

    @Test
    void moveOfImagesByUidListInPatientRoot() throws Exception {
        clear(received);
        FindFixture.Study study = fx.study(4);
        FindFixture.Series series = fx.seriesOf(study).get(1);
        List<FindFixture.Instance> images = fx.instancesOf(series);
        ProcessRunner.Result r = run("movescu", "-P", List.of("-aet", "MOVESCU", "-aem", "DEST"),
                "QueryRetrieveLevel=IMAGE", "PatientID=" + study.patient().id(), "StudyInstanceUID=" + study.uid(),
                "SeriesInstanceUID=" + series.uid(), "SOPInstanceUID=" + images.get(0).uid() + "\\"
                        + images.get(1).uid());
        Outcome o = outcome(r);
        assertAll(r.describe(),
                () -> assertEquals(0x0000, o.status(), "final status"),
                () -> assertEquals(2, o.counts().get("Completed"), "completed"));
        assertSameAsStored(received, images.subList(0, 2));
    }

    @Test
    void getOfASeriesArrivesIntact() throws Exception {
        Path dir = Files.createDirectories(work.resolve("get-" + System.nanoTime()));
        FindFixture.Study study = fx.study(1);
        FindFixture.Series series = fx.seriesOf(study).get(0);
        ProcessRunner.Result r = run("getscu", "-S", List.of("-aet", "GETSCU", "-od", dir.toString()),
                "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + study.uid(), "SeriesInstanceUID=" + series.uid());
        Outcome o = outcome(r);
        assertAll(r.describe(),
                () -> assertEquals(0x0000, o.status(), "final status"),
                () -> assertEquals(fx.instancesOf(series).size(), o.counts().get("Completed"), "completed"));
        assertSameAsStored(dir, fx.instancesOf(series));
    }

    /**
     * Stored in explicit VR little endian, sent to a destination that accepts implicit VR little endian only
     * and receives PDUs of 4096 bytes: converted on the way, the same data set once DCMTK has decoded both.
     */
    @Test
    void moveConvertsToWhatTheDestinationAccepts() throws Exception {
        FindFixture.Study study = fx.study(3);
        ProcessRunner.Result r = run("movescu", "-S", List.of("-aet", "MOVESCU", "-aem", "IMPLICIT"),
                "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study.uid());
        Outcome o = outcome(r);
        List<FindFixture.Instance> instances = fx.instancesOf(study);
        assertAll(r.describe(),
                () -> assertEquals(0x0000, o.status(), "final status"),
                () -> assertEquals(instances.size(), o.counts().get("Completed"), "completed"));
        List<Path> got = files(receivedImplicit);
        assertEquals(instances.size(), got.size(), got::toString);
        for (FindFixture.Instance i : instances) {
            Path match = got.stream().filter(p -> DicomFiles.readPart10(p).map(m -> i.uid().equals(
                    m.meta(DicomFiles.MEDIA_STORAGE_SOP_INSTANCE_UID))).orElse(false)).findFirst().orElseThrow();
            String dump = DicomFiles.dcmdump(match);
            assertEquals(TestObjects.IMPLICIT_LE, DicomFiles.readPart10(match).orElseThrow()
                    .meta(DicomFiles.TRANSFER_SYNTAX_UID), "received in implicit VR LE");
            assertEquals(DicomFiles.dataSetLinesWithoutLengths(DicomFiles.dcmdump(fx.file(i))),
                    DicomFiles.dataSetLinesWithoutLengths(dump), i.uid());
        }
    }

    /** C-CANCEL after the first pending response of a slow move: FE00, and the counts say what was sent. */
    @Test
    void cancelStopsASlowMove() {
        FindFixture.Study study = fx.study(1);
        int total = fx.instancesOf(study).size();
        ProcessRunner.Result r;
        // a pending response after every sub-operation: movescu cancels after the first one
        try (AdminApi.Change each = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("retrieve", "pendingInterval").set(0))) {
            r = run("movescu", "-S", List.of("-aet", "MOVESCU", "-aem", "SLOW", "--cancel", "1"),
                    "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study.uid());
        }
        Outcome o = outcome(r);
        assertAll(r.describe(),
                () -> assertEquals(0xFE00, o.status(), "final status"),
                () -> assertTrue(o.counts().get("Completed") < total, "fewer than all sent"),
                () -> assertEquals(total, o.counts().get("Completed") + o.counts().get("Remaining")
                        + o.counts().get("Failed") + o.counts().get("Warning"), "the counts add up"));
    }

    /** Four retrieves and a store at the same time: none waits for another, every one completes. */
    @Test
    void parallelRetrievesAndAStore() throws Exception {
        List<FindFixture.Study> studies = List.of(fx.study(2), fx.study(5), fx.study(6), fx.study(7));
        List<ProcessRunner.Running> moves = new ArrayList<>();
        for (FindFixture.Study study : studies) {
            moves.add(ProcessRunner.start(moveCommand("DEST", study)));
        }
        FindFixture other = new FindFixture();
        Path otherDir = Files.createDirectories(work.resolve("parallel-store"));
        other.store(otherDir);
        for (int k = 0; k < studies.size(); k++) {
            ProcessRunner.Result r = moves.get(k).await(Duration.ofSeconds(120));
            Outcome o = outcome(r);
            int n = fx.instancesOf(studies.get(k)).size();
            assertAll(r.describe(),
                    () -> assertEquals(0x0000, o.status(), "final status"),
                    () -> assertEquals(n, o.counts().get("Completed"), "completed"));
        }
    }

    private static List<String> moveCommand(String destination, FindFixture.Study study) {
        return List.of(Dcmtk.require("movescu").toString(), "-d", "-S", "-aec", ItConfig.AE_TITLE, "-aet", "MOVESCU",
                "-aem", destination, "-to", "10", "-ta", "10", "-td", "60", "-k", "QueryRetrieveLevel=STUDY", "-k",
                "StudyInstanceUID=" + study.uid(), ItConfig.HOST, Integer.toString(ItConfig.dicomPort()));
    }

    /** A second DIMSE client that shares no code with DCMTK: dcmjs-dimse moves a study and gets one. */
    @Test
    void dcmjsDimseMovesAndGets() throws Exception {
        clear(received);
        FindFixture.Study moved = fx.study(8);
        ModelNode move = DcmjsDimse.retrieve("move", ItConfig.HOST, Integer.toString(ItConfig.dicomPort()),
                ItConfig.AE_TITLE, "NODESCU", moved.uid(), "DEST");
        assertAll(move.toJSONString(true),
                () -> assertEquals(0, move.get("status").asInt(), "C-MOVE status"),
                () -> assertEquals(fx.instancesOf(moved).size(), move.get("completed").asInt(), "completed"));
        assertSameAsStored(received, fx.instancesOf(moved));

        FindFixture.Study got = fx.study(7);
        Path dir = Files.createDirectories(work.resolve("dcmjs-get"));
        ModelNode get = DcmjsDimse.retrieve("get", ItConfig.HOST, Integer.toString(ItConfig.dicomPort()),
                ItConfig.AE_TITLE, "NODESCU", got.uid(), dir.toString());
        assertAll(get.toJSONString(true),
                () -> assertEquals(0, get.get("status").asInt(), "C-GET status"),
                () -> assertEquals(fx.instancesOf(got).size(), get.get("completed").asInt(), "completed"),
                () -> assertEquals(fx.instancesOf(got).size(), get.get("received").asList().size(), "received"));
        for (FindFixture.Instance i : fx.instancesOf(got)) {
            Path file = dir.resolve(i.uid() + ".dcm");
            assertEquals(DicomFiles.dataSetLinesWithoutLengths(DicomFiles.dcmdump(fx.file(i))),
                    DicomFiles.dataSetLinesWithoutLengths(DicomFiles.dcmdump(file)), i.uid());
        }
    }

    /**
     * A 1 GiB multi-frame-sized object (16384 x 32768 x 16 bit, made by bench/MakeObjects.java) stored and
     * then retrieved with C-GET, while the server's live heap (after a full GC every 800 ms, -Xmx1g) stays far
     * below the object's size: it is streamed from the file, never held whole.
     */
    @Test
    void getOfAOneGibibyteObjectKeepsTheHeapSmall() throws Exception {
        Path dir = Files.createDirectories(work.resolve("big"));
        ProcessRunner.Result made = ProcessRunner.run(Duration.ofMinutes(5), List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                Path.of("..", "bench", "MakeObjects.java").toString(), dir.toString(), "1", "16384", "32768", "1",
                "BIG"));
        assertEquals(0, made.exitCode(), made::describe);
        Path file = dir.resolve("000000.dcm");
        long size = Files.size(file);
        assertTrue(size > (1L << 30), "a 1 GiB object: " + size);
        ProcessRunner.Result stored = org.qrarchive.it.support.StoreScu.send(
                org.qrarchive.it.support.TestObjects.EXPLICIT_LE, List.of(file));
        assertEquals(1, org.qrarchive.it.support.StoreScu.successes(stored), stored::describe);
        String[] uids = Files.readString(dir.resolve("series.txt")).strip().split("\\s+");
        String sopUid = Files.readString(dir.resolve("uids.txt")).strip();
        Files.delete(file);

        org.qrarchive.it.support.ServerHeap.Sampler sampler = org.qrarchive.it.support.ServerHeap.sample(200, 4);
        ProcessRunner.Result r;
        try {
            r = run("getscu", "-S", List.of("-aet", "GETSCU", "--ignore"), "QueryRetrieveLevel=IMAGE",
                    "StudyInstanceUID=" + uids[0], "SeriesInstanceUID=" + uids[1], "SOPInstanceUID=" + sopUid);
        } finally {
            sampler.close();
        }
        long livePeak = sampler.live().stream().mapToLong(org.qrarchive.it.support.ServerHeap.Usage::used).max()
                .orElseThrow(() -> new AssertionError("no heap reading after a GC during the retrieve"));
        System.out.printf("RetrieveIT: C-GET of %d bytes in %d ms, live heap peak %d MiB%n", size,
                r.elapsed().toMillis(), livePeak >> 20);
        Outcome o = outcome(r);
        assertAll(r.describe(),
                () -> assertEquals(0x0000, o.status(), "final status"),
                () -> assertEquals(1, o.counts().get("Completed"), "completed"),
                () -> assertTrue(livePeak < 384L << 20, "live heap peak " + (livePeak >> 20) + " MiB"));
    }

    /** retrieve.propose=implicit (dcmqrscp --propose-implicit): the objects arrive in implicit VR LE. */
    @Test
    void proposeImplicitOnly() throws Exception {
        clear(received);
        FindFixture.Study study = fx.study(6);
        ProcessRunner.Result r;
        try (AdminApi.Change implicit = AdminApi.ae(ItConfig.AE_TITLE,
                a -> a.get("retrieve", "propose").set("implicit"))) {
            r = run("movescu", "-S", List.of("-aet", "MOVESCU", "-aem", "DEST"), "QueryRetrieveLevel=STUDY",
                    "StudyInstanceUID=" + study.uid());
        }
        assertEquals(0x0000, outcome(r).status(), r::describe);
        List<Path> got = files(received);
        assertEquals(fx.instancesOf(study).size(), got.size(), got::toString);
        for (Path p : got) {
            assertEquals(TestObjects.IMPLICIT_LE, DicomFiles.readPart10(p).orElseThrow()
                    .meta(DicomFiles.TRANSFER_SYNTAX_UID), p.toString());
        }
    }

    /** retrieve.moveAssociations=3: one C-MOVE over three sub-associations, every object once, counts exact. */
    @Test
    void moveOverSeveralSubAssociations() throws Exception {
        FindFixture.Study study = fx.study(4);
        List<FindFixture.Instance> instances = fx.instancesOf(study);
        ProcessRunner.Result r;
        try (AdminApi.Change three = AdminApi.ae(ItConfig.AE_TITLE,
                a -> a.get("retrieve", "moveAssociations").set(3))) {
            r = run("movescu", "-S", List.of("-aet", "MOVESCU", "-aem", "FORKED"), "QueryRetrieveLevel=STUDY",
                    "StudyInstanceUID=" + study.uid());
        }
        Outcome o = outcome(r);
        assertAll(r.describe(),
                () -> assertEquals(0x0000, o.status(), "final status"),
                () -> assertEquals(instances.size(), o.counts().get("Completed"), "completed"));
        assertSameAsStored(receivedForked, instances);
    }

    @Test
    void unknownDestinationIsA801() {
        ProcessRunner.Result r = run("movescu", "-S", List.of("-aet", "MOVESCU", "-aem", "NOBODY"),
                "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + fx.study(1).uid());
        assertEquals(0xA801, outcome(r).status(), r::describe);
    }

    @Test
    void destinationNotListeningFailsEverySubOperation() {
        FindFixture.Study study = fx.study(2);
        ProcessRunner.Result r = run("movescu", "-S", List.of("-aet", "MOVESCU", "-aem", "DEAD"),
                "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study.uid());
        Outcome o = outcome(r);
        assertAll(r.describe(),
                () -> assertEquals(0xA702, o.status(), "final status: none could be sent"),
                () -> assertEquals(fx.instancesOf(study).size(), o.counts().get("Failed"), "failed"));
    }

    /** As dcmqrscp: a study by its UID alone in the Patient Root model (getscu's default model). */
    @Test
    void patientRootStudyWithoutPatientId() throws Exception {
        Path dir = Files.createDirectories(work.resolve("get-pr-" + System.nanoTime()));
        FindFixture.Study study = fx.study(2);
        ProcessRunner.Result r = run("getscu", "-P", List.of("-aet", "GETSCU", "-od", dir.toString()),
                "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study.uid());
        Outcome o = outcome(r);
        assertAll(r.describe(),
                () -> assertEquals(0x0000, o.status(), "final status"),
                () -> assertEquals(fx.instancesOf(study).size(), o.counts().get("Completed"), "completed"));
    }

    @Test
    void missingUniqueKeyIsRefused() {
        ProcessRunner.Result r = run("movescu", "-S", List.of("-aet", "MOVESCU", "-aem", "DEST"),
                "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + fx.study(1).uid());
        assertEquals(0xC000, outcome(r).status(), r::describe);
    }

    @Test
    void writeOnlyAreaOffersNoRetrieve() {
        try (AdminApi.Change w = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("access").set("W"))) {
            ProcessRunner.Result r = run("movescu", "-S", List.of("-aet", "MOVESCU", "-aem", "DEST"),
                    "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + fx.study(1).uid());
            assertTrue(noRetrieveContext(r), r::describe);
        }
    }

    @Test
    void getSwitchedOffIsNotNegotiated() throws IOException {
        try (AdminApi.Change off = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("retrieve", "get").set(false))) {
            Path dir = Files.createDirectories(work.resolve("get-off"));
            ProcessRunner.Result r = run("getscu", "-S", List.of("-aet", "GETSCU", "-od", dir.toString()),
                    "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + fx.study(1).uid());
            assertTrue(noRetrieveContext(r), r::describe);
        }
    }
}
