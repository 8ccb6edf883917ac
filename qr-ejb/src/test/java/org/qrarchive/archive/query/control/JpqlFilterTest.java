package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.qrarchive.dicom.data.Tag;

/** The generated WHERE text and its parameters, exactly. */
class JpqlFilterTest {
    private static final PersonNameMatching INSENSITIVE = PersonNameMatching.CASE_INSENSITIVE;
    private static final PersonNameMatching SENSITIVE = PersonNameMatching.CASE_SENSITIVE;

    @Test
    void patientRootStudyQuery() throws QueryFailure {
        JpqlWhere w = where(InformationModel.PATIENT_ROOT, INSENSITIVE, "STUDY", Tag.PatientID, "123",
                Tag.PatientName, "m?ller*", Tag.StudyDate, "20200101-20201231");
        assertEquals("st.aeTitle = :ae and p.aeTitle = :ae and st.studyDate between :p1 and :p2 "
                + "and p.patientNameNorm like :p3 escape '!' and p.patientId = :p4", w.text());
        assertEquals(Map.of("ae", "QRSCP", "p1", "20200101", "p2", "20201231", "p3", "M_LLER%", "p4", "123"),
                w.parameters());
    }

    @Test
    void noConditionsLeavesTheAeTitle() throws QueryFailure {
        JpqlWhere w = where(InformationModel.PATIENT_ROOT, INSENSITIVE, "PATIENT", Tag.PatientName, "");
        assertEquals("p.aeTitle = :ae", w.text());
        assertEquals(Map.of("ae", "QRSCP"), w.parameters());
        assertEquals("i.aeTitle = :ae and se.aeTitle = :ae and st.aeTitle = :ae and st.studyInstanceUid = :p1 and se.seriesInstanceUid = :p2",
                where(InformationModel.STUDY_ROOT, INSENSITIVE, "IMAGE", Tag.StudyInstanceUID, "1.2",
                        Tag.SeriesInstanceUID, "1.2.3").text());
    }

    @Test
    void personNameModes() throws QueryFailure {
        JpqlWhere sensitive = where(InformationModel.STUDY_ROOT, SENSITIVE, "STUDY", Tag.PatientName, "M?ller*",
                Tag.ReferringPhysicianName, "Doe^John^^");
        assertEquals("st.aeTitle = :ae and p.aeTitle = :ae and st.referringPhysicianName = :p1 and p.patientName like :p2 escape '!'",
                sensitive.text());
        assertEquals(Map.of("ae", "QRSCP", "p1", "Doe^John^^", "p2", "M_ller%"), sensitive.parameters());

        JpqlWhere insensitive = where(InformationModel.STUDY_ROOT, INSENSITIVE, "STUDY",
                Tag.ReferringPhysicianName, "Doe^John^^");
        assertEquals("st.aeTitle = :ae and st.referringPhysicianNameNorm = :p1", insensitive.text());
        assertEquals("DOE^JOHN", insensitive.parameters().get("p1"));
    }

    @Test
    void personNamePatternAlsoMatchesWithoutEmptyTrailingComponents() throws QueryFailure {
        JpqlWhere w = where(InformationModel.PATIENT_ROOT, INSENSITIVE, "PATIENT", Tag.PatientName, "Doe^*");
        assertEquals("p.aeTitle = :ae and (p.patientNameNorm like :p1 escape '!' "
                + "or p.patientNameNorm like :p2 escape '!')", w.text());
        assertEquals(Map.of("ae", "QRSCP", "p1", "DOE^%", "p2", "DOE"), w.parameters());
    }

    @Test
    void multiValuedColumnsMatchAnyOfTheirValues() throws QueryFailure {
        JpqlWhere w = where(InformationModel.STUDY_ROOT, INSENSITIVE, "STUDY",
                Tag.NameOfPhysiciansReadingStudy, "smith_1");
        String e = "upper(st.nameOfPhysiciansReadingStudy)";
        assertEquals("st.aeTitle = :ae and (" + e + " = :p1 or " + e + " like :p2 escape '!' or "
                + e + " like :p3 escape '!' or " + e + " like :p4 escape '!')", w.text());
        assertEquals(Map.of("ae", "QRSCP", "p1", "SMITH_1", "p2", "SMITH!_1\\%", "p3", "%\\SMITH!_1",
                "p4", "%\\SMITH!_1\\%"), w.parameters());
        for (String stored : List.of("SMITH_1", "SMITH_1\\JONES", "JONES\\SMITH_1", "A\\SMITH_1\\B")) {
            assertEquals(true, anyLike(stored, w), stored);
        }
        for (String stored : List.of("SMITHX1", "SMITH_12", "JONES\\XSMITH_1")) {
            assertEquals(false, anyLike(stored, w), stored);
        }
    }

    @Test
    void multiValuedWildcard() throws QueryFailure {
        JpqlWhere w = where(InformationModel.PATIENT_ROOT, INSENSITIVE, "PATIENT", Tag.OtherPatientIDs, "X*1.?");
        assertEquals("p.aeTitle = :ae and function('regexp_like', p.otherPatientIds, :p1) = true", w.text());
        String regex = (String) w.parameters().get("p1");
        assertEquals("(^|\\\\)X[^\\\\]*1\\.[^\\\\](\\\\|$)", regex);
        // one value of "A\B" must match as a whole; wildcards never cross the separator
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        assertTrue(p.matcher("X-1.2").find());
        assertTrue(p.matcher("A\\X1.2\\B").find());
        assertFalse(p.matcher("X\\1.2").find(), "* must not cross a value separator");
        assertFalse(p.matcher("X1x2").find(), "'.' is literal");
    }

