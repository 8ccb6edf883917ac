package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.qrarchive.dicom.data.Tag;

/** The whole query the boundary runs, and how it reads a row. */
class FindQueryTest {

    @Test
    void studyQuerySelectsPrimaryKeysThenColumns() throws QueryFailure {
        QueryRequest r = Ids.parse(InformationModel.STUDY_ROOT, false, "STUDY", Tag.StudyDate, "20200101",
                Tag.ModalitiesInStudy, "", Tag.PatientName, "", Tag.NumberOfPatientRelatedStudies, "");
        FindQuery q = FindQuery.of(r, "QRSCP", PersonNameMatching.CASE_INSENSITIVE);
        assertEquals("select st.pk, p.pk, st.specificCharset, p.specificCharset, st.studyDate, p.patientName "
                + "from Study st join st.patient p "
                + "where st.aeTitle = :ae and st.studyDate = :p1 order by st.pk", q.jpql());
        assertEquals(Map.of("ae", "QRSCP", "p1", "20200101"), q.parameters());
        assertEquals(List.of(QueryLevel.STUDY, QueryLevel.PATIENT), q.pkLevels());

        Object[] row = {7L, 3L, "ISO_IR 100", "\\ISO 2022 IR 87", "20200101", "Doe^John"};
        assertEquals(7L, q.pk(row, QueryLevel.STUDY));
        assertEquals("ISO_IR 100", q.storedCharset(row, QueryLevel.STUDY));
        assertEquals("\\ISO 2022 IR 87", q.storedCharset(row, QueryKeys.get(Tag.PatientName).entityLevel()),
                "in the Study Root model a patient key is a study key, but its text is the patient's");
        assertEquals(3L, q.pk(row, Aggregate.PATIENT_RELATED_STUDIES.owner()));
        assertEquals("Doe^John", q.value(row, QueryKeys.get(Tag.PatientName)));
        assertEquals("20200101", q.value(row, QueryKeys.get(Tag.StudyDate)));
        assertThrows(IllegalArgumentException.class, () -> q.pk(row, QueryLevel.SERIES));
        assertThrows(IllegalArgumentException.class, () -> q.value(row, QueryKeys.get(Tag.StudyTime)));
    }

    @Test
    void imageQueryJoinsEveryLevel() throws QueryFailure {
        QueryRequest r = Ids.parse(InformationModel.PATIENT_ROOT, true, "IMAGE", Tag.PatientID, "P1",
                Tag.StudyInstanceUID, "1.2", Tag.SeriesInstanceUID, "1.2.3", Tag.SOPInstanceUID, "",
                Tag.SOPClassUID, "");
        FindQuery q = FindQuery.of(r, "AE2", PersonNameMatching.CASE_INSENSITIVE);
        assertEquals("select i.pk, se.pk, st.pk, p.pk, i.specificCharset, se.specificCharset, "
                + "st.specificCharset, p.specificCharset, i.sopClassUid, i.sopInstanceUid, p.patientId, "
                + "st.studyInstanceUid, se.seriesInstanceUid "
                + "from Instance i join i.series se join se.study st join st.patient p "
                + "where i.aeTitle = :ae and se.aeTitle = :ae and st.aeTitle = :ae and p.aeTitle = :ae and p.patientId = :p1 and st.studyInstanceUid = :p2 "
                + "and se.seriesInstanceUid = :p3 order by i.pk", q.jpql());
        assertEquals("AE2", q.parameters().get("ae"));
    }

    @Test
    void patientQueryWithAggregatesOnly() throws QueryFailure {
        QueryRequest r = Ids.parse(InformationModel.PATIENT_ROOT, true, "PATIENT",
                Tag.NumberOfPatientRelatedInstances, "");
        FindQuery q = FindQuery.of(r, "QRSCP", PersonNameMatching.CASE_INSENSITIVE);
        assertEquals("select p.pk, p.specificCharset from Patient p where p.aeTitle = :ae order by p.pk", q.jpql());
        assertEquals("select count(p) from Patient p where p.aeTitle = :ae", q.countJpql());
        assertEquals("select count(x) from Instance x where x.series.study.patient.pk = :owner",
                Aggregate.PATIENT_RELATED_INSTANCES.valueJpql());
    }
}
