package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qrarchive.it.support.FindChecks.assertMatches;
import static org.qrarchive.it.support.FindChecks.assertRefused;
import static org.qrarchive.it.support.FindFixture.patientIds;
import static org.qrarchive.it.support.FindFixture.studyUids;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qrarchive.it.support.Dcmtk;
import org.qrarchive.it.support.Deployments;
import org.qrarchive.it.support.FindFixture;
import org.qrarchive.it.support.FindScu;
import org.qrarchive.it.support.FindScu.Model;
import org.qrarchive.it.support.FindScu.Query;
import org.qrarchive.it.support.ItConfig;
import org.qrarchive.it.support.ProcessRunner;
import org.qrarchive.it.support.AdminApi;
import org.qrarchive.it.support.StoreChecks;
import org.qrarchive.it.support.StoreScu;

/**
 * C-FIND settings of the AE changed at runtime through the admin API: find.maxMatches, the model switches
 * find.studyRoot / patientRoot / patientStudyOnly, a second archive AE, and access W.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FindConfigIT {

    private static FindFixture fx;
    private static Path work;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void storeFixture() throws Exception {
        for (String tool : List.of("findscu", "storescu", "dump2dcm", "echoscu")) {
            Dcmtk.require(tool);
        }
        work = Files.createTempDirectory("qr-find-config-it-");
        fx = new FindFixture();
        fx.store(work);
    }

    @AfterAll
    static void cleanUp() {
        StoreChecks.deleteTree(work);
    }

    private Query allStudies() {
        return FindScu.query(Model.STUDY_ROOT).level("STUDY").key("PatientID", fx.scope()).key("StudyInstanceUID");
    }

    private Query allPatients(Model model) {
        return FindScu.query(model).level("PATIENT").key("PatientID", fx.scope());
    }

    private Query doeStudies() {
        return FindScu.query(Model.STUDY_ROOT).level("STUDY").key("PatientID", fx.doe.id()).key("StudyInstanceUID");
    }

    @Test
    void maxMatchesRefusesBigResultsWithOutOfResources() {
        try (AdminApi.Change max = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("find", "maxMatches").set(5))) {
            assertRefused(allStudies().run(work), FindScu.OUT_OF_RESOURCES);
            assertRefused(allPatients(Model.PATIENT_ROOT).run(work), FindScu.OUT_OF_RESOURCES);
            // at most 5 matches: answered
            assertMatches(doeStudies().run(work), "STUDY", "StudyInstanceUID", studyUids(fx.studiesOf(fx.doe)));
            assertMatches(FindScu.query(Model.STUDY_ROOT).level("STUDY").key("PatientID", fx.scope())
                    .key("StudyDate", "20210101-").key("StudyInstanceUID").run(work), "STUDY", "StudyInstanceUID",
                    studyUids(fx.studies(s -> s.date().compareTo("20210101") >= 0)));
        }
        assertMatches(allStudies().run(work), "STUDY", "StudyInstanceUID", studyUids(fx.studies()));
        // the limit itself is allowed: as many matches as find.maxMatches
        String patients = Integer.toString(fx.patients().size());
        try (AdminApi.Change max = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("find", "maxMatches").set(Integer.parseInt(patients)))) {
            assertMatches(allPatients(Model.PATIENT_ROOT).run(work), "PATIENT", "PatientID", patientIds(fx.patients()));
            assertRefused(allStudies().run(work), FindScu.OUT_OF_RESOURCES);
        }
    }

    /**
     * Each archive AE title has an index of its own: a second archive AE added through the admin API starts
     * empty, finds only what was stored into it, and names itself as Retrieve AE Title.
     */
    @Test
    void eachCalledAeTitleQueriesItsOwnIndex() {
        String other = "F" + fx.token();
        FindFixture.Study s1 = fx.study(1);
        FindFixture.Instance instance = fx.instancesOf(s1).get(0);
        try (AdminApi.Change titles = AdminApi.newAe(other, a -> { })) {
            assertMatches(allStudies().calledAe(other).run(work), "STUDY", "StudyInstanceUID", Set.of(),
                    FindScu.PENDING, other);

            ProcessRunner.Result stored = StoreScu.sendTo(other, List.of(fx.file(instance)));
            assertEquals(1, StoreScu.successes(stored), stored::describe);

            FindScu.Result r = allStudies().calledAe(other).key("NumberOfStudyRelatedInstances").run(work);
            assertMatches(r, "STUDY", "StudyInstanceUID", Set.of(s1.uid()), FindScu.PENDING, other);
            assertEquals("1", r.responses().get(0).string("NumberOfStudyRelatedInstances"), r::describe);
            FindScu.Result image = FindScu.query(Model.STUDY_ROOT).level("IMAGE").calledAe(other)
                    .key("StudyInstanceUID", s1.uid()).key("SeriesInstanceUID", instance.series().uid())
                    .key("SOPInstanceUID").run(work);
            assertMatches(image, "IMAGE", "SOPInstanceUID", Set.of(instance.uid()), FindScu.PENDING, other);
        }
        // QRSCP is unchanged
        FindScu.Result r = allStudies().key("NumberOfStudyRelatedInstances").run(work);
        assertMatches(r, "STUDY", "StudyInstanceUID", studyUids(fx.studies()));
        assertEquals(Integer.toString(fx.instancesOf(s1).size()),
                r.response("StudyInstanceUID", s1.uid()).string("NumberOfStudyRelatedInstances"), r::describe);
    }

    @Test
    void switchedOffModelsAreNotNegotiated() {
        try (AdminApi.Change off = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("find", "studyRoot").set(false))) {
            assertNoContext(allStudies().run(work), "Study Root switched off");
            // the other models still work
            assertMatches(allPatients(Model.PATIENT_ROOT).run(work), "PATIENT", "PatientID", patientIds(fx.patients()));
            assertMatches(allPatients(Model.PATIENT_STUDY_ONLY).run(work), "PATIENT", "PatientID",
                    patientIds(fx.patients()));
        }
        try (AdminApi.Change off = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("find", "patientRoot").set(false));
             AdminApi.Change off2 = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("find", "patientStudyOnly").set(false))) {
            assertNoContext(allPatients(Model.PATIENT_ROOT).run(work), "Patient Root switched off");
            assertNoContext(allPatients(Model.PATIENT_STUDY_ONLY).run(work), "Patient/Study Only switched off");
            assertMatches(allStudies().run(work), "STUDY", "StudyInstanceUID", studyUids(fx.studies()));
        }
        assertMatches(allStudies().run(work), "STUDY", "StudyInstanceUID", studyUids(fx.studies()));
    }

    /** An area with access W (store only) refuses query contexts; C-ECHO still works; RW again: answered. */
    @Test
    void writeOnlyAreaRefusesQueriesButAnswersEcho() {
        try (AdminApi.Change writeOnly = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("access").set("W"))) {
            assertNoContext(allStudies().run(work), "access W");
            assertNoContext(allPatients(Model.PATIENT_ROOT).run(work), "access W");
            ProcessRunner.Result echo = Dcmtk.echoscu("-aec", ItConfig.AE_TITLE, "-aet", "FINDSCU");
            assertAll("C-ECHO of a write-only area\n" + echo.describe(),
                    () -> assertEquals(0, echo.exitCode(), "echoscu exit code"),
                    () -> assertTrue(echo.output().contains(Dcmtk.ECHO_SUCCESS), "echo success"));
        }
        assertMatches(allStudies().run(work), "STUDY", "StudyInstanceUID", studyUids(fx.studies()));
    }

    /** findscu got no accepted presentation context: it says so, exits non-zero and sends no query. */
    private static void assertNoContext(FindScu.Result r, String why) {
        assertAll(why + "\n" + r.describe(),
                () -> assertTrue(r.noAcceptableContexts(), FindScu.NO_ACCEPTABLE_CONTEXTS),
                () -> assertNotEquals(0, r.process().exitCode(), "findscu exit code"),
                () -> assertEquals(0, r.outcomes().size(), "queries sent"),
                () -> assertEquals(0, r.responses().size(), "responses"));
    }
}
