package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.SpecificCharacterSet;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;

/** Conditions and return keys of valid identifiers. */
class QueryRequestTest {
    private static final InformationModel STUDY_ROOT = InformationModel.STUDY_ROOT;

    @Test
    void everyKeyOfTheIdentifierIsReturnedAndThreeMoreAlways() throws QueryFailure {
        Attributes id = Ids.of("STUDY", Tag.PatientName, "", Tag.StudyDate, "", Tag.InstanceAvailability, "",
                Tag.ModalitiesInStudy, "", Tag.Modality, "", 0x00091010, "ACME", 0x00080000, "");
        id.setInt(0x00080000, VR.UL, 42); // a group length is encoding, not a key
        id.newSequence(Tag.ReferencedStudySequence).add(new Attributes());
        QueryRequest r = QueryRequest.parse(id, STUDY_ROOT, false);
        assertEquals(List.of(
                "(0008,0005) SPECIFIC_CHARACTER_SET", "(0008,0020) INDEX", "(0008,0052) QUERY_RETRIEVE_LEVEL",
                "(0008,0054) RETRIEVE_AE_TITLE", "(0008,0056) EMPTY", "(0008,0060) EMPTY", "(0008,0061) AGGREGATE",
                "(0008,1110) SEQUENCE", "(0009,1010) EMPTY", "(0010,0010) INDEX"),
                r.returnKeys().stream().map(k -> Tag.toString(k.tag()) + " " + k.fill()).toList());
        assertEquals(List.of(), r.conditions(), "empty keys are universal");
        assertEquals(List.of(QueryKeys.get(Tag.StudyDate), QueryKeys.get(Tag.ReferencedStudySequence),
                QueryKeys.get(Tag.PatientName)), r.indexKeys(), "a kept sequence is selected like a column");
        assertEquals(VR.SQ, StrictModeTest.returnKey(r, Tag.ReferencedStudySequence).vr());
        assertNull(StrictModeTest.returnKey(r, Tag.InstanceAvailability).key());
    }

    @Test
    void privateTagsSortAfterPublicOnes() throws QueryFailure {
        QueryRequest r = Ids.parse(STUDY_ROOT, false, "STUDY", 0x7FE10010, "X", Tag.StudyID, "");
        List<Integer> tags = r.returnKeys().stream().map(ReturnKey::tag).toList();
        assertEquals(0x7FE10010, tags.get(tags.size() - 1));
    }

    @Test
    void matchingTypesFollowVrAndValue() throws QueryFailure {
        QueryRequest r = Ids.parse(STUDY_ROOT, false, "STUDY", Tag.StudyDate, "20200101-",
                Tag.AccessionNumber, "A1", Tag.ReferringPhysicianName, "Sm?th*", Tag.PatientName, "*",
                Tag.PatientSize, "1.8", Tag.StudyInstanceUID, "1.2\\1.3", Tag.NumberOfStudyRelatedSeries, "3",
                Tag.SOPClassesInStudy, "1.2.840.10008.5.1.4.1.1.2");
        assertEquals(List.of(
                new Condition.Range(key(Tag.StudyDate), "20200101", null),
                new Condition.SingleValue(key(Tag.AccessionNumber), "A1"),
                new Condition.SingleValue(key(Tag.SOPClassesInStudy), "1.2.840.10008.5.1.4.1.1.2"),
                new Condition.Wildcard(key(Tag.ReferringPhysicianName), "Sm?th*"),
                new Condition.SingleValue(key(Tag.PatientSize), "1.8"),
                new Condition.UidList(key(Tag.StudyInstanceUID), List.of("1.2", "1.3"))), r.conditions(),
                "'*' is universal; Number of ... is never matched");
    }

    @Test
    void wildcardsAreOnlyForTextVrs() throws QueryFailure {
        // IS, DS, AS and UI have no Wild Card Matching (PS3.4 C.2.2.2.4): '?' is an ordinary character there
        QueryRequest r = Ids.parse(STUDY_ROOT, false, "SERIES", Tag.StudyInstanceUID, "1.2", Tag.SeriesNumber, "1?");
        assertEquals(new Condition.SingleValue(key(Tag.SeriesNumber), "1?"), r.conditions().get(1));
    }

    @Test
    void severalValuesMatchAny() throws QueryFailure {
        QueryRequest r = Ids.parse(STUDY_ROOT, false, "STUDY", Tag.ModalitiesInStudy, "CT\\M*\\");
        assertEquals(new Condition.AnyOf(key(Tag.ModalitiesInStudy), List.of(
                new Condition.SingleValue(key(Tag.ModalitiesInStudy), "CT"),
                new Condition.Wildcard(key(Tag.ModalitiesInStudy), "M*"))), r.conditions().get(0));
        QueryRequest universal = Ids.parse(STUDY_ROOT, false, "STUDY", Tag.ModalitiesInStudy, "CT\\*");
        assertEquals(List.of(), universal.conditions(), "one universal value makes the key universal");
    }

    @Test
    void valuesAreDecodedWithTheIdentifiersCharacterSet() throws QueryFailure {
        Attributes id = Ids.of("PATIENT");
        id.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        id.setBytes(Tag.PatientName, VR.PN, "M\u00fcller?".getBytes(StandardCharsets.ISO_8859_1));
        QueryRequest r = QueryRequest.parse(id, InformationModel.PATIENT_ROOT, false);
        assertEquals(SpecificCharacterSet.valueOf("ISO_IR 100"), r.charset());
        assertEquals(new Condition.Wildcard(key(Tag.PatientName), "Müller?"), r.conditions().get(0));
        assertEquals(SpecificCharacterSet.DEFAULT, Ids.parse(STUDY_ROOT, false, "STUDY").charset());
    }

    @Test
    void patientStudyOnlyStudyLevel() throws QueryFailure {
        QueryRequest r = Ids.parse(InformationModel.PATIENT_STUDY_ONLY, true, "STUDY", Tag.PatientID, "P1",
                Tag.StudyDate, "20200101", Tag.NumberOfStudyRelatedInstances, "");
        assertEquals(QueryLevel.STUDY, r.level());
        assertEquals(List.of(new Condition.SingleValue(key(Tag.StudyDate), "20200101"),
                new Condition.SingleValue(key(Tag.PatientID), "P1")), r.conditions());
        assertEquals(ReturnKey.Fill.AGGREGATE, StrictModeTest.returnKey(r, Tag.NumberOfStudyRelatedInstances).fill());
    }

    private static QueryKey key(int tag) {
        return QueryKeys.get(tag);
    }
}
