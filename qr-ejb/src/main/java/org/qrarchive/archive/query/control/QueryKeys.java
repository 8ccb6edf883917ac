package org.qrarchive.archive.query.control;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.qrarchive.archive.index.entity.IndexedSequences;
import org.qrarchive.dicom.data.ElementDictionary;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;

/**
 * The table of supported query keys: every query key of dcmqrscp's manual plus the keys of the C-FIND
 * issue (aggregates, SOP Class UID, Series Description, Performed Procedure Step Start Date). JPQL names are
 * the entity field names of {@code index.entity}; QueryKeysTest checks that each path names a field.
 */
public final class QueryKeys {
    private static final Map<Integer, QueryKey> KEYS = new LinkedHashMap<>();

    static {
        QueryLevel p = QueryLevel.PATIENT;
        column(Tag.PatientName, p, "p.patientName", "p.patientNameNorm", false);
        column(Tag.PatientID, p, "p.patientId");
        column(Tag.IssuerOfPatientID, p, "p.issuerOfPatientId");
        column(Tag.PatientBirthDate, p, "p.patientBirthDate");
        column(Tag.PatientBirthTime, p, "p.patientBirthTime");
        column(Tag.PatientSex, p, "p.patientSex");
        column(Tag.OtherPatientIDs, p, "p.otherPatientIds", null, true);
        column(Tag.OtherPatientNames, p, "p.otherPatientNames", null, true);
        column(Tag.EthnicGroup, p, "p.ethnicGroup");
        column(Tag.PatientComments, p, "p.patientComments");
        aggregate(Tag.NumberOfPatientRelatedStudies, Aggregate.PATIENT_RELATED_STUDIES);
        aggregate(Tag.NumberOfPatientRelatedSeries, Aggregate.PATIENT_RELATED_SERIES);
        aggregate(Tag.NumberOfPatientRelatedInstances, Aggregate.PATIENT_RELATED_INSTANCES);

        QueryLevel st = QueryLevel.STUDY;
        column(Tag.StudyDate, st, "st.studyDate");
        column(Tag.StudyTime, st, "st.studyTime");
        column(Tag.AccessionNumber, st, "st.accessionNumber");
        column(Tag.ReferringPhysicianName, st, "st.referringPhysicianName", "st.referringPhysicianNameNorm", false);
        column(Tag.StudyDescription, st, "st.studyDescription");
        column(Tag.NameOfPhysiciansReadingStudy, st, "st.nameOfPhysiciansReadingStudy", null, true);
        column(Tag.AdmittingDiagnosesDescription, st, "st.admittingDiagnosesDescription", null, true);
        column(Tag.PatientAge, st, "st.patientAge");
        column(Tag.PatientSize, st, "st.patientSize");
        column(Tag.PatientWeight, st, "st.patientWeight");
        column(Tag.Occupation, st, "st.occupation");
        column(Tag.AdditionalPatientHistory, st, "st.additionalPatientHistory");
        column(Tag.StudyInstanceUID, st, "st.studyInstanceUid");
        column(Tag.StudyID, st, "st.studyId");
        column(Tag.OtherStudyNumbers, st, "st.otherStudyNumbers", null, true);
        aggregate(Tag.ModalitiesInStudy, Aggregate.MODALITIES_IN_STUDY);
        aggregate(Tag.SOPClassesInStudy, Aggregate.SOP_CLASSES_IN_STUDY);
        aggregate(Tag.NumberOfStudyRelatedSeries, Aggregate.STUDY_RELATED_SERIES);
        aggregate(Tag.NumberOfStudyRelatedInstances, Aggregate.STUDY_RELATED_INSTANCES);

        QueryLevel se = QueryLevel.SERIES;
        column(Tag.Modality, se, "se.modality");
        column(Tag.SeriesInstanceUID, se, "se.seriesInstanceUid");
        column(Tag.SeriesNumber, se, "se.seriesNumber");
        column(Tag.SeriesDescription, se, "se.seriesDescription");
        column(Tag.PerformedProcedureStepStartDate, se, "se.performedProcedureStepStartDate");
        aggregate(Tag.NumberOfSeriesRelatedInstances, Aggregate.SERIES_RELATED_INSTANCES);

        QueryLevel i = QueryLevel.IMAGE;
        column(Tag.SOPInstanceUID, i, "i.sopInstanceUid");
        column(Tag.InstanceNumber, i, "i.instanceNumber");
        column(Tag.SOPClassUID, i, "i.sopClassUid");

        sequences(IndexedSequences.PATIENT, p, "p.sequences");
        sequences(IndexedSequences.STUDY, st, "st.sequences");
        sequences(IndexedSequences.SERIES, se, "se.sequences");
        sequences(IndexedSequences.INSTANCE, i, "i.sequences");
    }

    private QueryKeys() {
    }

    /** The supported key of {@code tag}, or {@code null} when the archive does not support it. */
    public static QueryKey get(int tag) {
        return KEYS.get(tag);
    }

    /** Every supported key, patient keys first. */
    public static Collection<QueryKey> all() {
        return Collections.unmodifiableCollection(KEYS.values());
    }

    /** The keyword of any tag, or "(gggg,eeee)" when it has none, for error comments. */
    static String nameOf(int tag) {
        String keyword = ElementDictionary.keywordOf(tag);
        return keyword != null ? keyword : String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    private static void column(int tag, QueryLevel level, String path) {
        column(tag, level, path, null, false);
    }

    private static void column(int tag, QueryLevel level, String path, String normalizedPath, boolean multiValued) {
        KEYS.put(tag, new QueryKey(tag, ElementDictionary.vrOf(tag), level, path, normalizedPath, multiValued, null));
    }

    /** Sequence keys: {@code path} is the level's encoded sequences, matched by {@link SequenceKey}. */
    private static void sequences(int[] tags, QueryLevel level, String path) {
        for (int tag : tags) {
            KEYS.put(tag, new QueryKey(tag, VR.SQ, level, path, null, false, null));
        }
    }

    private static void aggregate(int tag, Aggregate aggregate) {
        KEYS.put(tag, new QueryKey(tag, ElementDictionary.vrOf(tag), aggregate.owner(), null, null, false, aggregate));
    }
}
