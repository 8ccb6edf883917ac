package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.qrarchive.dicom.data.Tag;

/** The three FIND models, their levels and the levels' unique keys. */
class InformationModelTest {
    private static final QueryLevel PATIENT = QueryLevel.PATIENT;
    private static final QueryLevel STUDY = QueryLevel.STUDY;
    private static final QueryLevel SERIES = QueryLevel.SERIES;
    private static final QueryLevel IMAGE = QueryLevel.IMAGE;

    @Test
    void sopClassesAreThoseOfTheIssue() {
        assertEquals(InformationModel.PATIENT_ROOT, InformationModel.ofSopClass("1.2.840.10008.5.1.4.1.2.1.1"));
        assertEquals(InformationModel.STUDY_ROOT, InformationModel.ofSopClass("1.2.840.10008.5.1.4.1.2.2.1"));
        assertEquals(InformationModel.PATIENT_STUDY_ONLY, InformationModel.ofSopClass("1.2.840.10008.5.1.4.1.2.3.1"));
        assertNull(InformationModel.ofSopClass("1.2.840.10008.5.1.4.1.2.1.2")); // MOVE is not FIND
    }

    @Test
    void levelsOfEachModel() {
        assertEquals(List.of(PATIENT, STUDY, SERIES, IMAGE), InformationModel.PATIENT_ROOT.levels());
        assertEquals(List.of(STUDY, SERIES, IMAGE), InformationModel.STUDY_ROOT.levels());
        assertEquals(List.of(PATIENT, STUDY), InformationModel.PATIENT_STUDY_ONLY.levels());
        assertFalse(InformationModel.STUDY_ROOT.allows(PATIENT));
        assertFalse(InformationModel.PATIENT_STUDY_ONLY.allows(SERIES));
        assertFalse(InformationModel.PATIENT_STUDY_ONLY.allows(IMAGE));
        assertTrue(InformationModel.PATIENT_ROOT.allows(IMAGE));
    }

    @Test
    void levelsAboveAreThoseWhoseUniqueKeysAreRequired() {
        assertEquals(List.of(), InformationModel.PATIENT_ROOT.levelsAbove(PATIENT));
        assertEquals(List.of(PATIENT), InformationModel.PATIENT_ROOT.levelsAbove(STUDY));
        assertEquals(List.of(PATIENT, STUDY, SERIES), InformationModel.PATIENT_ROOT.levelsAbove(IMAGE));
        assertEquals(List.of(), InformationModel.STUDY_ROOT.levelsAbove(STUDY));
        assertEquals(List.of(STUDY), InformationModel.STUDY_ROOT.levelsAbove(SERIES));
        assertEquals(List.of(STUDY, SERIES), InformationModel.STUDY_ROOT.levelsAbove(IMAGE));
        assertEquals(List.of(PATIENT), InformationModel.PATIENT_STUDY_ONLY.levelsAbove(STUDY));
    }

    @Test
    void studyRootCountsPatientKeysAsStudyKeys() {
        QueryKey name = QueryKeys.get(Tag.PatientName);
        assertEquals(STUDY, InformationModel.STUDY_ROOT.levelOf(name));
        assertEquals(PATIENT, InformationModel.PATIENT_ROOT.levelOf(name));
        assertEquals(SERIES, InformationModel.STUDY_ROOT.levelOf(QueryKeys.get(Tag.Modality)));
        assertEquals(STUDY, InformationModel.STUDY_ROOT.levelOf(QueryKeys.get(Tag.NumberOfPatientRelatedStudies)));
    }

    @Test
    void uniqueKeysAndJoins() {
        assertEquals(Tag.PatientID, PATIENT.uniqueKey());
        assertEquals(Tag.StudyInstanceUID, STUDY.uniqueKey());
        assertEquals(Tag.SeriesInstanceUID, SERIES.uniqueKey());
        assertEquals(Tag.SOPInstanceUID, IMAGE.uniqueKey());
        assertEquals("from Patient p", PATIENT.fromClause());
        assertEquals("from Study st join st.patient p", STUDY.fromClause());
        assertEquals("from Series se join se.study st join st.patient p", SERIES.fromClause());
        assertEquals("from Instance i join i.series se join se.study st join st.patient p", IMAGE.fromClause());
    }

    @Test
    void levelCodes() {
        assertEquals(SERIES, QueryLevel.ofCode("SERIES", false));
        assertNull(QueryLevel.ofCode("series", false));
        assertEquals(SERIES, QueryLevel.ofCode(" series", true));
        assertNull(QueryLevel.ofCode("FRAME", true));
        assertNull(QueryLevel.ofCode(null, true));
    }
}
