package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qrarchive.it.support.ArchiveRest;
import org.qrarchive.it.support.Deployments;
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
 * What is stored survives a restart of the server's services: index (H2 file database) and files.
 *
 * <p>Arquillian's managed container starts the JVM once for the whole run and cannot stop and start
 * it in the middle of a test class, so the restart here is a management {@code :reload}: WildFly
 * stops and starts every service in the same JVM, including the datasource (H2 closes and reopens
 * its file), the EJBs, the deployment and the DICOM listener. Only a crash of the JVM is not covered.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoreRestartIT {

    private static final String AE = ItConfig.AE_TITLE;
    private static Path work;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void setUp() throws Exception {
        StoreChecks.requireDcmtkTools();
        work = Files.createTempDirectory("qr-store-restart-it-");
    }

    @AfterAll
    static void cleanUp() {
        StoreChecks.deleteTree(work);
    }

    @Test
    void storedInstancesSurviveAReload() {
        String run = TestObjects.runToken();
        Study study = new Study(new Patient("QRIT-RELOAD-" + run, "Reload^Rita"), TestObjects.newUid(), "20230303");
        List<Spec> specs = new ArrayList<>();
        add(specs, TestObjects.newSeries(study, "CT", TestObjects.CT, 1), TestObjects.IMPLICIT_LE, 8, 64, 64);
        add(specs, TestObjects.newSeries(study, "MR", TestObjects.MR, 2), TestObjects.EXPLICIT_BE, 6, 128, 128);
        add(specs, TestObjects.newSeries(study, "SR", TestObjects.BASIC_TEXT_SR, 3), TestObjects.DEFLATED_LE, 4, 0, 0);
        add(specs, TestObjects.newSeries(study, "OT", TestObjects.SECONDARY_CAPTURE, 4), TestObjects.JPEG_BASELINE, 4, 32, 32);
        add(specs, TestObjects.newSeries(study, "DOC", TestObjects.ENCAPSULATED_PDF, 5), TestObjects.EXPLICIT_LE, 2, 0, 0);
        List<DicomObject> objects = new TestObjects(work).generate(specs, 3);
        DicomObject lateObject = objects.remove(objects.size() - 1); // sent after the reload

        ArchiveRest.Counts before = ArchiveRest.counts(AE);
        send(objects);
        Path area = ServerControl.storageArea(AE);
        assertNoProblems("before the reload", area, objects);
        ArchiveRest.Counts stored = ArchiveRest.counts(AE);
        assertEquals(new ArchiveRest.Counts(1, 1, 5, objects.size()), stored.minus(before), "counts after storing");

        Duration took = ServerControl.reload(Duration.ofSeconds(90));
        System.out.printf("StoreRestartIT: server reloaded in %d ms%n", took.toMillis());

        assertEquals(stored, ArchiveRest.counts(AE), "counts after the reload");
        assertNoProblems("after the reload", area, objects);

        // and the archive still takes objects into the same study
        send(List.of(lateObject));
        assertNoProblems("sent after the reload", area, List.of(lateObject));
        assertEquals(new ArchiveRest.Counts(0, 0, 0, 1), ArchiveRest.counts(AE).minus(stored), "counts after one more");
    }

    private static void add(List<Spec> specs, Series series, String ts, int count, int rows, int columns) {
        for (int i = 1; i <= count; i++) {
            specs.add(new Spec(series, TestObjects.newUid(), i, ts, rows, columns));
        }
    }

    private static void send(List<DicomObject> objects) {
        Map<String, List<DicomObject>> bySyntax = objects.stream().collect(
                Collectors.groupingBy(DicomObject::transferSyntaxUid, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<DicomObject>> group : bySyntax.entrySet()) {
            List<Path> files = group.getValue().stream().map(DicomObject::file).toList();
            ProcessRunner.Result result = StoreScu.send(group.getKey(), files);
            assertAll("storescu " + group.getKey() + "\n" + StoreIT.tail(result),
                    () -> assertEquals(0, result.exitCode(), "exit code"),
                    () -> assertEquals(files.size(), StoreScu.successes(result), "Success responses"));
        }
    }

    private static void assertNoProblems(String when, Path area, List<DicomObject> objects) {
        List<String> problems = new ArrayList<>();
        for (DicomObject object : objects) {
            problems.addAll(StoreChecks.checkStoredAsSent(AE, area, object, "STORESCU"));
        }
        assertTrue(problems.isEmpty(), when + ":\n" + String.join("\n", problems));
    }
}
