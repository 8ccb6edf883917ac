package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qrarchive.archive.index.entity.Instance;
import org.qrarchive.archive.index.entity.Patient;
import org.qrarchive.archive.index.entity.Series;
import org.qrarchive.archive.index.entity.Study;
import org.qrarchive.dicom.data.ElementDictionary;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;

/** The key table against dcmqrscp's "Query Keys", the extra keys and the index entities. */
class QueryKeysTest {
    private static final Map<String, Class<?>> ENTITY_OF_ALIAS =
            Map.of("p", Patient.class, "st", Study.class, "se", Series.class, "i", Instance.class);

    @ParameterizedTest
    @ValueSource(strings = {
            // dcmqrscp manual, "Query Keys"
            "PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate", "PatientBirthTime", "PatientSex",
            "OtherPatientIDs", "OtherPatientNames", "EthnicGroup", "PatientComments",
            "StudyDate", "StudyTime", "AccessionNumber", "ReferringPhysicianName", "StudyDescription",
            "NameOfPhysiciansReadingStudy", "AdmittingDiagnosesDescription", "PatientAge", "PatientSize",
            "PatientWeight", "Occupation", "AdditionalPatientHistory", "StudyInstanceUID", "StudyID",
            "OtherStudyNumbers", "Modality", "SeriesInstanceUID", "SeriesNumber", "SOPInstanceUID", "InstanceNumber",
            // the additions
            "ModalitiesInStudy", "SOPClassesInStudy", "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances",
            "NumberOfSeriesRelatedInstances", "NumberOfPatientRelatedStudies", "NumberOfPatientRelatedSeries",
            "NumberOfPatientRelatedInstances", "SOPClassUID", "SeriesDescription", "PerformedProcedureStepStartDate"})
    void everyRequiredKeyIsSupported(String keyword) {
        int tag = ElementDictionary.tagOf(keyword);
        QueryKey key = QueryKeys.get(tag);
        assertNotNull(key, keyword);
        assertEquals(keyword, key.keyword());
        assertEquals(ElementDictionary.vrOf(tag), key.vr(), keyword);
    }

    @Test
    void columnPathsNameEntityFieldsOfTheirLevel() throws Exception {
        for (QueryKey key : QueryKeys.all()) {
            if (key.aggregate() != null) {
                assertNull(key.path(), key.keyword());
                continue;
            }
            assertField(key.level(), key.path());
            if (key.normalizedPath() != null) {
                assertEquals(VR.PN, key.vr());
                assertField(key.level(), key.normalizedPath());
            }
        }
    }

    private static void assertField(QueryLevel level, String path) throws Exception {
        String[] parts = path.split("\\.");
        assertEquals(2, parts.length, path);
        assertEquals(level.alias(), parts[0], path);
        assertNotNull(ENTITY_OF_ALIAS.get(parts[0]).getDeclaredField(parts[1]), path);
    }

    @Test
    void personNamesWithANormalizedColumnUseIt() {
        assertEquals("p.patientNameNorm", QueryKeys.get(Tag.PatientName).normalizedPath());
        assertEquals("st.referringPhysicianNameNorm", QueryKeys.get(Tag.ReferringPhysicianName).normalizedPath());
        assertNull(QueryKeys.get(Tag.OtherPatientNames).normalizedPath());
    }

    @Test
    void multiValuedColumnsAreThoseWhoseVmAllowsSeveralValues() {
        for (QueryKey key : QueryKeys.all()) {
            if (key.aggregate() == null) {
                boolean several = !ElementDictionary.lookup(key.tag()).vm().equals("1");
                assertEquals(several, key.multiValued(), key.keyword());
            }
        }
    }

    @Test
    void aggregatesHaveKindsAndOwners() {
        assertEquals(Aggregate.MODALITIES_IN_STUDY, QueryKeys.get(Tag.ModalitiesInStudy).aggregate());
        assertEquals(Aggregate.SOP_CLASSES_IN_STUDY, QueryKeys.get(Tag.SOPClassesInStudy).aggregate());
        assertEquals(QueryLevel.PATIENT, QueryKeys.get(Tag.NumberOfPatientRelatedInstances).level());
        assertEquals(QueryLevel.SERIES, QueryKeys.get(Tag.NumberOfSeriesRelatedInstances).level());
        assertTrue(QueryKeys.get(Tag.ModalitiesInStudy).matchable());
        assertTrue(QueryKeys.get(Tag.SOPClassesInStudy).matchable());
        assertFalse(QueryKeys.get(Tag.NumberOfStudyRelatedSeries).matchable());
        assertTrue(QueryKeys.get(Tag.StudyDate).matchable());
    }

    @Test
    void aggregateSubqueriesNameEntityFields() throws Exception {
        for (Aggregate aggregate : Aggregate.values()) {
            assertTrue(aggregate.valueJpql().contains(":owner"), aggregate.name());
            if (!aggregate.matchable()) {
                continue;
            }
            Class<?> type = Class.forName(Patient.class.getPackageName() + "." + aggregate.matchEntity());
            assertNotNull(type.getDeclaredField(aggregate.matchField()));
            for (String step : aggregate.matchOwnerPath().split("\\.")) {
                Field f = type.getDeclaredField(step);
                type = f.getType();
            }
            assertEquals(Study.class, type, aggregate.name());
        }
    }

    @Test
    void unsupportedKeysAreUnknown() {
        assertNull(QueryKeys.get(Tag.InstanceAvailability));
        assertNull(QueryKeys.get(Tag.QueryRetrieveLevel));
        assertNull(QueryKeys.get(0x00091010));
    }
}
