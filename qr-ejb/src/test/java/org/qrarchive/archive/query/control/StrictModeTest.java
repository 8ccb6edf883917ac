package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.ElementDictionary;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.dimse.Status;

/** What --check-find refuses, and what lenient mode makes of the same identifiers. */
class StrictModeTest {
    private static final int A900 = Status.DATASET_DOES_NOT_MATCH_SOP_CLASS;
    private static final int C000 = Status.CANNOT_UNDERSTAND;
    private static final InformationModel PATIENT_ROOT = InformationModel.PATIENT_ROOT;
    private static final InformationModel STUDY_ROOT = InformationModel.STUDY_ROOT;

    @Test
    void keysBelowTheQueryLevel() throws QueryFailure {
        Attributes id = Ids.of("STUDY", Tag.PatientID, "1", Tag.Modality, "CT");
        assertEquals("Modality is below query level STUDY",
                Ids.failure(A900, Tag.Modality, PATIENT_ROOT, true, id).errorComment());
        QueryRequest lenient = QueryRequest.parse(id, PATIENT_ROOT, false);
        assertEquals(List.of(Tag.PatientID), tags(lenient.conditions()));
        assertEquals(ReturnKey.Fill.EMPTY, returnKey(lenient, Tag.Modality).fill());
        // the same for a series key in the Patient/Study Only model, whose bottom is STUDY
        Ids.failure(A900, Tag.SeriesNumber, InformationModel.PATIENT_STUDY_ONLY, true,
                Ids.of("STUDY", Tag.PatientID, "1", Tag.SeriesNumber, "1"));
    }

    @Test
    void nonUniqueKeysOfLevelsAbove() throws QueryFailure {
        Attributes id = Ids.of("STUDY", Tag.PatientID, "1", Tag.PatientName, "Doe*");
        assertEquals("PatientName not allowed at level STUDY",
                Ids.failure(A900, Tag.PatientName, PATIENT_ROOT, true, id).errorComment());
        QueryRequest lenient = QueryRequest.parse(id, PATIENT_ROOT, false);
        assertEquals(List.of(Tag.PatientName, Tag.PatientID), tags(lenient.conditions()));
        assertEquals(ReturnKey.Fill.INDEX, returnKey(lenient, Tag.PatientName).fill());
        // Study Root: patient keys belong to the study level, so they are fine there but not below it
        QueryRequest.parse(Ids.of("STUDY", Tag.PatientName, "Doe*", Tag.PatientID, "1*"), STUDY_ROOT, true);
        Ids.failure(A900, Tag.PatientName, STUDY_ROOT, true,
                Ids.of("SERIES", Tag.StudyInstanceUID, "1.2", Tag.PatientName, "Doe*"));
    }

