package org.qrarchive.dicom.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Uids} against the UID syntax of PS3.5 §9.1 and the UUID-derived UIDs of Annex B.2. */
class UidsTest {
    private static final String SIXTY_FOUR = "1.2.840.10008.1234567890.1234567890.1234567890.1234567890.123456";

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "0.1", "1.2", "1.2.840.10008.1.2.1", "2.25.0", "1.0.0.0", "10.20.30",
        "1.2.840.10008.5.1.4.1.1.2", "9"})
    void acceptsValidUids(String uid) {
        assertTrue(Uids.isValid(uid), uid);
    }

    @Test
    void acceptsExactly64Characters() {
        assertEquals(64, SIXTY_FOUR.length());
        assertTrue(Uids.isValid(SIXTY_FOUR));
    }

    @Test
    void rejects65Characters() {
        assertFalse(Uids.isValid(SIXTY_FOUR + "7"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1.02.3", "01.2", "1.2.00", "1..2", "1.2.", ".1.2", ".", " 1.2", "1.2 ", "1. 2",
        "1.2a", "a.b", "../../x", "1.2\0", "1,2", "1-2", "+1.2", "-1", "1.2.3x", "١.٢"})
    void rejectsInvalidUids(String uid) {
        assertFalse(Uids.isValid(uid), () -> "'" + uid + "'");
    }

    /** Method sources, not CSV: a CSV parser would trim the NULs and spaces under test. */
    static Stream<Arguments> trimPaddingCases() {
        return Stream.of(
                Arguments.of("1.2.3", "1.2.3"),
                Arguments.of("1.2.3\0", "1.2.3"),
                Arguments.of("1.2.3 ", "1.2.3"),
                Arguments.of("1.2.3\0\0  ", "1.2.3"),
                Arguments.of(" 1.2.3", " 1.2.3"),
                Arguments.of("\0" + "1.2.3", "\0" + "1.2.3"));
    }

    @ParameterizedTest
    @MethodSource("trimPaddingCases")
    void trimPaddingStripsOnlyTrailingNulsAndSpaces(String padded, String expected) {
        assertEquals(expected, Uids.trimPadding(padded));
    }

    @Test
    void trimPaddingKeepsNullAndEmpty() {
        assertNull(Uids.trimPadding(null));
        assertEquals("", Uids.trimPadding(""));
        assertEquals("", Uids.trimPadding("\0"));
    }

    static Stream<Arguments> fixSpacePaddingCases() {
        return Stream.of(
                Arguments.of("1.2.3", "1.2.3"),
                Arguments.of(" 1.2.3", "1.2.3"),
                Arguments.of("  1.2.3  ", "1.2.3"),
                Arguments.of("\0" + "1.2.3 \0", "1.2.3"),
                Arguments.of("1.2 .3", "1.2 .3"));
    }

    @ParameterizedTest
    @MethodSource("fixSpacePaddingCases")
    void fixSpacePaddingStripsBothEnds(String padded, String expected) {
        assertEquals(expected, Uids.fixSpacePadding(padded));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "  ", "\0", " \0 "})
    void fixSpacePaddingGivesNullWhenNothingIsLeft(String padded) {
        assertNull(Uids.fixSpacePadding(padded));
    }

    @Test
    void createdUidsAreValidUniqueAndUnderTheUuidRoot() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String uid = Uids.createUID();
            assertTrue(Uids.isValid(uid), uid);
            assertTrue(uid.startsWith("2.25."), uid);
            assertTrue(uid.length() <= 44, uid);
            assertTrue(seen.add(uid), () -> "duplicate " + uid);
        }
    }

    @Test
    void createdUidSuffixIsA128BitInteger() {
        String suffix = Uids.createUID().substring("2.25.".length());
        BigInteger value = new BigInteger(suffix);
        assertTrue(value.bitLength() <= 128);
        // version 4 UUIDs carry the version in bits 76-79 (counting from the least significant bit)
        assertEquals(4, value.shiftRight(76).intValue() & 0xF);
    }
}
