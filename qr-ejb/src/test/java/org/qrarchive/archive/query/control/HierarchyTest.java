package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.ElementDictionary;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.dimse.Status;

/** PS3.4 C.4.1.2.1 for every model and level, in strict and lenient mode alike. */
class HierarchyTest {
    private static final int A900 = Status.DATASET_DOES_NOT_MATCH_SOP_CLASS;

    /** model, level, the unique keys the level needs above it. */
    static Stream<Arguments> allowedLevels() {
        List<Integer> none = List.of();
        List<Integer> patient = List.of(Tag.PatientID);
        List<Integer> study = List.of(Tag.StudyInstanceUID);
        return Stream.of(
                Arguments.of(InformationModel.PATIENT_ROOT, "PATIENT", none),
                Arguments.of(InformationModel.PATIENT_ROOT, "STUDY", patient),
                Arguments.of(InformationModel.PATIENT_ROOT, "SERIES", List.of(Tag.PatientID, Tag.StudyInstanceUID)),
                Arguments.of(InformationModel.PATIENT_ROOT, "IMAGE",
                        List.of(Tag.PatientID, Tag.StudyInstanceUID, Tag.SeriesInstanceUID)),
                Arguments.of(InformationModel.STUDY_ROOT, "STUDY", none),
                Arguments.of(InformationModel.STUDY_ROOT, "SERIES", study),
                Arguments.of(InformationModel.STUDY_ROOT, "IMAGE", List.of(Tag.StudyInstanceUID, Tag.SeriesInstanceUID)),
                Arguments.of(InformationModel.PATIENT_STUDY_ONLY, "PATIENT", none),
                Arguments.of(InformationModel.PATIENT_STUDY_ONLY, "STUDY", patient));
    }

    static Stream<Arguments> forbiddenLevels() {
        return Stream.of(
                Arguments.of(InformationModel.STUDY_ROOT, "PATIENT"),
                Arguments.of(InformationModel.PATIENT_STUDY_ONLY, "SERIES"),
                Arguments.of(InformationModel.PATIENT_STUDY_ONLY, "IMAGE"));
    }

    @ParameterizedTest
    @MethodSource("allowedLevels")
    void uniqueKeysAboveAreMatchedAsSingleValues(InformationModel model, String level, List<Integer> required)
            throws QueryFailure {
        for (boolean strict : new boolean[] {false, true}) {
            QueryRequest request = QueryRequest.parse(identifier(level, required, -1, null), model, strict);
            assertEquals(QueryLevel.valueOf(level), request.level());
            assertEquals(required.size(), request.conditions().size());
            for (Condition c : request.conditions()) {
                assertTrue(c instanceof Condition.SingleValue, c.toString());
                assertEquals(value(c.key().tag()), ((Condition.SingleValue) c).value());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("allowedLevels")
    void everyMissingUniqueKeyAboveFails(InformationModel model, String level, List<Integer> required) {
        for (boolean strict : new boolean[] {false, true}) {
            for (int missing : required) {
                Attributes absent = identifier(level, required, missing, null);
                String comment = Ids.failure(A900, missing, model, strict, absent).errorComment();
                assertEquals("Missing " + ElementDictionary.keywordOf(missing) + " for level " + level, comment);
                Ids.failure(A900, missing, model, strict, identifier(level, required, missing, ""));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("allowedLevels")
    void uniqueKeysAboveMustBeOneValueWithoutWildcards(InformationModel model, String level, List<Integer> required) {
        for (boolean strict : new boolean[] {false, true}) {
            for (int bad : required) {
                String v = value(bad);
                for (String badValue : new String[] {v + "\\" + v + "9", v + "*", "?" + v.substring(1), "*"}) {
                    Ids.failure(A900, bad, model, strict, identifier(level, required, bad, badValue));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("forbiddenLevels")
    void levelsOutsideTheModelFail(InformationModel model, String level) {
        for (boolean strict : new boolean[] {false, true}) {
            Attributes id = identifier(level, List.of(Tag.PatientID, Tag.StudyInstanceUID, Tag.SeriesInstanceUID),
                    -1, null);
            String comment = Ids.failure(A900, Tag.QueryRetrieveLevel, model, strict, id).errorComment();
            assertEquals("No " + level + " level in " + model.title() + " model", comment);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void missingUnknownOrSeveralLevelsFail(boolean strict) {
        InformationModel m = InformationModel.PATIENT_ROOT;
        Ids.failure(A900, Tag.QueryRetrieveLevel, m, strict, Ids.of(null, Tag.PatientID, "1"));
        Ids.failure(A900, Tag.QueryRetrieveLevel, m, strict, Ids.of("", Tag.PatientID, "1"));
        Ids.failure(A900, Tag.QueryRetrieveLevel, m, strict, Ids.of("FRAME", Tag.PatientID, "1"));
        Ids.failure(A900, Tag.QueryRetrieveLevel, m, strict, Ids.of("PATIENT\\STUDY", Tag.PatientID, "1"));
        assertEquals("Missing Query/Retrieve Level", Ids.failure(A900, Tag.QueryRetrieveLevel, m, strict,
                Ids.of(null)).errorComment());
    }

    /** An identifier with every required key but {@code changed}, which is absent (null) or {@code changedValue}. */
    private static Attributes identifier(String level, List<Integer> required, int changed, String changedValue) {
        List<Object> kv = new ArrayList<>();
        for (int tag : required) {
            if (tag != changed || changedValue != null) {
                kv.add(tag);
                kv.add(tag == changed ? changedValue : value(tag));
            }
        }
        return Ids.of(level, kv.toArray());
    }

    private static String value(int tag) {
        return switch (tag) {
            case Tag.PatientID -> "PID1";
            case Tag.StudyInstanceUID -> "1.2.3";
            default -> "1.2.3.4";
        };
    }
}