    @Test
    void severalValuesWhereTheVmIsOne() throws QueryFailure {
        Attributes id = Ids.of("SERIES", Tag.StudyInstanceUID, "1.2", Tag.Modality, "CT\\MR");
        assertEquals("More than one value in Modality",
                Ids.failure(A900, Tag.Modality, STUDY_ROOT, true, id).errorComment());
        Condition lenient = QueryRequest.parse(id, STUDY_ROOT, false).conditions().get(0);
        assertTrue(lenient instanceof Condition.AnyOf, lenient.toString());
        // VM 1-n keys and UID lists may have several values
        QueryRequest.parse(Ids.of("STUDY", Tag.ModalitiesInStudy, "CT\\MR"), STUDY_ROOT, true);
        QueryRequest.parse(Ids.of("STUDY", Tag.StudyInstanceUID, "1.2\\1.3"), STUDY_ROOT, true);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PatientSex|m|Invalid PatientSex: has a character other than A-Z, 0-9, space a",
            "StudyDate|2020.01.01|Invalid StudyDate: longer than 8 characters",
            "StudyDate|2020010a|Invalid StudyDate: not a date YYYYMMDD",
            "StudyDate|20200230|Invalid StudyDate: invalid DA value '20200230': day 30 does not",
            "StudyTime|10:30-11:00|Invalid StudyTime: has a character other than 0-9 and '.'",
            "StudyInstanceUID|1.02|Invalid StudyInstanceUID: not a valid UID",
            "StudyInstanceUID|1.2\\1.02|Invalid StudyInstanceUID: not a valid UID",
            "PatientName|a^b^c^d^e^f|Invalid PatientName: more than 5 components in a group",
            "PatientAge|42|Invalid PatientAge: not an age nnnD, nnnW, nnnM or nnnY",
            "NumberOfStudyRelatedSeries|many|Invalid NumberOfStudyRelatedSeries: not an integer string",
            "StudyDate|*|Invalid value in StudyDate"})
    void invalidValues(String keyword, String value, String comment) throws QueryFailure {
        int tag = ElementDictionary.tagOf(keyword);
        Attributes id = Ids.of("STUDY", tag, value);
        assertEquals(comment, Ids.failure(A900, tag, STUDY_ROOT, true, id).errorComment());
        try {
            QueryRequest.parse(id, STUDY_ROOT, false); // lenient mode matches what it can read
        } catch (QueryFailure f) {
            assertEquals(C000, f.status(), "only unreadable dates and times fail in lenient mode");
        }
    }

    @Test
    void lenientModeReadsOldForms() throws QueryFailure {
        QueryRequest r = Ids.parse(STUDY_ROOT, false, "STUDY", Tag.StudyDate, "2020.01.01",
                Tag.StudyTime, "10:30-11:00");
        assertEquals(new Condition.SingleValue(QueryKeys.get(Tag.StudyDate), "20200101"), r.conditions().get(0));
        assertEquals(new Condition.Range(QueryKeys.get(Tag.StudyTime), "1030", "110059.999999"), r.conditions().get(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "StudyDate|20200101-20200201-|Invalid range in StudyDate",
            "StudyDate|-|Invalid range in StudyDate",
            "StudyDate|2020-|Invalid range in StudyDate",
            "StudyTime|25-|Invalid range in StudyTime",
            "StudyTime|1060|Invalid value in StudyTime",
            "PatientBirthDate|yesterday|Invalid value in PatientBirthDate"})
    void unreadableDatesFailInBothModes(String keyword, String value, String comment) {
        int tag = ElementDictionary.tagOf(keyword);
        Attributes id = Ids.of("STUDY", tag, value);
        Ids.failure(A900, tag, STUDY_ROOT, true, id);
        assertEquals(comment, Ids.failure(C000, tag, STUDY_ROOT, false, id).errorComment());
    }

    @Test
    void sequencesWithSeveralItems() throws QueryFailure {
        Attributes id = Ids.of("STUDY");
        id.newSequence(Tag.ReferencedStudySequence).addAll(List.of(new Attributes(), new Attributes()));
        assertEquals("Sequence key ReferencedStudySequence has more than one item",
                Ids.failure(A900, Tag.ReferencedStudySequence, STUDY_ROOT, true, id).errorComment());
        assertEquals(ReturnKey.Fill.EMPTY,
                returnKey(QueryRequest.parse(id, STUDY_ROOT, false), Tag.ReferencedStudySequence).fill());
    }

    @Test
    void whatStrictModeStillAccepts() throws QueryFailure {
        QueryRequest r = Ids.parse(PATIENT_ROOT, true, "IMAGE", Tag.PatientID, "P1", Tag.StudyInstanceUID, "1.2",
                Tag.SeriesInstanceUID, "1.2.3", Tag.SOPInstanceUID, "1.2.3.4\\1.2.3.5", Tag.InstanceNumber, "",
                Tag.SOPClassUID, "", Tag.InstanceAvailability, "ONLINE", 0x00091010, "private");
        assertEquals(List.of(Tag.SOPInstanceUID, Tag.PatientID, Tag.StudyInstanceUID, Tag.SeriesInstanceUID),
                tags(r.conditions()));
        QueryRequest.parse(Ids.of("SERIES", Tag.StudyInstanceUID, "1.2", Tag.Modality, "C*"), STUDY_ROOT, true);
        QueryRequest.parse(Ids.of("STUDY", Tag.StudyTime, "-1130", Tag.StudyDate, "20200101-"), STUDY_ROOT, true);
    }

    @Test
    void emptySpecificCharacterSet() throws QueryFailure {
        Attributes id = Ids.of("STUDY", Tag.SpecificCharacterSet, "");
        Ids.failure(A900, Tag.SpecificCharacterSet, STUDY_ROOT, true, id);
        assertEquals(ReturnKey.Fill.SPECIFIC_CHARACTER_SET,
                returnKey(QueryRequest.parse(id, STUDY_ROOT, false), Tag.SpecificCharacterSet).fill());
    }

    @Test
    void supportedKeySentAsSequenceIsReturnedEmpty() throws QueryFailure {
        Attributes id = Ids.of("STUDY");
        id.newSequence(Tag.StudyDescription).add(new Attributes());
        ReturnKey k = returnKey(QueryRequest.parse(id, STUDY_ROOT, true), Tag.StudyDescription);
        assertEquals(ReturnKey.Fill.EMPTY, k.fill());
        assertEquals(org.qrarchive.dicom.data.VR.SQ, k.vr());
    }

    @Test
    void levelCodeMustBeExactInStrictMode() throws QueryFailure {
        Ids.failure(A900, Tag.QueryRetrieveLevel, STUDY_ROOT, true, Ids.of("study"));
        assertEquals(QueryLevel.STUDY, QueryRequest.parse(Ids.of("study"), STUDY_ROOT, false).level());
    }

    static List<Integer> tags(List<Condition> conditions) {
        return conditions.stream().map(c -> c.key().tag()).toList();
    }

    static ReturnKey returnKey(QueryRequest request, int tag) {
        return request.returnKeys().stream().filter(k -> k.tag() == tag).findFirst().orElseThrow();
    }
}
