package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;

/** DICOM wild cards as LIKE patterns, and '?' as one character. */
class WildcardsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"M?ller*|M_ller%", "*|%", "100%|100!%", "a_b|a!_b", "Hi!|Hi!!",
            "\\*|\\%", "*?*|%_%"})
    void toLikeEscapesLikeMetacharacters(String dicom, String like) {
        assertEquals(like, Wildcards.toLike(dicom));
    }

    @Test
    void literalKeepsDicomWildcardsAsCharacters() {
        assertEquals("a*b?!%!_!!", Wildcards.literal("a*b?%_!"));
    }

    @Test
    void onlyTextVrsHaveWildcards() {
        for (VR vr : new VR[] {VR.AE, VR.CS, VR.LO, VR.LT, VR.PN, VR.SH, VR.ST, VR.UC, VR.UR, VR.UT}) {
            assertTrue(Wildcards.applies(vr), vr.name());
        }
        for (VR vr : new VR[] {VR.DA, VR.TM, VR.DT, VR.UI, VR.IS, VR.DS, VR.AS}) {
            assertFalse(Wildcards.applies(vr), vr.name());
        }
    }

    @Test
    void questionMarkIsOneCharacterNotOneByte() throws QueryFailure {
        assertEquals(7, "Müller".getBytes(StandardCharsets.UTF_8).length); // the 'ü' is two bytes in UTF-8
        Attributes id = Ids.of("PATIENT");
        id.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        id.setString(Tag.PatientName, VR.PN, "M?ller");
        QueryRequest r = QueryRequest.parse(id, InformationModel.PATIENT_ROOT, true);
        JpqlWhere where = JpqlFilter.where(r, "QRSCP", PersonNameMatching.CASE_INSENSITIVE);
        String pattern = (String) where.parameters().get("p1");
        assertEquals("M_LLER", pattern);
        assertTrue(like(PersonNames.normalize("Müller"), pattern));
        assertTrue(like(PersonNames.normalize("Møller^^"), pattern));
        assertFalse(like(PersonNames.normalize("Mueller"), pattern));
        assertFalse(like(PersonNames.normalize("Mller"), pattern));
        assertTrue(like("M%LLER", "M!%LLER"));
        assertFalse(like("MALLER", "M!%LLER"));
    }

    /** SQL LIKE with escape '!', as H2 and PostgreSQL evaluate it on character strings. */
    static boolean like(String value, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int k = 0; k < pattern.length(); k++) {
            char c = pattern.charAt(k);
            if (c == Wildcards.ESCAPE) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++k))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }
}