    @Test
    void aggregatesMatchThroughExistsSubqueries() throws QueryFailure {
        JpqlWhere w = where(InformationModel.STUDY_ROOT, INSENSITIVE, "STUDY", Tag.ModalitiesInStudy, "CT\\MR",
                Tag.SOPClassesInStudy, "1.2.840.10008.5.1.4.1.1.2\\1.2.840.10008.5.1.4.1.1.4");
        assertEquals("st.aeTitle = :ae and exists (select sq1.pk from Series sq1 where sq1.study = st and "
                + "(sq1.modality = :p1 or sq1.modality = :p2)) and exists (select sq2.pk from Instance sq2 where "
                + "sq2.series.study = st and sq2.sopClassUid in (:p3))", w.text());
        assertEquals(Map.of("ae", "QRSCP", "p1", "CT", "p2", "MR",
                "p3", List.of("1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.4")), w.parameters());
    }

    @Test
    void uidListIsOneCollectionParameter() throws QueryFailure {
        JpqlWhere w = where(InformationModel.STUDY_ROOT, INSENSITIVE, "SERIES", Tag.StudyInstanceUID, "1.2",
                Tag.SeriesInstanceUID, "1.2.3\\1.2.4\\1.2.5");
        assertEquals("se.aeTitle = :ae and st.aeTitle = :ae and st.studyInstanceUid = :p1 and se.seriesInstanceUid in (:p2)", w.text());
        assertEquals(List.of("1.2.3", "1.2.4", "1.2.5"), w.parameters().get("p2"));
    }

    @Test
    void openRangesAndPartialTimes() throws QueryFailure {
        JpqlWhere w = where(InformationModel.PATIENT_ROOT, INSENSITIVE, "SERIES", Tag.PatientID, "1",
                Tag.StudyInstanceUID, "1.2", Tag.StudyDate, "20200101-", Tag.StudyTime, "-1130",
                Tag.PerformedProcedureStepStartDate, "-20201231", Tag.PatientBirthTime, "10-1130");
        assertEquals("se.aeTitle = :ae and st.aeTitle = :ae and p.aeTitle = :ae and st.studyDate >= :p1 and st.studyTime <= :p2 and p.patientId = :p3 "
                + "and p.patientBirthTime between :p4 and :p5 and st.studyInstanceUid = :p6 "
                + "and se.performedProcedureStepStartDate <= :p7", w.text());
        assertEquals(Map.of("ae", "QRSCP", "p1", "20200101", "p2", "113059.999999", "p3", "1", "p4", "10",
                "p5", "113059.999999", "p6", "1.2", "p7", "20201231"), w.parameters());
    }

    @Test
    void severalValuesOfAKeyAreAlternatives() throws QueryFailure {
        JpqlWhere w = where(InformationModel.STUDY_ROOT, INSENSITIVE, "SERIES", Tag.StudyInstanceUID, "1.2",
                Tag.Modality, "CT\\M?");
        assertEquals("se.aeTitle = :ae and st.aeTitle = :ae and (se.modality = :p1 or se.modality like :p2 escape '!') "
                + "and st.studyInstanceUid = :p3", w.text());
    }

    @Test
    void valuesNeverReachTheJpqlText() throws QueryFailure {
        String hostile = "x' or 1=1 or p.patientId like '%";
        JpqlWhere w = where(InformationModel.PATIENT_ROOT, INSENSITIVE, "PATIENT", Tag.PatientID, hostile,
                Tag.PatientName, hostile + "*", Tag.AccessionNumber, "");
        assertEquals("p.aeTitle = :ae and p.patientNameNorm like :p1 escape '!' and p.patientId = :p2", w.text());
        assertEquals(hostile, w.parameters().get("p2"));
        assertEquals("X' OR 1=1 OR P.PATIENTID LIKE '!%%", w.parameters().get("p1"));
        assertFalse(w.text().contains("1=1"));
    }

    @Test
    void literalLikeMetacharactersAreEscaped() throws QueryFailure {
        JpqlWhere w = where(InformationModel.STUDY_ROOT, INSENSITIVE, "STUDY", Tag.AccessionNumber, "A_1%!*");
        assertEquals("A!_1!%!!%", w.parameters().get("p1"));
    }

    private static JpqlWhere where(InformationModel model, PersonNameMatching pn, String level, Object... kv)
            throws QueryFailure {
        return JpqlFilter.where(Ids.parse(model, false, level, kv), "QRSCP", pn);
    }

    /** Evaluates the four alternatives of a multi-valued match on one stored column value. */
    private static boolean anyLike(String stored, JpqlWhere w) {
        return stored.equals(w.parameters().get("p1")) || WildcardsTest.like(stored, (String) w.parameters().get("p2"))
                || WildcardsTest.like(stored, (String) w.parameters().get("p3"))
                || WildcardsTest.like(stored, (String) w.parameters().get("p4"));
    }
}
