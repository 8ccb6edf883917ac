package org.qrarchive.archive.store.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;

/** Received UIDs become path components only when they are UIDs. */
class StoredUidsTest {

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "1.2.abc", "1..2", "/etc/passwd", "1.2.3/4", "..", "1.02.3",
            "123456789012345678901234567890123456789012345678901234567890.12345"})
    void hostileOrInvalidUidsAreRefused(String uid) {
        assertNull(StoredUids.read(uidElement(uid), Tag.SOPInstanceUID, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.2.3\u0000|false|1.2.3", "1.2.3 |true|1.2.3", "' 1.2.3 '|true|1.2.3", "1.2.3|false|1.2.3"})
    void paddingIsHandledAsConfigured(String raw, boolean fix, String expected) {
        assertEquals(expected, StoredUids.read(uidElement(raw), Tag.SOPInstanceUID, fix));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3 ", " 1.2.3"})
    void spacePaddingIsInvalidUnlessCorrected(String raw) {
        assertNull(StoredUids.read(uidElement(raw), Tag.SOPInstanceUID, false));
    }

    @org.junit.jupiter.api.Test
    void relativePathIsStudySeriesInstance() {
        assertEquals("1.2/1.2.3/1.2.3.4-abc.dcm", new StoredUids("1.2", "1.2.3", "1.2.3.4").relativePath("abc"));
    }

    private static Attributes uidElement(String raw) {
        Attributes attrs = new Attributes();
        attrs.setBytes(Tag.SOPInstanceUID, VR.UI, raw.getBytes(StandardCharsets.US_ASCII));
        return attrs;
    }
}
