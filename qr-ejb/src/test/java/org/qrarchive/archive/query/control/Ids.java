package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.ElementDictionary;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;

/** Builds C-FIND identifiers for the tests: tag/value pairs, each with its dictionary VR. */
final class Ids {
    private Ids() {
    }

    /** An identifier with Query/Retrieve Level {@code level} (none when null) and the given keys. */
    static Attributes of(String level, Object... tagsAndValues) {
        Attributes id = new Attributes();
        if (level != null) {
            id.setString(Tag.QueryRetrieveLevel, VR.CS, level);
        }
        for (int k = 0; k < tagsAndValues.length; k += 2) {
            int tag = (Integer) tagsAndValues[k];
            id.setString(tag, ElementDictionary.vrOf(tag), (String) tagsAndValues[k + 1]);
        }
        return id;
    }

    static QueryRequest parse(InformationModel model, boolean strict, String level, Object... tagsAndValues)
            throws QueryFailure {
        return QueryRequest.parse(of(level, tagsAndValues), model, strict);
    }

    /** Asserts that parsing fails with {@code status} and {@code offendingTag}, and returns the failure. */
    static QueryFailure failure(int status, int offendingTag, InformationModel model, boolean strict,
                                Attributes identifier) {
        QueryFailure f = assertThrows(QueryFailure.class, () -> QueryRequest.parse(identifier, model, strict));
        assertEquals(Integer.toHexString(status), Integer.toHexString(f.status()), f.errorComment());
        assertEquals(Tag.toString(offendingTag), Tag.toString(f.offendingTag()), f.errorComment());
        return f;
    }
}
