package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.dimse.Status;

/** Error Comment is LO: short, default repertoire, no backslash. */
class QueryFailureTest {

    @Test
    void statusesAndOffendingElement() {
        QueryFailure a900 = QueryFailure.doesNotMatch("x", Tag.PatientID);
        assertEquals(Status.DATASET_DOES_NOT_MATCH_SOP_CLASS, a900.status());
        assertEquals(Tag.PatientID, a900.offendingTag());
        assertEquals(Status.CANNOT_UNDERSTAND, QueryFailure.unableToProcess("x", Tag.StudyDate).status());
    }

    @Test
    void commentIsCutToSixtyFourPrintableAsciiCharacters() {
        String quoted = "Unknown Query/Retrieve Level " + "Ünknown\\level\n".repeat(10);
        String comment = QueryFailure.doesNotMatch(quoted, Tag.QueryRetrieveLevel).errorComment();
        assertEquals(64, comment.length());
        assertEquals("Unknown Query/Retrieve Level ?nknown/level??nknown/level??nknown", comment);
    }

    @Test
    void unknownLevelIsQuotedSafely() {
        QueryFailure f = org.junit.jupiter.api.Assertions.assertThrows(QueryFailure.class, () ->
                QueryRequest.parse(Ids.of("S\u00c9RIES"), InformationModel.STUDY_ROOT, false));
        assertEquals("Unknown Query/Retrieve Level S?RIES", f.errorComment());
    }
}
