package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
import org.qrarchive.it.support.ArchiveRest;
import org.qrarchive.it.support.Dcmtk;
import org.qrarchive.it.support.Deployments;
import org.qrarchive.it.support.FindScu;
import org.qrarchive.it.support.FindScu.Model;
import org.qrarchive.it.support.ProcessRunner;
import org.qrarchive.it.support.StoreChecks;
import org.qrarchive.it.support.StoreScu;
import org.qrarchive.it.support.TestObjects;

/**
 * Quotas of an archive AE, with storescu and findscu: the least recently updated studies go, a study is
 * trimmed to its newest instances, an object larger than a study may be is refused with A700, mode reject
 * refuses instead of deleting, parallel stores end within the quota, and the files on disk match the index.
 * Each test has an archive AE of its own, deleted with its objects afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class QuotaIT {
    private static Path work;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void prepare() throws Exception {
        for (String tool : List.of("storescu", "findscu", "dump2dcm")) {
            Dcmtk.require(tool);
        }
        work = Files.createTempDirectory("qr-quota-it-");
    }

    @AfterAll
    static void cleanUp() {
        StoreChecks.deleteTree(work);
    }

    /** COUNT small CT objects (16 x 16) in studies of PER_STUDY, by bench/MakeObjects.java, in store order. */
    private record Objects(Path dir, List<Path> files, List<String> studies, List<String> sopUids) {
        static Objects make(String name, int count, int perStudy) throws IOException {
            Path dir = Files.createDirectories(work.resolve(name));
            ProcessRunner.Result r = ProcessRunner.run(Duration.ofMinutes(2), List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    Path.of("..", "bench", "MakeObjects.java").toString(), dir.toString(), Integer.toString(count),
                    "16", "16", Integer.toString(perStudy), name));
            assertEquals(0, r.exitCode(), r::describe);
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
            }
            List<String> studies = Files.readAllLines(dir.resolve("series.txt")).stream()
                    .map(l -> l.split("\\s+")[0]).distinct().toList();
            return new Objects(dir, files, studies, Files.readAllLines(dir.resolve("uids.txt")));
        }
    }

    private static String aeTitle(String prefix) {
        return prefix + TestObjects.runToken().substring(0, 6);
    }

    private static AdminApi.Change quotaAe(String aet, Integer maxStudies, Long maxBytes, String mode) {
        return AdminApi.newAe(aet, a -> {
            if (maxStudies != null) {
                a.get("quota", "maxStudies").set(maxStudies);
            }
            if (maxBytes != null) {
                a.get("quota", "maxBytesPerStudy").set(maxBytes);
            }
            a.get("quota", "mode").set(mode);
        });
    }

    private static ProcessRunner.Result store(String aet, List<Path> files) {
        return StoreScu.sendTo(aet, files);
    }

    private static Set<String> studies(String aet) {
        FindScu.Result r = FindScu.query(Model.STUDY_ROOT).level("STUDY").calledAe(aet).key("StudyInstanceUID")
                .run(work);
        assertEquals(FindScu.SUCCESS, r.status(), r::describe);
        return new TreeSet<>(r.values("StudyInstanceUID"));
    }

    /** The SOP Instance UIDs of a study, series by series (the Study Root model is hierarchical). */
    private static Set<String> images(String aet, String study) {
        FindScu.Result series = FindScu.query(Model.STUDY_ROOT).level("SERIES").calledAe(aet)
                .key("StudyInstanceUID", study).key("SeriesInstanceUID").run(work);
        assertEquals(FindScu.SUCCESS, series.status(), series::describe);
        Set<String> uids = new TreeSet<>();
        for (String se : series.values("SeriesInstanceUID")) {
            FindScu.Result r = FindScu.query(Model.STUDY_ROOT).level("IMAGE").calledAe(aet)
                    .key("StudyInstanceUID", study).key("SeriesInstanceUID", se).key("SOPInstanceUID").run(work);
            assertEquals(FindScu.SUCCESS, r.status(), r::describe);
            uids.addAll(r.values("SOPInstanceUID"));
        }
        return uids;
    }

    /** The files in the AE's storage area (not the incoming ones) equal the instances its index counts. */
    private static void assertDiskMatchesIndex(String aet) throws IOException {
        Path area = Path.of(System.getProperty("jboss.home"), "standalone", "data", "qr-storage", aet);
        long files;
        try (Stream<Path> s = Files.walk(area)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".incoming")).count();
        }
        assertEquals(ArchiveRest.counts(aet).instances(), files, "files on disk against instances in the index");
    }

    @Test
    void theThreeMostRecentlyUpdatedStudiesRemain() throws Exception {
        String aet = aeTitle("Q3");
        Objects o = Objects.make(aet, 10, 2);
        try (AdminApi.Change ae = quotaAe(aet, 3, null, "delete-oldest")) {
            ProcessRunner.Result r = store(aet, o.files()); // all 5 studies within about a second
            assertEquals(10, StoreScu.successes(r), r::describe);
            assertEquals(new TreeSet<>(o.studies().subList(2, 5)), studies(aet), "the last three studies");
            assertDiskMatchesIndex(aet);
            ModelNode usage = AdminApi.get(AdminApi.aePath(aet) + "/usage");
            assertAll(usage.toJSONString(false),
                    () -> assertEquals(3, usage.get("studies").asInt()),
                    () -> assertEquals(3, usage.get("largestStudies").asList().size()),
                    () -> assertEquals(2, usage.get("lastEvictions").asList().size()),
                    () -> assertEquals(o.studies().get(1), usage.get("lastEvictions").asList().get(0)
                            .get("studyInstanceUid").asString(), "the latest eviction first"));
        }
    }

    @Test
    void aStudyIsTrimmedToItsNewestInstances() throws Exception {
        String aet = aeTitle("QB");
        Objects o = Objects.make(aet, 5, 5);
        long size = Files.size(o.files().get(0));
        try (AdminApi.Change ae = quotaAe(aet, null, 3 * size + size / 2, "delete-oldest")) {
            ProcessRunner.Result r = store(aet, o.files());
            assertEquals(5, StoreScu.successes(r), r::describe);
            assertEquals(new TreeSet<>(o.sopUids().subList(2, 5)), images(aet, o.studies().get(0)),
                    "the three newest instances");
            assertDiskMatchesIndex(aet);
        }
    }

    @Test
    void anObjectLargerThanAStudyMayBeIsRefused() throws Exception {
        String aet = aeTitle("QL");
        Objects o = Objects.make(aet, 1, 1);
        try (AdminApi.Change ae = quotaAe(aet, null, Files.size(o.files().get(0)) / 2, "delete-oldest")) {
            ProcessRunner.Result r = store(aet, o.files());
            assertAll(r.describe(),
                    () -> assertEquals(0, StoreScu.successes(r), "no success"),
                    () -> assertTrue(r.output().contains("Refused: OutOfResources"), "A700"));
            assertEquals(Set.of(), studies(aet));
            assertDiskMatchesIndex(aet);
        }
    }

    @Test
    void rejectModeRefusesAndDeletesNothing() throws Exception {
        String aet = aeTitle("QR");
        Objects o = Objects.make(aet, 3, 1);
        try (AdminApi.Change ae = quotaAe(aet, 2, null, "reject")) {
            ProcessRunner.Result r = store(aet, o.files());
            assertEquals(List.of("Success", "Success"), StoreScu.responses(r).subList(0, 2), r::describe);
            assertEquals(2, StoreScu.successes(r), r::describe);
            assertEquals(new TreeSet<>(o.studies().subList(0, 2)), studies(aet), "the first two stay");
            assertDiskMatchesIndex(aet);
        }
    }

    /** Four storescu at once into an AE at its quota: within it afterwards, disk and index agreeing. */
    @Test
    void parallelStoresEndWithinTheQuota() throws Exception {
        String aet = aeTitle("QP");
        Objects o = Objects.make(aet, 16, 2);
        try (AdminApi.Change ae = quotaAe(aet, 3, null, "delete-oldest")) {
            List<ProcessRunner.Running> senders = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                senders.add(ProcessRunner.start(StoreScu.commandTo(aet, o.files().subList(4 * k, 4 * k + 4))));
            }
            for (ProcessRunner.Running s : senders) {
                ProcessRunner.Result r = s.await(Duration.ofSeconds(120));
                assertEquals(4, StoreScu.successes(r), r::describe);
            }
            Set<String> held = studies(aet);
            assertTrue(held.size() <= 3, "at most 3 studies: " + held);
            assertDiskMatchesIndex(aet);
        }
    }

    /**
     * A study evicted while a C-MOVE of it runs (to a storescp that takes a second per object): what was
     * still to send counts as failed sub-operations, the final status says so, nothing hangs.
     */
    @Test
    void evictionDuringAMoveFailsTheRestOfIt() throws Exception {
        String aet = aeTitle("QM");
        Objects first = Objects.make(aet + "A", 4, 4);
        Objects second = Objects.make(aet + "B", 1, 1);
        int port = 11193;
        ProcessRunner.Running slow = ProcessRunner.start(List.of(Dcmtk.require("storescp").toString(), "-aet", "QSLOW",
                "--sleep-after", "1", "--ignore", "-ta", "10", "-td", "30", Integer.toString(port)));
        ModelNode peer = new ModelNode();
        peer.get("aeTitle").set("QSLOW");
        peer.get("host").set("127.0.0.1");
        peer.get("port").set(port);
        try (AdminApi.Change ae = quotaAe(aet, 1, null, "delete-oldest")) {
            AdminApi.put("/qr/api/peers/qslow", peer);
            assertEquals(4, StoreScu.successes(store(aet, first.files())));
            Thread.sleep(500); // storescp listening
            ProcessRunner.Running move = ProcessRunner.start(List.of(Dcmtk.require("movescu").toString(), "-v", "-S",
                    "-aec", aet, "-aet", "MOVESCU", "-aem", "QSLOW", "-to", "10", "-ta", "10", "-td", "60",
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + first.studies().get(0),
                    "127.0.0.1", Integer.toString(org.qrarchive.it.support.ItConfig.dicomPort())));
            Thread.sleep(1500); // the first object is on its way
            assertEquals(1, StoreScu.successes(store(aet, second.files())), "the new study evicts the moved one");
            ProcessRunner.Result moved = move.await(Duration.ofSeconds(60));
            assertAll(moved.describe(),
                    () -> assertTrue(moved.output().contains("Final Move Response"), "a final response"),
                    () -> assertTrue(!moved.output().contains("Final Move Response (Success)"),
                            "not all sub-operations completed"));
            assertEquals(Set.of(second.studies().get(0)), studies(aet));
            assertDiskMatchesIndex(aet);
        } finally {
            slow.destroy();
            AdminApi.delete("/qr/api/peers/qslow");
        }
    }

    /** A quota lowered through the API applies at the next store, or at once with usage/enforce. */
    @Test
    void aLoweredQuotaIsEnforcedOnRequest() throws Exception {
        String aet = aeTitle("QE");
        Objects o = Objects.make(aet, 4, 1);
        try (AdminApi.Change ae = quotaAe(aet, 10, null, "delete-oldest")) {
            assertEquals(4, StoreScu.successes(store(aet, o.files())));
            try (AdminApi.Change lower = AdminApi.ae(aet, a -> a.get("quota", "maxStudies").set(2))) {
                assertEquals(4, studies(aet).size(), "nothing deleted until asked");
                AdminApi.send("POST", AdminApi.aePath(aet) + "/usage/enforce", AdminApi.ADMIN, null, null);
                assertEquals(new TreeSet<>(o.studies().subList(2, 4)), studies(aet));
                assertDiskMatchesIndex(aet);
            }
        }
    }
}
