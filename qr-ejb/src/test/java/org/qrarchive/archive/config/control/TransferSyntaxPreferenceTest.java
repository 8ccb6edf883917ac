package org.qrarchive.archive.config.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.UID;

class TransferSyntaxPreferenceTest {

    @Test
    void defaultPrefersExplicitLittleEndianAndAcceptsEveryDcmqrscpSyntax() {
        List<String> list = TransferSyntaxPreference.forStorage("uncompr");
        assertEquals(UID.ExplicitVRLittleEndian, list.get(0));
        assertEquals(21, list.size(), "the 21 transfer syntaxes of the dcmqrscp manual");
        assertEquals(list.size(), new HashSet<>(list).size(), "no duplicates");
    }

    @Test
    void preferredSyntaxComesFirstOnce() {
        List<String> list = TransferSyntaxPreference.forStorage("jpeg8");
        assertEquals("1.2.840.10008.1.2.4.50", list.get(0));
        assertEquals(21, list.size(), "the 21 transfer syntaxes of the dcmqrscp manual");
        assertEquals(UID.ExplicitVRLittleEndian, list.get(1));
    }

    @Test
    void implicitMeansImplicitOnly() {
        assertEquals(List.of(UID.ImplicitVRLittleEndian), TransferSyntaxPreference.forStorage("implicit"));
    }

    @Test
    void unknownNamesAreConfigurationErrors() {
        assertThrows(IllegalStateException.class, () -> TransferSyntaxPreference.forStorage("jpeg9"));
        assertThrows(IllegalStateException.class, () -> TransferSyntaxPreference.forWriting("jpeg"));
    }

    @Test
    void writeSyntaxes() {
        assertNull(TransferSyntaxPreference.forWriting("same"));
        assertEquals(TransferSyntax.EXPLICIT_BE, TransferSyntaxPreference.forWriting("big"));
        assertEquals(TransferSyntax.DEFLATED_LE, TransferSyntaxPreference.forWriting(" Deflated "));
    }
}
