package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
import org.qrarchive.it.support.ArchiveRest;
import org.qrarchive.it.support.Deployments;
import org.qrarchive.it.support.DicomFiles;
import org.qrarchive.it.support.ItConfig;
import org.qrarchive.it.support.ProcessRunner;
import org.qrarchive.it.support.ServerControl;
import org.qrarchive.it.support.StoreChecks;
import org.qrarchive.it.support.StoreScu;
import org.qrarchive.it.support.TestObjects;
import org.qrarchive.it.support.TestObjects.DicomObject;
import org.qrarchive.it.support.TestObjects.Patient;
import org.qrarchive.it.support.TestObjects.Series;
import org.qrarchive.it.support.TestObjects.Spec;
import org.qrarchive.it.support.TestObjects.Study;

/**
 * C-STORE with DCMTK's storescu as the sender: what arrives is on disk bit for bit, in the index with
 * the right values, and concurrent senders into one new study do not duplicate anything.
 *
 * <p>The server's data outlives test runs (qr-it/target/wildfly/standalone/data), so counts are
 * compared before/after, and patient IDs carry a token of this run.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoreIT {

    private static final String AE = ItConfig.AE_TITLE;
    private static Path work;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void setUp() throws Exception {
        StoreChecks.requireDcmtkTools();
        work = Files.createTempDirectory("qr-store-it-");
    }

    @AfterAll
    static void cleanUp() {
        StoreChecks.deleteTree(work);
    }

    /**
     * 214 objects: CT, MR, CR, secondary capture, Basic Text SR and encapsulated PDF, for 4 patients
     * in 5 studies and 19 series, in implicit VR LE, explicit VR LE, explicit VR BE, deflated and JPEG
     * baseline. Each transfer syntax goes in its own storescu run proposing it alone first, so that
     * storescu sends every object in its own transfer syntax. Then for every object: Success, the REST
     * view has the values of the object, the file is at {@code <storage area>/<filePath>}, is a Part 10
     * file whose meta information names the right SOP class, instance and transfer syntax, and whose
     * data set bytes are those of the sent file; the counts grew by exactly what was sent.
     */
    @Test
    void everyObjectIsStoredAsReceivedAndIndexed() throws Exception {
        String run = TestObjects.runToken();
        Patient p1 = new Patient("QRIT-" + run + "-1", "Müller^Hans"); // ISO 8859-1: dump2dcm objects only
        Patient p2 = new Patient("QRIT-" + run + "-2", "Doe^Jane");
        Patient p3 = new Patient("QRIT-" + run + "-3", "Smith^John^^Dr");
        Patient p4 = new Patient("QRIT-" + run + "-4", "Tanaka^Yuki");
        Study s1 = new Study(p1, TestObjects.newUid(), "20240102");
        Study s2 = new Study(p1, TestObjects.newUid(), "20231224");
        Study s3 = new Study(p2, TestObjects.newUid(), "20240315");
        Study s4 = new Study(p3, TestObjects.newUid(), "20220730");
        Study s5 = new Study(p4, TestObjects.newUid(), "20200229");

        List<Spec> specs = new ArrayList<>();
        Map<Study, Integer> seriesNumbers = new LinkedHashMap<>();
        // study, modality, SOP class, transfer syntax, count, rows, columns
        series(specs, seriesNumbers, s1, "CT", TestObjects.CT, TestObjects.IMPLICIT_LE, 30, 64, 64);
        series(specs, seriesNumbers, s1, "CT", TestObjects.CT, TestObjects.EXPLICIT_LE, 20, 64, 64);
        series(specs, seriesNumbers, s1, "SR", TestObjects.BASIC_TEXT_SR, TestObjects.DEFLATED_LE, 5, 0, 0);
        series(specs, seriesNumbers, s1, "MR", TestObjects.MR, TestObjects.EXPLICIT_BE, 10, 128, 128);
        series(specs, seriesNumbers, s2, "MR", TestObjects.MR, TestObjects.IMPLICIT_LE, 20, 128, 128);
        series(specs, seriesNumbers, s2, "MR", TestObjects.MR, TestObjects.DEFLATED_LE, 10, 128, 128);
        series(specs, seriesNumbers, s2, "SR", TestObjects.BASIC_TEXT_SR, TestObjects.IMPLICIT_LE, 5, 0, 0);
        // CR 256 x 320 x 2 bytes = 160 KiB: several PDUs per object, above the 64 KiB bulk data threshold
        series(specs, seriesNumbers, s3, "CR", TestObjects.CR, TestObjects.EXPLICIT_LE, 15, 256, 320);
        series(specs, seriesNumbers, s3, "CR", TestObjects.CR, TestObjects.EXPLICIT_BE, 15, 256, 320);
        series(specs, seriesNumbers, s3, "DOC", TestObjects.ENCAPSULATED_PDF, TestObjects.EXPLICIT_LE, 5, 0, 0);
        series(specs, seriesNumbers, s3, "OT", TestObjects.SECONDARY_CAPTURE, TestObjects.JPEG_BASELINE, 15, 48, 64);
        series(specs, seriesNumbers, s4, "CT", TestObjects.CT, TestObjects.DEFLATED_LE, 15, 64, 64);
        series(specs, seriesNumbers, s4, "SR", TestObjects.BASIC_TEXT_SR, TestObjects.EXPLICIT_LE, 5, 0, 0);
        series(specs, seriesNumbers, s4, "DOC", TestObjects.ENCAPSULATED_PDF, TestObjects.EXPLICIT_BE, 3, 0, 0);
        series(specs, seriesNumbers, s4, "OT", TestObjects.SECONDARY_CAPTURE, TestObjects.JPEG_BASELINE, 10, 32, 32);
        series(specs, seriesNumbers, s5, "CT", TestObjects.CT, TestObjects.EXPLICIT_BE, 12, 64, 64);
        series(specs, seriesNumbers, s5, "DOC", TestObjects.ENCAPSULATED_PDF, TestObjects.IMPLICIT_LE, 2, 0, 0);
        series(specs, seriesNumbers, s5, "MR", TestObjects.MR, TestObjects.EXPLICIT_LE, 12, 128, 128);
        series(specs, seriesNumbers, s5, "CR", TestObjects.CR, TestObjects.IMPLICIT_LE, 5, 256, 320);

        long t0 = System.nanoTime();
        List<DicomObject> objects = new TestObjects(work).generate(specs, 3);
        long generatedMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(214, objects.size());

        ArchiveRest.Counts before = ArchiveRest.counts(AE);
        Map<String, List<DicomObject>> bySyntax = objects.stream().collect(
                Collectors.groupingBy(DicomObject::transferSyntaxUid, LinkedHashMap::new, Collectors.toList()));
        assertEquals(5, bySyntax.size(), "five transfer syntaxes");
        long t1 = System.nanoTime();
        for (Map.Entry<String, List<DicomObject>> group : bySyntax.entrySet()) {
            List<Path> files = group.getValue().stream().map(DicomObject::file).toList();
            ProcessRunner.Result result = StoreScu.send(group.getKey(), files);
            List<String> responses = StoreScu.responses(result);
            assertAll("storescu " + group.getKey() + ", " + files.size() + " objects\n" + tail(result),
                    () -> assertEquals(0, result.exitCode(), "exit code"),
                    () -> assertEquals(files.size(), StoreScu.successes(result), "Success responses"),
                    () -> assertEquals(files.size(), responses.size(), "responses: " + responses));
        }
        long sentMs = (System.nanoTime() - t1) / 1_000_000;

        long t2 = System.nanoTime();
        Path area = ServerControl.storageArea(AE);
        List<String> problems = new ArrayList<>();
        for (DicomObject object : objects) {
            problems.addAll(StoreChecks.checkStoredAsSent(AE, area, object, "STORESCU"));
        }
        assertTrue(problems.isEmpty(), problems.size() + " problem(s) with the stored objects, the first ones:\n"
                + String.join("\n", problems.subList(0, Math.min(30, problems.size()))));

        // DCMTK reads the stored files as it reads the sent ones (one object per transfer syntax, and
        // every deflated object whose stored data set carries storescu's trailing NUL)
        List<DicomObject> dumped = new ArrayList<>();
        bySyntax.values().forEach(group -> dumped.add(group.get(0)));
        objects.stream().filter(o -> TestObjects.DEFLATED_LE.equals(o.transferSyntaxUid()))
                .filter(o -> DicomFiles.dataSetBytes(o.file()).length % 2 == 1).limit(3).forEach(dumped::add);
        for (DicomObject object : dumped) {
            Path stored = StoreChecks.storedFile(area, ArchiveRest.instance(AE, object.sopInstanceUid()).orElseThrow());
            assertEquals(DicomFiles.dataSetLinesWithoutLengths(DicomFiles.dcmdump(object.file())),
                    DicomFiles.dataSetLinesWithoutLengths(DicomFiles.dcmdump(stored)),
                    "dcmdump of the stored file " + stored + " vs the sent " + object);
        }

        ArchiveRest.Counts delta = ArchiveRest.counts(AE).minus(before);
        assertEquals(new ArchiveRest.Counts(4, 5, 19, 214), delta,
                "counts of " + AE + " grew by 4 patients, 5 studies, 19 series, 214 instances");
        System.out.printf("StoreIT: generated 214 objects in %d ms, stored them in %d ms, checked them in %d ms%n",
                generatedMs, sentMs, (System.nanoTime() - t2) / 1_000_000);
    }

    /**
     * Four storescu processes at once, 25 instances each, all of one new study (new patient, two new
     * series shared by every sender): the four race to create the patient, study and series rows. All
     * 100 succeed; the counts grow by exactly 1 patient, 1 study, 2 series, 100 instances; every
     * instance is in the index once, under that study, with exactly one file.
     */
    @Test
    void parallelSendersIntoOneNewStudy() throws Exception {
        String run = TestObjects.runToken();
        Study study = new Study(new Patient("QRIT-PAR-" + run, "Parallel^Pat"), TestObjects.newUid(), "20250101");
        Series[] series = {TestObjects.newSeries(study, "CT", TestObjects.CT, 1),
                TestObjects.newSeries(study, "CT", TestObjects.CT, 2)};
        List<Spec> specs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            specs.add(new Spec(series[i % 2], TestObjects.newUid(), i + 1, TestObjects.EXPLICIT_LE, 32, 32));
        }
        Path dir = Files.createDirectories(work.resolve("parallel"));
        List<DicomObject> objects = new TestObjects(dir).generate(specs, 3);

        ArchiveRest.Counts before = ArchiveRest.counts(AE);
        List<ProcessRunner.Running> senders = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            List<Path> files = objects.subList(p * 25, p * 25 + 25).stream().map(DicomObject::file).toList();
            senders.add(StoreScu.start(TestObjects.EXPLICIT_LE, files, "-aet", "PARALLEL" + p));
        }
        StringBuilder failures = new StringBuilder();
        for (ProcessRunner.Running sender : senders) {
            ProcessRunner.Result result = sender.await(Duration.ofSeconds(120));
            if (result.exitCode() != 0 || StoreScu.successes(result) != 25) {
                failures.append(StoreScu.successes(result)).append(" of 25 succeeded, responses ")
                        .append(StoreScu.responses(result)).append('\n').append(tail(result)).append('\n');
            }
        }
        assertTrue(failures.isEmpty(), "Not every parallel sender succeeded:\n" + failures);

        ArchiveRest.Counts delta = ArchiveRest.counts(AE).minus(before);
        assertEquals(new ArchiveRest.Counts(1, 1, 2, 100), delta, "counts grew by 1 patient, 1 study, 2 series, 100 instances");

        Path area = ServerControl.storageArea(AE);
        List<String> problems = new ArrayList<>();
        for (DicomObject object : objects) {
            Optional<ModelNode> view = ArchiveRest.instance(AE, object.sopInstanceUid());
            if (view.isEmpty()) {
                problems.add(object + ": not in the index");
                continue;
            }
            if (!study.uid().equals(ArchiveRest.field(view.get(), "studyInstanceUid"))
                    || !object.series().uid().equals(ArchiveRest.field(view.get(), "seriesInstanceUid"))) {
                problems.add(object + ": wrong study/series " + view.get());
            }
        }
        Map<String, Long> filesPerInstance;
        try (Stream<Path> files = Files.walk(area.resolve(study.uid()))) {
            filesPerInstance = files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .collect(Collectors.groupingBy(name -> name.substring(0, name.lastIndexOf('-')),
                            Collectors.counting()));
        }
        for (DicomObject object : objects) {
            long n = filesPerInstance.getOrDefault(object.sopInstanceUid(), 0L);
            if (n != 1) {
                problems.add(object + ": " + n + " files in the study directory");
            }
        }
        assertEquals(100, filesPerInstance.values().stream().mapToLong(Long::longValue).sum(),
                "files in the study directory " + area.resolve(study.uid()));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * The same objects sent twice: the second copy replaces the first. The counts grow once, each
     * instance has one index row pointing to a new file, and the file of the first copy is gone.
     */
    @Test
    void sendingAnObjectAgainReplacesItsFile() throws Exception {
        Study study = new Study(new Patient("QRIT-AGAIN-" + TestObjects.runToken(), "Again^Anna"), TestObjects.newUid(),
                "20250202");
        Series series = TestObjects.newSeries(study, "MR", TestObjects.MR, 1);
        List<Spec> specs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            specs.add(new Spec(series, TestObjects.newUid(), i, TestObjects.EXPLICIT_LE, 32, 32));
        }
        List<DicomObject> objects = new TestObjects(Files.createDirectories(work.resolve("again"))).generate(specs, 3);
        List<Path> files = objects.stream().map(DicomObject::file).toList();
        Path area = ServerControl.storageArea(AE);

        ArchiveRest.Counts before = ArchiveRest.counts(AE);
        ProcessRunner.Result first = StoreScu.send(TestObjects.EXPLICIT_LE, files);
        assertEquals(3, StoreScu.successes(first), tail(first));
        Map<String, Path> firstFiles = new LinkedHashMap<>();
        for (DicomObject object : objects) {
            firstFiles.put(object.sopInstanceUid(),
                    StoreChecks.storedFile(area, ArchiveRest.instance(AE, object.sopInstanceUid()).orElseThrow()));
        }
        ProcessRunner.Result second = StoreScu.send(TestObjects.EXPLICIT_LE, files);
        assertEquals(3, StoreScu.successes(second), tail(second));

        assertEquals(new ArchiveRest.Counts(1, 1, 1, 3), ArchiveRest.counts(AE).minus(before), "counts grew once");
        List<String> problems = new ArrayList<>();
        for (DicomObject object : objects) {
            problems.addAll(StoreChecks.checkStoredAsSent(AE, area, object, "STORESCU"));
            Path now = StoreChecks.storedFile(area, ArchiveRest.instance(AE, object.sopInstanceUid()).orElseThrow());
            Path old = firstFiles.get(object.sopInstanceUid());
            if (now == null || now.equals(old) || Files.exists(old)) {
                problems.add(object + ": first file " + old + " (exists: " + Files.exists(old) + "), now " + now);
            }
            List<Path> all = StoreChecks.filesNamedAfter(area.resolve(study.uid()), object.sopInstanceUid());
            if (all.size() != 1) {
                problems.add(object + ": " + all.size() + " files " + all);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void series(List<Spec> specs, Map<Study, Integer> seriesNumbers, Study study, String modality,
                               String sopClass, String ts, int count, int rows, int columns) {
        int number = seriesNumbers.merge(study, 1, Integer::sum);
        Series series = TestObjects.newSeries(study, modality, sopClass, number);
        for (int i = 1; i <= count; i++) {
            specs.add(new Spec(series, TestObjects.newUid(), i, ts, rows, columns));
        }
    }

    /** The command and the last lines of a storescu run (the full -v output of 60 objects is long). */
    static String tail(ProcessRunner.Result result) {
        List<String> lines = Arrays.asList(result.output().split("\n"));
        List<String> last = lines.subList(Math.max(0, lines.size() - 25), lines.size());
        return "$ " + String.join(" ", result.command().subList(0, Math.min(16, result.command().size())))
                + " ...\nexit code " + result.exitCode() + " after " + result.elapsed().toMillis() + " ms\n"
                + String.join("\n", last);
    }
}
