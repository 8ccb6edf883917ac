package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qrarchive.it.support.FindChecks.assertMatches;
import static org.qrarchive.it.support.FindChecks.assertRefused;
import static org.qrarchive.it.support.FindChecks.setOf;
import static org.qrarchive.it.support.FindFixture.patientIds;
import static org.qrarchive.it.support.FindFixture.set;
import static org.qrarchive.it.support.FindFixture.studyUids;
import static org.qrarchive.it.support.FindScu.Model.PATIENT_ROOT;
import static org.qrarchive.it.support.FindScu.Model.PATIENT_STUDY_ONLY;
import static org.qrarchive.it.support.FindScu.Model.STUDY_ROOT;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.qrarchive.it.support.ArchiveRest;
import org.qrarchive.it.support.Dcmtk;
import org.qrarchive.it.support.Deployments;
import org.qrarchive.it.support.FindChecks;
import org.qrarchive.it.support.FindFixture;
import org.qrarchive.it.support.FindFixture.Instance;
import org.qrarchive.it.support.FindFixture.Patient;
import org.qrarchive.it.support.FindFixture.Series;
import org.qrarchive.it.support.FindFixture.Study;
import org.qrarchive.it.support.FindScu;
import org.qrarchive.it.support.FindScu.Model;
import org.qrarchive.it.support.FindScu.Query;
import org.qrarchive.it.support.ItConfig;
import org.qrarchive.it.support.AdminApi;
import org.qrarchive.it.support.StoreChecks;

