package org.qrarchive.dicom.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SpecificCharacterSet} against the examples of PS3.5 Annexes H to K byte for byte, round trips in
 * every supported repertoire, the delimiters that reset the ISO 2022 state, and the promise never to throw:
 * undecodable bytes become U+FFFD, unencodable characters '?', unknown terms the default, all reported.
 */
class SpecificCharacterSetTest {
    /** Byte strings are written like the standard's examples: octal escapes, \033 for ESC. */
    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text, String charset) {
        return text.getBytes(Charset.forName(charset));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void assertBytes(byte[] expected, byte[] actual) {
        assertEquals(HexFormat.ofDelimiter(" ").formatHex(expected), HexFormat.ofDelimiter(" ").formatHex(actual));
    }

    // ---- the examples of the standard, both directions ----

    static Stream<Arguments> standardExamples() {
        return Stream.of(
                Arguments.of("H.3.1 JIS X 0208 in G0", new String[] {"", "ISO 2022 IR 87"},
                        "Yamada^Tarou=山田^太郎=やまだ^たろう",
                        bytes("Yamada^Tarou=\033$B;3ED\033(B^\033$BB@O:\033(B="
                                + "\033$B$d$^$@\033(B^\033$B$?$m$&\033(B")),
                Arguments.of("H.3.2 JIS X 0201 katakana in G1, Roman in G0",
                        new String[] {"ISO 2022 IR 13", "ISO 2022 IR 87"},
                        "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
                        bytes("\324\317\300\336^\300\333\263=\033$B;3ED\033(J^\033$BB@O:\033(J="
                                + "\033$B$d$^$@\033(J^\033$B$?$m$&\033(J")),
                Arguments.of("I.2 KS X 1001 in G1", new String[] {"", "ISO 2022 IR 149"},
                        "Hong^Gildong=洪^吉洞=홍^길동",
                        bytes("Hong^Gildong=\033$)C\373\363^\033$)C\321\316\324\327="
                                + "\033$)C\310\253^\033$)C\261\346\265\277")),
                Arguments.of("J.1 UTF-8", new String[] {"ISO_IR 192"}, "Wang^XiaoDong=王^小東=",
                        bytes("Wang^XiaoDong=\347\216\213^\345\260\217\346\235\261=")),
                Arguments.of("J.3 GB18030", new String[] {"GB18030"}, "Wang^XiaoDong=王^小东=",
                        bytes("Wang^XiaoDong=\315\365^\320\241\266\253=")),
                Arguments.of("K.2 GB 2312 in G1", new String[] {"", "ISO 2022 IR 58"}, "Zhang^XiaoDong=张^小东=",
                        bytes("Zhang^XiaoDong=\033$)A\325\305^\033$)A\320\241\266\253=")),
                // 鷗 is in JIS X 0212 only; 外 follows without a return to ASCII in between
                Arguments.of("JIS X 0212 in G0", new String[] {"ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159"},
                        "Mori^Ogai=森^鷗外=もり^おうがい",
                        bytes("Mori^Ogai=\033$B?9\033(B^\033$(Dl?\033$B30\033(B="
                                + "\033$B$b$j\033(B^\033$B$*$&$,$$\033(B")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standardExamples")
    void decodesStandardExample(String example, String[] codes, String text, byte[] encoded) {
        SpecificCharacterSet.Decoded d = SpecificCharacterSet.valueOf(codes).decodeReporting(encoded, VR.PN);
        assertEquals(text, d.text());
        assertFalse(d.replaced());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standardExamples")
    void encodesStandardExample(String example, String[] codes, String text, byte[] encoded) {
        SpecificCharacterSet.Encoded e = SpecificCharacterSet.valueOf(codes).encodeReporting(text, VR.PN);
        assertBytes(encoded, e.bytes());
        assertFalse(e.replaced());
    }

    // ---- round trips in every repertoire ----

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of(new String[] {}, "Doe^John^^Dr.=^=^"),
                Arguments.of(new String[] {"ISO_IR 6"}, "Doe^John"),
                Arguments.of(new String[] {"ISO_IR 100"}, "Buc^Jérôme"),
                Arguments.of(new String[] {"ISO_IR 100"}, "Wälchli^Hanna"),
                Arguments.of(new String[] {"ISO_IR 101"}, "Dvořák^Antonín"),
                Arguments.of(new String[] {"ISO_IR 109"}, "Ĝojo^Ĥoŭ"),
                Arguments.of(new String[] {"ISO_IR 110"}, "Ģirts^Ķēniņš"),
                Arguments.of(new String[] {"ISO_IR 144"}, "Люкceмбypг"),
                Arguments.of(new String[] {"ISO_IR 127"}, "قباني^لنزار"),
                Arguments.of(new String[] {"ISO_IR 126"}, "Διονυσιος"),
                Arguments.of(new String[] {"ISO_IR 138"}, "שרון^דבורה"),
                Arguments.of(new String[] {"ISO_IR 148"}, "Çelik^Ahmet"),
                Arguments.of(new String[] {"ISO_IR 148"}, "Yılmaz^Ayşe"),
                Arguments.of(new String[] {"ISO_IR 203"}, "Œuvre^Zoë€"),
                Arguments.of(new String[] {"ISO_IR 166"}, "ประเทศไทย"),
                Arguments.of(new String[] {"ISO_IR 13"}, "ﾔﾏﾀﾞ^ﾀﾛｳ"),
                Arguments.of(new String[] {"ISO_IR 192"}, "Bücher^Ἀθηνᾶ=山田^Жанна=😀^홍"),
                Arguments.of(new String[] {"GB18030"}, "王^小东=𠀀"),
                Arguments.of(new String[] {"GBK"}, "王^小东=乗"),
                Arguments.of(new String[] {"ISO 2022 IR 100"}, "Buc^Jérôme"),
                Arguments.of(new String[] {"ISO 2022 IR 166"}, "ประเทศไทย^Thai"),
                Arguments.of(new String[] {"ISO 2022 IR 13"}, "ﾔﾏﾀﾞ^ﾀﾛｳ"),
                Arguments.of(new String[] {"", "ISO 2022 IR 87"}, "Yamada^Tarou=山田 太郎=やまだ^たろう"),
                Arguments.of(new String[] {"ISO 2022 IR 13", "ISO 2022 IR 87"}, "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"),
                Arguments.of(new String[] {"", "ISO 2022 IR 87", "ISO 2022 IR 159"}, "Mori^Ogai=森^鷗外"),
                Arguments.of(new String[] {"", "ISO 2022 IR 149"}, "Hong^Gildong=洪^吉洞=홍 Kim^길동"),
                Arguments.of(new String[] {"", "ISO 2022 IR 58"}, "Zhang^XiaoDong=张^小东="),
                Arguments.of(new String[] {"ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 126"},
                        "Müller^Жанна=Σοφία^Ωmega"),
                Arguments.of(new String[] {"ISO 2022 IR 6", "ISO 2022 IR 100", "ISO 2022 IR 87"},
                        "Müller^山田=Jérôme 太郎"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("names")
    void roundTripsPersonName(String[] codes, String name) {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf(codes);
        assertTrue(cs.canEncode(name), "canEncode");
        assertEquals(List.of(), cs.unknownTerms());
        SpecificCharacterSet.Encoded e = cs.encodeReporting(name, VR.PN);
        assertFalse(e.replaced());
        assertEquals(new SpecificCharacterSet.Decoded(name, false), cs.decodeReporting(e.bytes(), VR.PN));
    }

    @Test
    void roundTripsMultiLineTextWithCodeExtensions() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 13", "ISO 2022 IR 87");
        String text = "ﾔﾏﾀﾞ\r\n山田 Tarou\t太郎\\";
        byte[] encoded = cs.encode(text, VR.LT);
        // G0 returns to JIS X 0201 Roman before each line delimiter and before SPACE
        assertBytes(bytes("\324\317\300\336\r\n\033$B;3ED\033(J Tarou\t\033$BB@O:\033(J\\"), encoded);
        assertEquals(text, cs.decode(encoded, VR.LT));
    }

    // ---- delimiters: where the state returns to the initial designation ----

    @Test
    void g1ReturnsToInitialDesignationAtValueDelimiter() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 100", "ISO 2022 IR 144");
        byte[] b = bytes("\033-L\266\\\351");
        assertEquals("Ж\\é", cs.decode(b, VR.LO));
        assertEquals("Ж\\é", cs.decode(b, VR.PN));
        // LT is single-valued: backslash is text there, only line delimiters reset
        assertEquals("Ж\\щ", cs.decode(b, VR.LT));
        assertEquals("Ж\ré", cs.decode(bytes("\033-L\266\r\351"), VR.LT));
    }

    @Test
    void personNameComponentDelimitersResetButNotInOtherVRs() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 100", "ISO 2022 IR 144");
        byte[] b = bytes("\033-L\266^\351=\351");
        assertEquals("Ж^é=é", cs.decode(b, VR.PN));
        assertEquals("Ж^щ=щ", cs.decode(b, VR.LO));
    }

    @Test
    void encoderDesignatesG1AgainAfterDelimiter() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 100", "ISO 2022 IR 144");
        assertBytes(bytes("\033-L\266\\\033-L\266\\\351"), cs.encode("Ж\\Ж\\é", VR.LO));
        assertBytes(concat(bytes("M\374ller^\033-L"), bytes("Жанна", "ISO-8859-5")), cs.encode("Müller^Жанна", VR.PN));
    }

    @Test
    void byte5CInsideDoubleByteCharacterIsNoDelimiter() {
        // JIS X 0208 倍 is 47 5C; GBK 乗 is 81 5C: decoding the whole value keeps them, splitting then works
        SpecificCharacterSet jis = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
        byte[] b = jis.encode("倍\\X", VR.LO);
        assertBytes(bytes("\033$BG\\\033(B\\X"), b);
        assertEquals(List.of("倍", "X"), List.of(jis.decode(b, VR.LO).split("\\\\")));

        SpecificCharacterSet gbk = SpecificCharacterSet.valueOf("GBK");
        byte[] g = gbk.encode("乗\\X", VR.LO);
        assertBytes(bytes("\201\\\\X"), g);
        assertEquals(List.of("乗", "X"), List.of(gbk.decode(g, VR.LO).split("\\\\")));
        assertEquals(List.of("乗", "X"), List.of(SpecificCharacterSet.valueOf("GB18030").decode(g, VR.LO).split("\\\\")));
    }

    // ---- undecodable bytes: U+FFFD, reported, never an exception ----

    static Stream<Arguments> undecodable() {
        return Stream.of(
                Arguments.of(new String[] {}, bytes("J\351r"), "J\uFFFDr"),
                Arguments.of(new String[] {"ISO_IR 192"}, bytes("Caf\303"), "Caf\uFFFD"),
                Arguments.of(new String[] {"ISO_IR 192"}, bytes("\377a"), "\uFFFDa"),
                Arguments.of(new String[] {"GB18030"}, bytes("a\201"), "a\uFFFD"),
                Arguments.of(new String[] {"ISO_IR 127"}, bytes("\241"), "\uFFFD"),      // unassigned in ISO 8859-6
                Arguments.of(new String[] {"ISO_IR 100"}, bytes("\205"), "\uFFFD"),      // C1 control
                Arguments.of(new String[] {"", "ISO 2022 IR 87"}, bytes("ab\033$"), "ab\uFFFD"),  // truncated ESC
                Arguments.of(new String[] {"", "ISO 2022 IR 87"}, bytes("\033(Zabc"), "\uFFFDabc"), // unknown ESC
                Arguments.of(new String[] {"", "ISO 2022 IR 87"}, bytes("\033Nabc"), "\uFFFDabc"),  // not a designation
                Arguments.of(new String[] {"", "ISO 2022 IR 87"}, bytes("\033$B;"), "\uFFFD"),     // lone lead byte
                Arguments.of(new String[] {"", "ISO 2022 IR 87"}, bytes("\033$B;\033(Ba"), "\uFFFDa"),
                Arguments.of(new String[] {"", "ISO 2022 IR 87"}, bytes("\033$B/!\033(B"), "\uFFFD"), // unassigned
                Arguments.of(new String[] {"", "ISO 2022 IR 87"}, bytes("\244\244"), "\uFFFD\uFFFD"), // no G1 set
                Arguments.of(new String[] {"", "ISO 2022 IR 149"}, bytes("\033$)C\260"), "\uFFFD"), // lone lead
                Arguments.of(new String[] {"", "ISO 2022 IR 149"}, bytes("\033$)C\260a"), "\uFFFDa"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("undecodable")
    void undecodableBytesBecomeReplacementCharacter(String[] codes, byte[] value, String expected) {
        assertEquals(new SpecificCharacterSet.Decoded(expected, true),
                SpecificCharacterSet.valueOf(codes).decodeReporting(value, VR.LO));
    }

    @Test
    void encodedReplacementCharacterIsNotReported() {
        assertEquals(new SpecificCharacterSet.Decoded("a\uFFFD", false),
                SpecificCharacterSet.valueOf("ISO_IR 192").decodeReporting(bytes("a\357\277\275"), VR.LO));
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(2022);
        String[][] codes = {{}, {"ISO_IR 100"}, {"ISO_IR 13"}, {"ISO_IR 192"}, {"GB18030"}, {"GBK"},
            {"ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159"}, {"", "ISO 2022 IR 149"},
            {"", "ISO 2022 IR 58"}, {"ISO 2022 IR 100", "ISO 2022 IR 166"}};
        for (String[] c : codes) {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf(c);
            for (int i = 0; i < 300; i++) {
                byte[] b = new byte[random.nextInt(12)];
                random.nextBytes(b);
                if (i % 2 == 0 && b.length > 0) {
                    b[random.nextInt(b.length)] = 0x1B;
                }
                for (VR vr : new VR[] {VR.PN, VR.LO, VR.LT, VR.CS}) {
                    SpecificCharacterSet.Decoded d = cs.decodeReporting(b, vr);
                    assertEquals(d.replaced(), d.text().indexOf('\uFFFD') >= 0, () -> cs + " " + HexFormat.of().formatHex(b));
                }
            }
        }
    }

    // ---- unencodable characters: '?', reported ----

    static Stream<Arguments> unencodable() {
        return Stream.of(
                Arguments.of(new String[] {}, "Jérôme", bytes("J?r?me")),
                Arguments.of(new String[] {"ISO_IR 100"}, "Jérôme山", bytes("J\351r\364me?")),
                Arguments.of(new String[] {"ISO_IR 13"}, "ﾔﾏﾀﾞ山", bytes("\324\317\300\336?")),
                // '?' needs a single-byte G0: back to ASCII first
                Arguments.of(new String[] {"", "ISO 2022 IR 87"}, "山홍", bytes("\033$B;3\033(B?")),
                Arguments.of(new String[] {"ISO 2022 IR 100"}, "a\u001Bb", bytes("a?b")),
                Arguments.of(new String[] {"GBK"}, "a😀", bytes("a?")),
                Arguments.of(new String[] {"ISO_IR 192"}, "a\uD800b", bytes("a?b")),
                Arguments.of(new String[] {"", "ISO 2022 IR 149"}, "홍😀", bytes("\033$)C\310\253?")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unencodable")
    void unencodableCharactersBecomeQuestionMark(String[] codes, String text, byte[] expected) {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf(codes);
        assertFalse(cs.canEncode(text));
        SpecificCharacterSet.Encoded e = cs.encodeReporting(text, VR.LO);
        assertBytes(expected, e.bytes());
        assertTrue(e.replaced());
        assertArrayEquals(e.bytes(), cs.encode(text, VR.LO));
    }

    @Test
    void vrsOutsideSpecificCharacterSetUseDefaultRepertoire() {
        SpecificCharacterSet latin1 = SpecificCharacterSet.valueOf("ISO_IR 100");
        assertEquals(new SpecificCharacterSet.Decoded("\uFFFD", true), latin1.decodeReporting(bytes("\351"), VR.CS));
        assertBytes(bytes("?"), latin1.encode("é", VR.CS));
        assertEquals("é", latin1.decode(bytes("\351"), VR.SH));
    }

    // ---- defined terms ----

    @Test
    void absentOrEmptyIsDefault() {
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.valueOf());
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.valueOf((String[]) null));
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.valueOf(""));
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.valueOf(" ", null));
        assertEquals(0, SpecificCharacterSet.DEFAULT.codes().length);
        assertFalse(SpecificCharacterSet.DEFAULT.containsCodeExtensions());
        assertEquals("abc", SpecificCharacterSet.DEFAULT.decode(bytes("abc"), VR.PN));
        assertEquals("", SpecificCharacterSet.DEFAULT.decode(null, VR.PN));
        assertEquals(0, SpecificCharacterSet.DEFAULT.encode(null, VR.PN).length);
    }

    @Test
    void isoIr6IsDefaultRepertoire() {
        for (String code : new String[] {"ISO_IR 6", "ISO 2022 IR 6"}) {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf(code);
            assertEquals(List.of(), cs.unknownTerms());
            assertEquals(new SpecificCharacterSet.Decoded("\uFFFD", true), cs.decodeReporting(bytes("\351"), VR.PN));
            assertEquals(code.startsWith("ISO 2022"), cs.containsCodeExtensions());
        }
    }

    @Test
    void unknownTermFallsBackToDefaultAndIsReported() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 999");
        assertEquals(List.of("ISO_IR 999"), cs.unknownTerms());
        assertArrayEquals(new String[] {"ISO_IR 999"}, cs.codes());
        assertEquals("Doe^John", cs.decode(bytes("Doe^John"), VR.PN));
        assertEquals(new SpecificCharacterSet.Decoded("\uFFFD", true), cs.decodeReporting(bytes("\351"), VR.PN));
    }

    @Test
    void unknownOrIncompatibleValuesAreReportedOthersStillWork() {
        SpecificCharacterSet jis = SpecificCharacterSet.valueOf("ISO-IR 13", "ISO 2022 IR 87", "FOO");
        assertEquals(List.of("ISO-IR 13", "FOO"), jis.unknownTerms());
        assertEquals("山田", jis.decode(bytes("\033$B;3ED\033(B"), VR.PN));

        SpecificCharacterSet utf8 = SpecificCharacterSet.valueOf("ISO_IR 192", "ISO 2022 IR 87");
        assertEquals(List.of("ISO 2022 IR 87"), utf8.unknownTerms());
        assertTrue(utf8.isUTF8());

        SpecificCharacterSet mixed = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87", "GB18030");
        assertEquals(List.of("GB18030"), mixed.unknownTerms());
    }

    @Test
    void plainSpellingOfValue1IsTakenWithCodeExtensions() {
        // "ISO_IR 13" belongs in a single-valued (0008,0005), but is found as value 1 of multi-valued ones
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 13", "ISO 2022 IR 87");
        assertEquals(List.of(), cs.unknownTerms());
        assertEquals("ﾔﾏﾀﾞ^ﾀﾛｳ=山田", cs.decode(bytes("\324\317\300\336^\300\333\263=\033$B;3ED\033(J"), VR.PN));
    }

    @Test
    void codesAreTrimmedAndInstancesCached() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf(" ISO_IR 100 ", "");
        assertArrayEquals(new String[] {"ISO_IR 100"}, cs.codes());
        assertSame(cs, SpecificCharacterSet.valueOf("ISO_IR 100"));
        assertEquals("ISO_IR 100", cs.toString());
        assertFalse(cs.containsCodeExtensions());
        assertFalse(cs.isUTF8());
        assertEquals("\\ISO 2022 IR 87", SpecificCharacterSet.valueOf("", "ISO 2022 IR 87").toString());
        assertTrue(SpecificCharacterSet.valueOf("", "ISO 2022 IR 87").containsCodeExtensions());
        assertTrue(SpecificCharacterSet.valueOf("ISO_IR 192").isUTF8());
        assertEquals(SpecificCharacterSet.valueOf("GBK"), SpecificCharacterSet.valueOf(" GBK"));
    }

    @Test
    void singleValuedDoubleByteTermDesignatesItsG1Initially() {
        // seen in the wild: "ISO 2022 IR 149" alone with KS X 1001 bytes and no escape sequence
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 149");
        assertEquals("Hong^홍", cs.decode(bytes("Hong^\310\253"), VR.PN));
        assertBytes(bytes("Hong^\310\253"), cs.encode("Hong^홍", VR.PN));
    }

    @Test
    void decodesConcurrently() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 58", "ISO 2022 IR 159");
        byte[] b = cs.encode("Zhang^张=丂", VR.PN);
        assertTrue(IntStream.range(0, 64).parallel()
                .allMatch(i -> cs.decode(b, VR.PN).equals("Zhang^张=丂")));
    }
}