/**
 * C-FIND SCP with DCMTK's findscu: matching at every level of the three models, return keys, refused
 * identifiers. Every expected result is computed from {@link FindFixture}; every check compares the exact set
 * of unique keys returned.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FindIT {

    private static FindFixture fx;
    private static Path work;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void storeFixture() throws Exception {
        for (String tool : List.of("findscu", "storescu", "dump2dcm")) {
            Dcmtk.require(tool);
        }
        work = Files.createTempDirectory("qr-find-it-");
        fx = new FindFixture();
        long t0 = System.nanoTime();
        fx.store(work);
        System.out.printf("FindIT: fixture of %d instances stored in %d ms (run token %s)%n", fx.instances().size(),
                (System.nanoTime() - t0) / 1_000_000, fx.token());
    }

    @AfterAll
    static void cleanUp() {
        StoreChecks.deleteTree(work);
    }

    private static Query q(Model model, String level) {
        return FindScu.query(model).level(level);
    }

    private static FindScu.Result run(Query q) {
        return q.run(work);
    }

    // ----------------------------------------------------------------------------------------- PATIENT level

    @Test
    void patientLevelMatchingInPatientRootAndPatientStudyOnly() {
        for (Model model : List.of(PATIENT_ROOT, PATIENT_STUDY_ONLY)) {
            // universal matching on every key but the scope; answered in UTF-8, so every name comes back intact
            FindScu.Result all = run(q(model, "PATIENT").charset("ISO_IR 192").key("PatientID", fx.scope())
                    .key("PatientName").key("PatientBirthDate").key("PatientSex"));
            assertMatches(all, "PATIENT", "PatientID", patientIds(fx.patients()));
            List<Executable> values = new ArrayList<>();
            for (Patient p : fx.patients()) {
                FindScu.Response rsp = all.response("PatientID", p.id());
                values.add(() -> assertEquals("ISO_IR 192", rsp.charset(), "charset of " + rsp));
                values.add(() -> assertEquals(p.name(), rsp.string("PatientName"), "PatientName of " + p.id()));
                values.add(() -> assertEquals(p.birthDate(), rsp.string("PatientBirthDate"), "birth date " + p.id()));
                values.add(() -> assertEquals(p.sex(), rsp.string("PatientSex"), "sex of " + p.id()));
            }
            assertAll(model + " values\n" + all.describe(), values);

            // single value
            assertMatches(run(q(model, "PATIENT").key("PatientID", fx.doe.id())), "PATIENT", "PatientID",
                    setOf(fx.doe.id()));
            assertMatches(run(q(model, "PATIENT").key("PatientID", fx.scope()).key("PatientName", "Doe^John")),
                    "PATIENT", "PatientID", setOf(fx.doe.id()));
            // wild cards, ASCII query
            assertMatches(run(q(model, "PATIENT").key("PatientID", fx.scope()).key("PatientName", "*oe^*")),
                    "PATIENT", "PatientID", setOf(fx.doe.id(), fx.doeJane.id()));
            assertMatches(run(q(model, "PATIENT").key("PatientID", fx.scope()).key("PatientName", "M?ller*")),
                    "PATIENT", "PatientID", setOf(fx.mueller.id(), fx.miller.id()));
            assertMatches(run(q(model, "PATIENT").key("PatientID", fx.scope()).key("PatientName", "Mu*")),
                    "PATIENT", "PatientID", setOf(fx.muellerMax.id()));
            // wild card in the unique key itself
            assertMatches(run(q(model, "PATIENT").key("PatientID", "QF" + fx.token() + "-MUELLER?")),
                    "PATIENT", "PatientID", setOf(fx.muellerMax.id()));
            // DA range on PatientBirthDate: from-to, -to, from-
            assertMatches(run(q(model, "PATIENT").key("PatientID", fx.scope())
                    .key("PatientBirthDate", "19700101-19891231")), "PATIENT", "PatientID",
                    patientIds(fx.patients(p -> between(p.birthDate(), "19700101", "19891231"))));
            assertMatches(run(q(model, "PATIENT").key("PatientID", fx.scope()).key("PatientBirthDate", "-19700101")),
                    "PATIENT", "PatientID", setOf(fx.mueller.id()));
            assertMatches(run(q(model, "PATIENT").key("PatientID", fx.scope()).key("PatientBirthDate", "19900101-")),
                    "PATIENT", "PatientID", setOf(fx.miller.id(), fx.muellerMax.id()));
        }
    }

    /** Universal matching on everything: every patient of the AE's index, as many as the REST counts say. */
    @Test
    void universalPatientQueryReturnsTheWholeIndex() {
        FindScu.Result all = run(q(PATIENT_ROOT, "PATIENT").key("PatientID"));
        long patients = ArchiveRest.counts(ItConfig.AE_TITLE).patients();
        assertEquals(FindScu.SUCCESS, all.status(), all::describe);
        assertEquals(patients, all.pendingCount(), () -> "patients of the index\n" + all.describe());
        assertTrue(all.values("PatientID").containsAll(patientIds(fx.patients())), all::describe);
    }

    /** Non-ASCII queries: the query file holds the bytes of the query's Specific Character Set. */
    @Test
    void nonAsciiPatientNameQueries() {
        for (Model model : List.of(PATIENT_ROOT, PATIENT_STUDY_ONLY)) {
            // ISO_IR 100 query, '?' standing for the one Latin-1 character ü
            FindScu.Result latin1 = run(q(model, "PATIENT").charset("ISO_IR 100").key("PatientID", fx.scope())
                    .key("PatientName", "M?ller^*"));
            assertMatches(latin1, "PATIENT", "PatientID", setOf(fx.mueller.id(), fx.miller.id()));
            FindScu.Response mueller = latin1.response("PatientID", fx.mueller.id());
            assertAll(latin1.describe(),
                    () -> assertEquals("ISO_IR 100", mueller.charset(), "charset of the answer"),
                    () -> assertArrayEquals("Müller^Hans".getBytes(StandardCharsets.ISO_8859_1),
                            mueller.raw(FindScu.tag("PatientName")), "PatientName bytes (ISO 8859-1)"));
            // ISO_IR 100, Latin-1 bytes in the value: single value and wild card
            assertMatches(run(q(model, "PATIENT").charset("ISO_IR 100").key("PatientID", fx.scope())
                    .key("PatientName", "Müller^Hans")), "PATIENT", "PatientID", setOf(fx.mueller.id()));
            assertMatches(run(q(model, "PATIENT").charset("ISO_IR 100").key("PatientID", fx.scope())
                    .key("PatientName", "Mül*")), "PATIENT", "PatientID", setOf(fx.mueller.id()));
            // the same in ISO_IR 192 (UTF-8: ü is two bytes, still one '?')
            assertMatches(run(q(model, "PATIENT").charset("ISO_IR 192").key("PatientID", fx.scope())
                    .key("PatientName", "M?ller*")), "PATIENT", "PatientID", setOf(fx.mueller.id(), fx.miller.id()));
            assertMatches(run(q(model, "PATIENT").charset("ISO_IR 192").key("PatientID", fx.scope())
                    .key("PatientName", "Müller^Hans")), "PATIENT", "PatientID", setOf(fx.mueller.id()));
            // ideographic component group: single value, '*' and '?' (東 is three bytes in UTF-8)
            assertMatches(run(q(model, "PATIENT").charset("ISO_IR 192").key("PatientID", fx.scope())
                    .key("PatientName", "Wang^XiaoDong=王^小東")), "PATIENT", "PatientID", setOf(fx.wang.id()));
            assertMatches(run(q(model, "PATIENT").charset("ISO_IR 192").key("PatientID", fx.scope())
                    .key("PatientName", "*=王*")), "PATIENT", "PatientID", setOf(fx.wang.id()));
            assertMatches(run(q(model, "PATIENT").charset("ISO_IR 192").key("PatientID", fx.scope())
                    .key("PatientName", "Wang^XiaoDong=王^小?")), "PATIENT", "PatientID", setOf(fx.wang.id()));
            assertMatches(run(q(model, "PATIENT").charset("ISO_IR 192").key("PatientID", fx.scope())
                    .key("PatientName", "Wang^XiaoDong=王^?")), "PATIENT", "PatientID", Set.of());
        }
    }

    // ------------------------------------------------------------------------------------------- STUDY level

    @Test
    void studyLevelMatchingInStudyRoot() {
        // universal matching of every return key within the scope; values compared per study
        FindScu.Result all = run(q(STUDY_ROOT, "STUDY").charset("ISO_IR 192").key("StudyDate").key("StudyTime")
                .key("AccessionNumber").key("ReferringPhysicianName").key("StudyDescription").key("PatientName")
                .key("PatientID", fx.scope()).key("StudyInstanceUID").key("StudyID"));
        assertMatches(all, "STUDY", "StudyInstanceUID", studyUids(fx.studies()));
        List<Executable> values = new ArrayList<>();
        for (Study s : fx.studies()) {
            FindScu.Response rsp = all.response("StudyInstanceUID", s.uid());
            values.add(() -> assertEquals(s.date(), rsp.string("StudyDate"), "StudyDate of " + s.accession()));
            values.add(() -> assertEquals(s.time(), rsp.string("StudyTime"), "StudyTime of " + s.accession()));
            values.add(() -> assertEquals(s.accession(), rsp.string("AccessionNumber"), "AccessionNumber"));
            values.add(() -> assertEquals(s.referringPhysician() == null ? "" : s.referringPhysician(),
                    rsp.string("ReferringPhysicianName"), "ReferringPhysicianName of " + s.accession()));
            values.add(() -> assertEquals(s.description(), rsp.string("StudyDescription"), "StudyDescription"));
            values.add(() -> assertEquals(s.patient().name(), rsp.string("PatientName"), "PatientName"));
            values.add(() -> assertEquals(s.patient().id(), rsp.string("PatientID"), "PatientID"));
        }
        assertAll(all.describe(), values);

        // single value
        Study s4 = fx.study(4);
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("AccessionNumber", s4.accession()),
                s -> s == s4);
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDate", "20200611"),
                s -> s.date().equals("20200611"));
        assertStudies(q(STUDY_ROOT, "STUDY").key("StudyInstanceUID", fx.study(5).uid()), s -> s == fx.study(5));
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.wang.id()), s -> s.patient() == fx.wang);
        // wild cards
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDescription", "MR*"),
                s -> s.description().startsWith("MR"));
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDescription", "mr*"),
                s -> false); // LO matching is case-sensitive
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDescription", "?T *"),
                s -> s.description().startsWith("CT "));
        assertStudies(q(STUDY_ROOT, "STUDY").key("AccessionNumber", fx.token() + "-?"), s -> true);
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDescription", "*"), s -> true);
        // DA ranges
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDate", "20200101-20201231"),
                s -> between(s.date(), "20200101", "20201231"));
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDate", "20211231-"),
                s -> s.date().compareTo("20211231") >= 0);
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDate", "-20190315"),
                s -> s.date().compareTo("20190315") <= 0);
        // TM ranges and a partial TM value (a stored value counts from its first instant: "1230" is 12:30:00)
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyTime", "080000-120000"),
                s -> between(firstInstant(s.time()), "080000", "120000"));
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyTime", "1400-"),
                s -> firstInstant(s.time()).compareTo("140000") >= 0);
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyTime", "-0800"),
                s -> firstInstant(s.time()).compareTo("080059.999999") <= 0);
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyTime", "141500-141501"),
                s -> s == fx.study(2));
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyTime", "12"),
                s -> s.time().startsWith("12"));
        // date and time together are matched independently
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDate", "20200101-")
                .key("StudyTime", "-1300"), s -> s.date().compareTo("20200101") >= 0
                && firstInstant(s.time()).compareTo("130059.999999") <= 0);
        // List of UID matching, also through findscu -k (backslash between the UIDs)
        Study s1 = fx.study(1);
        Study s3 = fx.study(3);
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope())
                .key("StudyInstanceUID", s1.uid() + "\\" + s3.uid()).viaKeyArguments(), s -> s == s1 || s == s3);
        assertStudies(q(STUDY_ROOT, "STUDY").key("StudyInstanceUID", s1.uid() + "\\1.2.3.4.5\\" + s3.uid()),
                s -> s == s1 || s == s3);
        // person names: case-insensitive by default
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope())
                .key("ReferringPhysicianName", "Schmidt^Anna"), s -> "schmidt^anna".equalsIgnoreCase(
                        String.valueOf(s.referringPhysician())));
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("ReferringPhysicianName", "meier*"),
                s -> String.valueOf(s.referringPhysician()).toLowerCase().startsWith("meier"));
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("PatientName", "doe*"),
                s -> s.patient() == fx.doe || s.patient() == fx.doeJane);
        // Modalities in Study as a matching key: studies with a series of that modality ("any of" for a list)
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("ModalitiesInStudy", "MR"),
                s -> fx.modalitiesIn(s).contains("MR"));
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("ModalitiesInStudy", "SR\\MR"),
                s -> fx.modalitiesIn(s).contains("MR") || fx.modalitiesIn(s).contains("SR"));
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("ModalitiesInStudy", "?R"),
                s -> fx.modalitiesIn(s).contains("MR") || fx.modalitiesIn(s).contains("SR"));
    }

    @Test
    void studyLevelMatchingInPatientRootAndPatientStudyOnly() {
        for (Model model : List.of(PATIENT_ROOT, PATIENT_STUDY_ONLY)) {
            for (Patient p : fx.patients()) {
                assertStudies(q(model, "STUDY").key("PatientID", p.id()).key("StudyDate"), s -> s.patient() == p);
            }
            assertStudies(q(model, "STUDY").key("PatientID", fx.mueller.id()).key("StudyDate", "20200101-"),
                    s -> s == fx.study(2));
            assertStudies(q(model, "STUDY").key("PatientID", fx.mueller.id()).key("StudyDescription", "CT*"),
                    s -> s == fx.study(1));
            assertStudies(q(model, "STUDY").key("PatientID", fx.doe.id())
                    .key("AccessionNumber", fx.study(5).accession()),
                    s -> s == fx.study(5));
            assertStudies(q(model, "STUDY").key("PatientID", fx.doe.id()).key("StudyInstanceUID", fx.study(4).uid()),
                    s -> s == fx.study(4));
            // a study of another patient is not found under this one
            assertStudies(q(model, "STUDY").key("PatientID", fx.doe.id()).key("StudyInstanceUID", fx.study(1).uid()),
                    s -> false);
            assertStudies(q(model, "STUDY").key("PatientID", fx.wang.id()).key("StudyTime", "0800-1000"),
                    s -> s == fx.study(3));
            assertStudies(q(model, "STUDY").key("PatientID", fx.doe.id()).key("ModalitiesInStudy", "SR"),
                    s -> s == fx.study(4) || s == fx.study(5));
        }
    }

    // ------------------------------------------------------------------------------------------ SERIES level

    @Test
    void seriesLevelMatching() {
        for (Model model : List.of(PATIENT_ROOT, STUDY_ROOT)) {
            for (Study st : fx.studies()) {
                FindScu.Result r = run(series(model, st).key("Modality").key("SeriesNumber").key("SeriesDescription")
                        .key("NumberOfSeriesRelatedInstances").key("SeriesInstanceUID"));
                assertMatches(r, "SERIES", "SeriesInstanceUID", set(fx.seriesOf(st), Series::uid));
                List<Executable> values = new ArrayList<>();
                for (Series se : fx.seriesOf(st)) {
                    FindScu.Response rsp = r.response("SeriesInstanceUID", se.uid());
                    values.add(() -> assertEquals(se.modality(), rsp.string("Modality"), "Modality"));
                    values.add(() -> assertEquals(Integer.toString(se.number()), rsp.string("SeriesNumber"), "number"));
                    values.add(() -> assertEquals(se.description(), rsp.string("SeriesDescription"), "description"));
                    values.add(() -> assertEquals(Integer.toString(fx.instancesOf(se).size()),
                            rsp.string("NumberOfSeriesRelatedInstances"), "NumberOfSeriesRelatedInstances"));
                }
                assertAll(model + " " + st.accession() + "\n" + r.describe(), values);
            }
            Study s1 = fx.study(1);
            Study s4 = fx.study(4);
            assertSeries(series(model, s1).key("Modality", "SR"), se -> se.study() == s1 && se.modality().equals("SR"));
            assertSeries(series(model, s4).key("Modality", "?R"), se -> se.study() == s4);
            assertSeries(series(model, s4).key("Modality", "CT"), se -> false);
            assertSeries(series(model, s4).key("SeriesNumber", "2"), se -> se.study() == s4 && se.number() == 2);
            Series s4sr = fx.seriesOf(s4).get(1);
            assertSeries(series(model, s4).key("SeriesInstanceUID", s4sr.uid()), se -> se == s4sr);
            assertSeries(series(model, s4).key("SeriesDescription", "T2*"), se -> se.study() == s4
                    && se.description().startsWith("T2"));
        }
    }

    private static Query series(Model model, Study st) {
        Query q = q(model, "SERIES");
        if (model == PATIENT_ROOT) {
            q.key("PatientID", st.patient().id());
        }
        return q.key("StudyInstanceUID", st.uid()).key("SeriesInstanceUID");
    }

    // ------------------------------------------------------------------------------------------- IMAGE level

    @Test
    void imageLevelMatching() {
        for (Model model : List.of(PATIENT_ROOT, STUDY_ROOT)) {
            for (Series se : fx.series()) {
                FindScu.Result r = run(image(model, se).key("SOPClassUID").key("InstanceNumber"));
                assertMatches(r, "IMAGE", "SOPInstanceUID", set(fx.instancesOf(se), Instance::uid));
                List<Executable> values = new ArrayList<>();
                for (Instance i : fx.instancesOf(se)) {
                    FindScu.Response rsp = r.response("SOPInstanceUID", i.uid());
                    values.add(() -> assertEquals(i.sopClass(), rsp.string("SOPClassUID"), "SOPClassUID"));
                    values.add(() -> assertEquals(Integer.toString(i.number()), rsp.string("InstanceNumber"),
                            "InstanceNumber"));
                }
                assertAll(r.describe(), values);
            }
            Series ct = fx.seriesOf(fx.study(1)).get(0);
            Series sr = fx.seriesOf(fx.study(4)).get(1);
            assertInstances(image(model, ct).key("InstanceNumber", "2"), i -> i.series() == ct && i.number() == 2);
            assertInstances(image(model, sr).key("SOPClassUID", FindFixture.ENHANCED_SR),
                    i -> i.series() == sr && i.sopClass().equals(FindFixture.ENHANCED_SR));
            Instance first = fx.instancesOf(ct).get(0);
            Instance third = fx.instancesOf(ct).get(2);
            assertInstances(image(model, ct).key("SOPInstanceUID", first.uid() + "\\" + third.uid()),
                    i -> i == first || i == third);
            // an instance of another series is not found under this one
            assertInstances(image(model, ct).key("SOPInstanceUID", fx.instancesOf(sr).get(0).uid()), i -> false);
        }
    }

    private static Query image(Model model, Series se) {
        Query q = q(model, "IMAGE");
        if (model == PATIENT_ROOT) {
            q.key("PatientID", se.study().patient().id());
        }
        return q.key("StudyInstanceUID", se.study().uid()).key("SeriesInstanceUID", se.uid()).key("SOPInstanceUID");
    }

    /** '%', '_' and '!' in a value are ordinary characters: the archive escapes them in its LIKE patterns. */
    @Test
    void likeMetacharactersInValuesAreLiterals() {
        for (String special : List.of("%", "_", "!")) {
            assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope())
                    .key("StudyDescription", "*" + special + "*"),
                    s -> s.description().contains(special));
        }
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDescription", "CT Head 50%_!"),
                s -> s.description().equals("CT Head 50%_!"));
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDescription", "CT_Head*"),
                s -> false);
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDescription", "CT%"), s -> false);
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDescription", "CT Head 50?_!"),
                s -> s.description().equals("CT Head 50%_!"));
    }

    /**
     * Keys with several values in the index (Name of Physician(s) Reading Study "Adams^Bob\Clark^Dan", Other
     * Patient IDs "OTHER-1\OTHER-9"): a key value matches when it matches ANY ONE of the stored values
     * (PS3.4 C.2.2.2: matching is defined per value); a wild card must not reach across the '\' between
     * two values.
     */
    @Test
    void multiValuedAttributesMatchValueByValue() {
        FindScu.Result all = run(q(STUDY_ROOT, "STUDY").key("PatientID", fx.doe.id()).key("StudyInstanceUID")
                .key("NameOfPhysiciansReadingStudy"));
        assertEquals(List.of("Adams^Bob", "Clark^Dan"), FindScu.split(all.response("StudyInstanceUID",
                fx.study(4).uid()).string("NameOfPhysiciansReadingStudy")), all::describe);

        // every pattern checked, each failure reported with its query (assertAll)
        List<Executable> checks = new ArrayList<>();
        for (String pattern : List.of("Clark^Dan", "adams^bob", "*Bob", "Clark*", "*b?c*", "Adams*Dan",
                "Adams^Bob?Clark^Dan", "*Bob?Clark*")) {
            checks.add(() -> {
                FindScu.Result r = run(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyInstanceUID")
                        .key("NameOfPhysiciansReadingStudy", pattern));
                assertEquals(studyUids(fx.studies(s -> anyValueMatches(s.readingPhysicians(), pattern, true))),
                        new java.util.TreeSet<>(r.values("StudyInstanceUID")),
                        "NameOfPhysiciansReadingStudy=" + pattern + " (stored: Adams^Bob\\Clark^Dan), status "
                                + FindChecks.hex(r.status()));
            });
        }
        for (String pattern : List.of("OTHER-9", "OTHER-1", "*-9", "OTHER-1*9", "OTHER-1?OTHER-9")) {
            checks.add(() -> {
                FindScu.Result r = run(q(PATIENT_ROOT, "PATIENT").key("PatientID", fx.scope())
                        .key("OtherPatientIDs", pattern));
                assertEquals(patientIds(fx.patients(p -> anyValueMatches(p.otherIds(), pattern, false))),
                        new java.util.TreeSet<>(r.values("PatientID")),
                        "OtherPatientIDs=" + pattern + " (stored: OTHER-1\\OTHER-9), status "
                                + FindChecks.hex(r.status()));
            });
        }
        assertAll("wild cards against multi-valued index columns", checks);
    }

    /** SOP Classes in Study as a matching key: a study matches when one of its instances has the class. */
    @Test
    void sopClassesInStudyAsMatchingKey() {
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope())
                .key("SOPClassesInStudy", FindFixture.ENHANCED_SR),
                s -> fx.sopClassesIn(s).contains(FindFixture.ENHANCED_SR));
        assertStudies(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope())
                .key("SOPClassesInStudy", FindFixture.BASIC_TEXT_SR + "\\" + FindFixture.MR),
                s -> fx.sopClassesIn(s).contains(FindFixture.BASIC_TEXT_SR)
                        || fx.sopClassesIn(s).contains(FindFixture.MR));
    }

    /** Lenient mode matches non-unique keys of the levels above the query level, and returns their values. */
    @Test
    void keysOfLevelsAboveAreMatchedInLenientMode() {
        Study s1 = fx.study(1);
        Series ct = fx.seriesOf(s1).get(0);
        assertSeries(series(STUDY_ROOT, s1).key("PatientID", fx.mueller.id()), se -> se.study() == s1);
        assertSeries(series(STUDY_ROOT, s1).key("PatientID", fx.doe.id()), se -> false);
        assertSeries(series(STUDY_ROOT, s1).key("StudyDate", "20190315"), se -> se.study() == s1);
        assertSeries(series(STUDY_ROOT, s1).key("StudyDate", "20200101-"), se -> false);
        assertInstances(image(PATIENT_ROOT, ct).key("Modality", "CT"), i -> i.series() == ct);
        assertInstances(image(PATIENT_ROOT, ct).key("Modality", "MR"), i -> false);
        FindScu.Result r = run(image(PATIENT_ROOT, ct).key("StudyDescription", "CT*").key("PatientName"));
        assertMatches(r, "IMAGE", "SOPInstanceUID", set(fx.instancesOf(ct), Instance::uid));
        for (FindScu.Response rsp : r.responses()) {
            assertAll(r.describe(),
                    () -> assertEquals(s1.description(), rsp.string("StudyDescription"), "StudyDescription"),
                    () -> assertEquals("Müller^Hans", rsp.string("PatientName"), "PatientName (in its stored set)"));
        }
    }

    /**
     * A sequence the index does not keep comes back as an empty sequence, its item keys not matched, and the
     * pending status stays FF00. A kept one is matched (FindSequenceIT): no study of the fixture has a
     * Procedure Code Sequence, so an item key on it matches none.
     */
    @Test
    void sequenceKeysTheIndexDoesNotKeepComeBackAsEmptySequences() {
        Query kept = q(STUDY_ROOT, "STUDY").key("PatientID", fx.doe.id()).key("StudyInstanceUID").raw(
                "(0008,1032) SQ (Sequence with undefined length #=1)",
                "  (fffe,e000) na (Item with undefined length #=1)",
                "    (0008,0100) SH [NOMATCH]",
                "  (fffe,e00d) na (ItemDelimitationItem)",
                "(fffe,e0dd) na (SequenceDelimitationItem)");
        FindScu.Result none = run(kept);
        assertEquals(0, none.responses().size(), none.describe());
        Query q = q(STUDY_ROOT, "STUDY").key("PatientID", fx.doe.id()).key("StudyInstanceUID").raw(
                "(0008,2218) SQ (Sequence with undefined length #=1)",
                "  (fffe,e000) na (Item with undefined length #=1)",
                "    (0008,0100) SH [NOMATCH]",
                "  (fffe,e00d) na (ItemDelimitationItem)",
                "(fffe,e0dd) na (SequenceDelimitationItem)");
        FindScu.Result r = run(q);
        assertMatches(r, "STUDY", "StudyInstanceUID", studyUids(fx.studiesOf(fx.doe)));
        int sequence = FindScu.tag("AnatomicRegionSequence");
        for (FindScu.Response rsp : r.responses()) {
            assertAll(r.describe(),
                    () -> assertTrue(rsp.has(sequence), "AnatomicRegionSequence present"),
                    () -> assertEquals("SQ", rsp.elements().get(sequence).vr(), "VR"),
                    () -> assertFalse(rsp.hasItems(sequence), "no item"));
        }
    }

    /**
     * The same query over implicit VR little endian (findscu -xi: the archive must take the VRs from its
     * dictionary), the default explicit VR little endian, and a 4 KiB maximum PDU: the same answers.
     */
    @Test
    void identifierTransferSyntaxesAndSmallPdus() {
        List<Study> expected = fx.studies(s -> s.patient() == fx.mueller || s.patient() == fx.miller);
        for (List<String> args : List.of(List.of("-xi"), List.of("-xe"), List.of("-pdu", "4096"))) {
            FindScu.Result r = q(STUDY_ROOT, "STUDY").charset("ISO_IR 100").key("PatientID", fx.scope())
                    .key("PatientName", "M?ller*").key("StudyInstanceUID").key("StudyDate").key("StudyTime")
                    .key("StudyDescription").key("NumberOfStudyRelatedInstances").key("ModalitiesInStudy")
                    .key("InstitutionName").run(work, FindScu.Options.DEFAULT.withArgs(args.toArray(String[]::new)));
            assertMatches(r, "STUDY", "StudyInstanceUID", studyUids(expected), FindScu.PENDING_WARNING);
            List<Executable> checks = new ArrayList<>();
            if (args.contains("-xi")) {
                checks.add(() -> assertTrue(
                        r.process().output().contains("Accepted Transfer Syntax: =LittleEndianImplicit"),
                        "implicit VR little endian accepted"));
            }
            for (Study s : expected) {
                FindScu.Response rsp = r.response("StudyInstanceUID", s.uid());
                checks.add(() -> assertArrayEquals(s.patient().name().getBytes(StandardCharsets.ISO_8859_1),
                        rsp.raw(FindScu.tag("PatientName")), "PatientName bytes of " + s.accession()));
                checks.add(() -> assertEquals("ISO_IR 100", rsp.charset(), "charset"));
                checks.add(() -> assertEquals(s.date(), rsp.string("StudyDate"), "StudyDate"));
                checks.add(() -> assertEquals(s.time(), rsp.string("StudyTime"), "StudyTime"));
                checks.add(() -> assertEquals(s.description(), rsp.string("StudyDescription"), "StudyDescription"));
                checks.add(() -> assertEquals(n(fx.instancesOf(s)), rsp.string("NumberOfStudyRelatedInstances"),
                        "NumberOfStudyRelatedInstances"));
                checks.add(() -> assertEquals(fx.modalitiesIn(s), FindScu.split(rsp.string("ModalitiesInStudy")),
                        "ModalitiesInStudy"));
                checks.add(() -> assertEquals(0, rsp.length(FindScu.tag("InstitutionName")), "InstitutionName"));
            }
            assertAll(args + "\n" + r.describe(), checks);
        }
    }

    // ----------------------------------------------------------------------------- person name case matching

    @Test
    void personNamesCaseInsensitiveByDefaultCaseSensitiveOnRequest() {
        Query doeLower = q(PATIENT_ROOT, "PATIENT").key("PatientID", fx.scope()).key("PatientName", "doe*");
        Query doeCapital = q(PATIENT_ROOT, "PATIENT").key("PatientID", fx.scope()).key("PatientName", "Doe*");
        Query doeUpper = q(PATIENT_ROOT, "PATIENT").key("PatientID", fx.scope()).key("PatientName", "DOE^JOHN");
        Query muellerLower = q(PATIENT_ROOT, "PATIENT").charset("ISO_IR 100").key("PatientID", fx.scope())
                .key("PatientName", "müller^hans");
        Query schmidt = q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope())
                .key("ReferringPhysicianName", "Schmidt^Anna").key("StudyInstanceUID");

        Set<String> bothDoes = setOf(fx.doe.id(), fx.doeJane.id());
        assertMatches(run(doeLower), "PATIENT", "PatientID", bothDoes);
        assertMatches(run(doeCapital), "PATIENT", "PatientID", bothDoes);
        assertMatches(run(doeUpper), "PATIENT", "PatientID", setOf(fx.doe.id()));
        assertMatches(run(muellerLower), "PATIENT", "PatientID", setOf(fx.mueller.id()));
        assertMatches(run(schmidt), "STUDY", "StudyInstanceUID",
                studyUids(fx.studies(s -> "schmidt^anna".equalsIgnoreCase(String.valueOf(s.referringPhysician())))));

        try (AdminApi.Change cs = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("find", "caseSensitiveNames").set(true))) {
            assertMatches(run(doeLower), "PATIENT", "PatientID", setOf(fx.doeJane.id()));
            assertMatches(run(doeCapital), "PATIENT", "PatientID", setOf(fx.doe.id()));
            assertMatches(run(doeUpper), "PATIENT", "PatientID", Set.of());
            assertMatches(run(muellerLower), "PATIENT", "PatientID", Set.of());
            assertMatches(run(schmidt), "STUDY", "StudyInstanceUID",
                    studyUids(fx.studies(s -> "Schmidt^Anna".equals(s.referringPhysician()))));
        }
        // restored: insensitive again
        assertMatches(run(doeLower), "PATIENT", "PatientID", bothDoes);
    }

    // ------------------------------------------------------------------------------------------ return keys

    @Test
    void aggregateAndAlwaysPresentReturnKeys() {
        // PATIENT level: Number of Patient Related Studies/Series/Instances
        FindScu.Result patients = run(q(PATIENT_ROOT, "PATIENT").key("PatientID", fx.scope())
                .key("NumberOfPatientRelatedStudies").key("NumberOfPatientRelatedSeries")
                .key("NumberOfPatientRelatedInstances"));
        assertMatches(patients, "PATIENT", "PatientID", patientIds(fx.patients()));
        List<Executable> checks = new ArrayList<>();
        for (Patient p : fx.patients()) {
            FindScu.Response rsp = patients.response("PatientID", p.id());
            checks.add(() -> assertEquals(n(fx.studiesOf(p)), rsp.string("NumberOfPatientRelatedStudies"), p.id()));
            checks.add(() -> assertEquals(n(fx.seriesOf(p)), rsp.string("NumberOfPatientRelatedSeries"), p.id()));
            checks.add(() -> assertEquals(n(fx.instancesOf(p)), rsp.string("NumberOfPatientRelatedInstances"), p.id()));
        }
        assertAll(patients.describe(), checks);

        // STUDY level of the Study Root model: study aggregates, and the patient ones (patient keys are study keys)
        FindScu.Result studies = run(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyInstanceUID")
                .key("ModalitiesInStudy").key("SOPClassesInStudy").key("NumberOfStudyRelatedSeries")
                .key("NumberOfStudyRelatedInstances").key("NumberOfPatientRelatedStudies")
                .key("NumberOfPatientRelatedInstances"));
        assertMatches(studies, "STUDY", "StudyInstanceUID", studyUids(fx.studies()));
        checks.clear();
        for (Study s : fx.studies()) {
            FindScu.Response rsp = studies.response("StudyInstanceUID", s.uid());
            checks.add(() -> assertEquals(fx.modalitiesIn(s), FindScu.split(rsp.string("ModalitiesInStudy")),
                    "ModalitiesInStudy of " + s.accession()));
            checks.add(() -> assertEquals(fx.sopClassesIn(s), FindScu.split(rsp.string("SOPClassesInStudy")),
                    "SOPClassesInStudy of " + s.accession()));
            checks.add(() -> assertEquals(n(fx.seriesOf(s)), rsp.string("NumberOfStudyRelatedSeries"), s.accession()));
            checks.add(() -> assertEquals(n(fx.instancesOf(s)), rsp.string("NumberOfStudyRelatedInstances"),
                    s.accession()));
            checks.add(() -> assertEquals(n(fx.studiesOf(s.patient())), rsp.string("NumberOfPatientRelatedStudies"),
                    s.accession()));
            checks.add(() -> assertEquals(n(fx.instancesOf(s.patient())),
                    rsp.string("NumberOfPatientRelatedInstances"), s.accession()));
        }
        assertAll(studies.describe(), checks);

        // matching on Modalities in Study still returns all modalities of each study
        FindScu.Result mr = run(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyInstanceUID")
                .key("ModalitiesInStudy", "MR"));
        assertMatches(mr, "STUDY", "StudyInstanceUID", studyUids(fx.studies(s -> fx.modalitiesIn(s).contains("MR"))));
        Study s3 = fx.study(3);
        assertEquals(List.of("CT", "MR"), FindScu.split(mr.response("StudyInstanceUID", s3.uid())
                .string("ModalitiesInStudy")), mr::describe);
    }

    /**
     * Keys the archive does not support come back with zero length, and the pending status is then FF01
     * ("one or more Optional Keys were not supported", PS3.4 C.4.1.1.4); a supported key of a level below the
     * query level is ignored in lenient mode (not matched, returned empty), with FF01 as well.
     */
    @Test
    void unsupportedAndLowerLevelKeysComeBackEmpty() {
        Study s1 = fx.study(1);
        FindScu.Result r = run(q(STUDY_ROOT, "STUDY").key("StudyInstanceUID", s1.uid()).key("InstitutionName")
                .key("PrivateCreator0009", "QRIT").key("Private00091001"));
        assertMatches(r, "STUDY", "StudyInstanceUID", setOf(s1.uid()), FindScu.PENDING_WARNING);
        FindScu.Response rsp = r.responses().get(0);
        assertAll(r.describe(),
                () -> assertEquals(0, rsp.length(FindScu.tag("InstitutionName")), "InstitutionName length"),
                () -> assertEquals(0, rsp.length(FindScu.tag("Private00091001")), "(0009,1001) length"));
        System.out.println("FindIT: private creator (0009,0010) sent as QRIT comes back with length "
                + rsp.length(FindScu.tag("PrivateCreator0009")));

        // Modality and SOP Instance UID at STUDY level: lenient mode does not match them, answers them empty
        // and, as for unsupported keys, warns with FF01
        FindScu.Result lower = run(q(STUDY_ROOT, "STUDY").key("PatientID", fx.doe.id()).key("StudyInstanceUID")
                .key("Modality", "XA").key("SOPInstanceUID"));
        assertMatches(lower, "STUDY", "StudyInstanceUID", studyUids(fx.studiesOf(fx.doe)), FindScu.PENDING_WARNING);
        // one key below the level is enough for FF01; keys of the level only: FF00
        assertMatches(run(q(STUDY_ROOT, "STUDY").key("PatientID", fx.doe.id()).key("StudyInstanceUID")
                .key("InstanceNumber")), "STUDY", "StudyInstanceUID", studyUids(fx.studiesOf(fx.doe)),
                FindScu.PENDING_WARNING);
        assertMatches(run(q(STUDY_ROOT, "STUDY").key("PatientID", fx.doe.id()).key("StudyInstanceUID")
                .key("StudyDate")), "STUDY", "StudyInstanceUID", studyUids(fx.studiesOf(fx.doe)), FindScu.PENDING);
        for (FindScu.Response each : lower.responses()) {
            assertAll(lower.describe(),
                    () -> assertEquals(0, each.length(FindScu.tag("Modality")), "Modality length"),
                    () -> assertEquals(0, each.length(FindScu.tag("SOPInstanceUID")), "SOPInstanceUID length"));
        }
    }

    // ------------------------------------------------------------------------------------- refused queries

    @Test
    void invalidIdentifiersAreRefusedWithoutPendingResponses() {
        Study s1 = fx.study(1);
        // SERIES level in the Patient/Study Only model
        assertRefused(run(q(PATIENT_STUDY_ONLY, "SERIES").key("PatientID", fx.mueller.id())
                .key("StudyInstanceUID", s1.uid()).key("SeriesInstanceUID")), FindScu.DOES_NOT_MATCH_SOP_CLASS,
                "(0008,0052)");
        // unknown and missing level, in every model
        for (Model model : List.of(PATIENT_ROOT, STUDY_ROOT, PATIENT_STUDY_ONLY)) {
            assertRefused(run(q(model, "FOO").key("PatientID", fx.mueller.id())), FindScu.DOES_NOT_MATCH_SOP_CLASS,
                    "(0008,0052)");
            assertRefused(run(FindScu.query(model).key("PatientID", fx.mueller.id()).key("StudyInstanceUID")),
                    FindScu.DOES_NOT_MATCH_SOP_CLASS, "(0008,0052)");
        }
        // PATIENT level does not exist in the Study Root model
        assertRefused(run(q(STUDY_ROOT, "PATIENT").key("PatientID", fx.mueller.id())),
                FindScu.DOES_NOT_MATCH_SOP_CLASS, "(0008,0052)");
        // missing unique keys of the levels above
        assertRefused(run(q(STUDY_ROOT, "SERIES").key("SeriesInstanceUID")), FindScu.DOES_NOT_MATCH_SOP_CLASS,
                "(0020,000d)");
        assertRefused(run(q(PATIENT_ROOT, "STUDY").key("StudyInstanceUID")), FindScu.DOES_NOT_MATCH_SOP_CLASS,
                "(0010,0020)");
        assertRefused(run(q(PATIENT_STUDY_ONLY, "STUDY").key("StudyInstanceUID")), FindScu.DOES_NOT_MATCH_SOP_CLASS,
                "(0010,0020)");
        assertRefused(run(q(PATIENT_ROOT, "IMAGE").key("PatientID", fx.mueller.id()).key("StudyInstanceUID", s1.uid())
                .key("SOPInstanceUID")), FindScu.DOES_NOT_MATCH_SOP_CLASS, "(0020,000e)");
        // unique keys above the level: wild card, empty value, several values
        assertRefused(run(q(PATIENT_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyInstanceUID")),
                FindScu.DOES_NOT_MATCH_SOP_CLASS, "(0010,0020)");
        assertRefused(run(q(STUDY_ROOT, "SERIES").key("StudyInstanceUID", s1.uid() + "\\" + fx.study(2).uid())
                .key("SeriesInstanceUID")), FindScu.DOES_NOT_MATCH_SOP_CLASS, "(0020,000d)");
        // lenient mode refuses only what it cannot read: an impossible date is C000
        assertRefused(run(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyDate", "2020XX01")),
                FindScu.UNABLE_TO_PROCESS, "(0008,0020)");
        assertRefused(run(q(STUDY_ROOT, "STUDY").key("PatientID", fx.scope()).key("StudyTime", "2561-")),
                FindScu.UNABLE_TO_PROCESS, "(0008,0030)");
    }

    /** find.strict=true (dcmqrscp --check-find): keys below the level and non-unique keys above are refused. */
    @Test
    void strictCheckingRefusesKeysOutsideTheLevel() {
        Query below = q(STUDY_ROOT, "STUDY").key("PatientID", fx.doe.id()).key("StudyInstanceUID")
                .key("SeriesInstanceUID");
        Query nonUniqueAbove = q(PATIENT_ROOT, "STUDY").key("PatientID", fx.doe.id()).key("PatientName")
                .key("StudyInstanceUID");
        Query badDate = q(STUDY_ROOT, "STUDY").key("PatientID", fx.doe.id()).key("StudyDate", "20211301");
        Set<String> doeStudies = studyUids(fx.studiesOf(fx.doe));
        // lenient (default): answered (the key below the level ignored, with FF01)
        assertMatches(run(below), "STUDY", "StudyInstanceUID", doeStudies, FindScu.PENDING_WARNING);
        assertMatches(run(nonUniqueAbove), "STUDY", "StudyInstanceUID", doeStudies);
        try (AdminApi.Change strict = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("find", "strict").set(true))) {
            assertRefused(run(below), FindScu.DOES_NOT_MATCH_SOP_CLASS, "(0020,000e)");
            assertRefused(run(nonUniqueAbove), FindScu.DOES_NOT_MATCH_SOP_CLASS, "(0010,0010)");
            assertRefused(run(badDate), FindScu.DOES_NOT_MATCH_SOP_CLASS, "(0008,0020)");
            // a valid query still works
            assertMatches(run(q(STUDY_ROOT, "STUDY").key("PatientID", fx.doe.id()).key("StudyInstanceUID")),
                    "STUDY", "StudyInstanceUID", doeStudies);
        }
    }

    /**
     * What lenient mode takes and strict mode refuses: a lower-case level, "*" in a UID key (Wild Card Matching
     * does not apply to UI), a zero-length Specific Character Set, a sequence key of two items.
     */
    @Test
    void strictCheckingOfValues() {
        Set<String> doeStudies = studyUids(fx.studiesOf(fx.doe));
        Query lowerCaseLevel = q(STUDY_ROOT, "study").key("PatientID", fx.doe.id()).key("StudyInstanceUID");
        Query starUid = q(STUDY_ROOT, "STUDY").key("PatientID", fx.doe.id()).key("StudyInstanceUID", "*");
        Query emptyCharset = q(STUDY_ROOT, "STUDY").charset("").key("PatientID", fx.doe.id()).key("StudyInstanceUID");
        Query twoItems = q(STUDY_ROOT, "STUDY").key("PatientID", fx.doe.id()).key("StudyInstanceUID").raw(
                "(0008,1032) SQ (Sequence with undefined length #=2)",
                "  (fffe,e000) na (Item with undefined length #=1)",
                "    (0008,0100) SH [A]",
                "  (fffe,e00d) na (ItemDelimitationItem)",
                "  (fffe,e000) na (Item with undefined length #=1)",
                "    (0008,0100) SH [B]",
                "  (fffe,e00d) na (ItemDelimitationItem)",
                "(fffe,e0dd) na (SequenceDelimitationItem)");
        assertMatches(run(lowerCaseLevel), "STUDY", "StudyInstanceUID", doeStudies);
        assertMatches(run(starUid), "STUDY", "StudyInstanceUID", doeStudies);
        assertMatches(run(emptyCharset), "STUDY", "StudyInstanceUID", doeStudies);
        assertMatches(run(twoItems), "STUDY", "StudyInstanceUID", doeStudies);
        try (AdminApi.Change strict = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("find", "strict").set(true))) {
            assertRefused(run(lowerCaseLevel), FindScu.DOES_NOT_MATCH_SOP_CLASS, "(0008,0052)");
            assertRefused(run(starUid), FindScu.DOES_NOT_MATCH_SOP_CLASS, "(0020,000d)");
            assertRefused(run(emptyCharset), FindScu.DOES_NOT_MATCH_SOP_CLASS, "(0008,0005)");
            assertRefused(run(twoItems), FindScu.DOES_NOT_MATCH_SOP_CLASS, "(0008,1032)");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void assertStudies(Query q, Predicate<Study> expected) {
        if (!hasKey(q, "StudyInstanceUID")) {
            q.key("StudyInstanceUID");
        }
        assertMatches(run(q), "STUDY", "StudyInstanceUID", studyUids(fx.studies(expected)));
    }

    private static void assertSeries(Query q, Predicate<Series> expected) {
        assertMatches(run(q), "SERIES", "SeriesInstanceUID", set(fx.series(expected), Series::uid));
    }

    private static void assertInstances(Query q, Predicate<Instance> expected) {
        assertMatches(run(q), "IMAGE", "SOPInstanceUID", set(fx.instances(expected), Instance::uid));
    }

    private static boolean hasKey(Query q, String keyword) {
        return q.dumpText().contains(FindScu.key(keyword).tagText());
    }

    private static boolean between(String value, String from, String to) {
        return value.compareTo(from) >= 0 && value.compareTo(to) <= 0;
    }

    /** A TM value as its first instant, "HHMMSS[.F]" ("1230" is "123000"), for string comparison. */
    private static String firstInstant(String tm) {
        int dot = tm.indexOf('.');
        String hms = dot < 0 ? tm : tm.substring(0, dot);
        StringBuilder sb = new StringBuilder(hms);
        while (sb.length() < 6) {
            sb.append('0');
        }
        return dot < 0 ? sb.toString() : sb + tm.substring(dot);
    }

    /** DICOM Wild Card Matching of {@code pattern} against each value of {@code stored} ("A\B"), any one matching. */
    private static boolean anyValueMatches(String stored, String pattern, boolean ignoreCase) {
        if (stored == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex.toString(),
                ignoreCase ? java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE : 0);
        for (String value : stored.split("\\\\")) {
            if (p.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String n(List<?> items) {
        return Integer.toString(items.size());
    }
}
