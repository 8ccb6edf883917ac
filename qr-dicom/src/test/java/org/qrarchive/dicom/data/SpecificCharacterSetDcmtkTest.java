package org.qrarchive.dicom.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our encoder against DCMTK's decoder: a Part 10 file with (0010,0010) encoded by {@link SpecificCharacterSet}
 * goes through {@code dcmconv +U8} (DCMTK's own character set conversion, on iconv) and must come back as
 * the same Java string in UTF-8. A missing DCMTK fails the test; it is never skipped.
 */
class SpecificCharacterSetDcmtkTest {
    private static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    private static final int PATIENT_NAME = 0x00100010;

    @TempDir
    Path dir;

    /*
     * What DCMTK 3.6.7 (Debian 12, on glibc iconv) cannot convert; each case still asserts: DCMTK's error
     * message when it fails, or our string when a newer DCMTK succeeds.
     */
    /** glibc iconv has no stand-alone JIS X 0208 / JIS X 0212 converter for DCMTK's "ISO-IR-87" and "ISO-IR-159". */
    private static final String NO_ICONV_JIS = "'ISO 2022 IR 87' is not supported by the utilized character set";
    /** ISO_IR 203 (Latin-9) came to DICOM after DCMTK 3.6.7. */
    private static final String NO_LATIN9 = "value 'ISO_IR 203' not supported";
    /**
     * DCMTK reads a GB 2312 run as byte pairs up to the next escape sequence: an odd number of ASCII bytes
     * after a GB 2312 character swallows the ESC that follows (our bytes 1B 24 29 41 D5 C5 41 1B 2D 41 F4 are
     * valid: G0 characters stay single bytes while GB 2312 sits in G1). KS X 1001 (IR 149) has no such issue.
     */
    private static final String IR58_PAIRS = "Cannot convert character encoding";
    /** DCMTK takes ISO 2022 terms only in a multi-valued (0008,0005). */
    private static final String NO_SINGLE_ISO2022 = "value 'ISO 2022 IR 100' not supported";

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of(new String[] {}, "Doe^John", null),
                Arguments.of(new String[] {"ISO_IR 100"}, "Buc^Jérôme", null),
                Arguments.of(new String[] {"ISO_IR 100"}, "Wälchli^Hanna", null),
                Arguments.of(new String[] {"ISO_IR 101"}, "Dvořák^Antonín", null),
                Arguments.of(new String[] {"ISO_IR 109"}, "Ĝojo^Ĥoŭ", null),
                Arguments.of(new String[] {"ISO_IR 110"}, "Ģirts^Ķēniņš", null),
                Arguments.of(new String[] {"ISO_IR 144"}, "Люкceмбypг", null),
                Arguments.of(new String[] {"ISO_IR 127"}, "قباني^لنزار", null),
                Arguments.of(new String[] {"ISO_IR 126"}, "Διονυσιος", null),
                Arguments.of(new String[] {"ISO_IR 138"}, "שרון^דבורה", null),
                Arguments.of(new String[] {"ISO_IR 148"}, "Çelik^Ahmet", null),
                Arguments.of(new String[] {"ISO_IR 148"}, "Yılmaz^Ayşe", null),
                Arguments.of(new String[] {"ISO_IR 203"}, "Œuvre^Zoë€", NO_LATIN9),
                Arguments.of(new String[] {"ISO_IR 166"}, "ประเทศไทย", null),
                Arguments.of(new String[] {"ISO_IR 13"}, "ﾔﾏﾀﾞ^ﾀﾛｳ", null),
                Arguments.of(new String[] {"ISO_IR 192"}, "Bücher^Ἀθηνᾶ=山田^Жанна=😀^홍", null),
                Arguments.of(new String[] {"GB18030"}, "Wang^XiaoDong=王^小东=", null),
                Arguments.of(new String[] {"GBK"}, "Wang^XiaoDong=王^小东=", null),
                Arguments.of(new String[] {"ISO 2022 IR 100"}, "Buc^Jérôme", NO_SINGLE_ISO2022),
                Arguments.of(new String[] {"", "ISO 2022 IR 100"}, "Buc^Jérôme", null),
                Arguments.of(new String[] {"ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 126"},
                        "Müller^Жанна=Σοφία", null),
                Arguments.of(new String[] {"", "ISO 2022 IR 166", "ISO 2022 IR 101"}, "ประเทศไทย^Dvořák", null),
                Arguments.of(new String[] {"", "ISO 2022 IR 87"}, "Yamada^Tarou=山田^太郎=やまだ^たろう", NO_ICONV_JIS),
                Arguments.of(new String[] {"ISO 2022 IR 13", "ISO 2022 IR 87"}, "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
                        NO_ICONV_JIS),
                Arguments.of(new String[] {"ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159"},
                        "Mori^Ogai=森^鷗外=もり^おうがい", NO_ICONV_JIS),
                Arguments.of(new String[] {"", "ISO 2022 IR 149"}, "Hong^Gildong=洪^吉洞=홍^길동", null),
                Arguments.of(new String[] {"", "ISO 2022 IR 149"}, "Hong Kim^Gildong=洪 金^吉洞=홍 Kim^길동", null),
                Arguments.of(new String[] {"", "ISO 2022 IR 58"}, "Zhang^XiaoDong=张^小东=", null),
                Arguments.of(new String[] {"", "ISO 2022 IR 58", "ISO 2022 IR 100"}, "Zhang^Jôme=张^小东=", null),
                Arguments.of(new String[] {"", "ISO 2022 IR 58", "ISO 2022 IR 100"}, "Zhang^XiaoDong=张Aô^小东=",
                        IR58_PAIRS));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("names")
    void dcmtkDecodesWhatWeEncode(String[] codes, String name, String dcmtkLimitation) throws Exception {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf(codes);
        SpecificCharacterSet.Encoded encoded = cs.encodeReporting(name, VR.PN);
        assertFalse(encoded.replaced(), "our encoder replaced characters");

        Conversion c = convertToUtf8(String.join("\\", codes), encoded.bytes());
        if (c.name() == null) {
            assertNotNull(dcmtkLimitation, "dcmconv +U8 failed: " + c.log());
            assertTrue(c.log().contains(dcmtkLimitation), "dcmconv +U8 failed otherwise than known: " + c.log());
        } else {
            assertEquals(name, c.name(), "dcmconv said: " + c.log());
        }
    }

    /**
     * ISO_IR 13's G0 is JIS X 0201 Roman: DCMTK (iconv) shows 0x5C and 0x7E as YEN SIGN and OVERLINE, we as
     * backslash and tilde, since a single byte 0x5C is the value delimiter whatever its glyph (PS3.5 §6.1.2.3).
     */
    @Test
    void jisX0201RomanDiffersOnlyInGlyphsOf5CAnd7E() throws Exception {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 13");
        byte[] value = cs.encode("ﾔﾏ\\~", VR.PN);
        assertEquals("ﾔﾏ\\~", cs.decode(value, VR.PN));
        assertEquals("ﾔﾏ¥‾", convertToUtf8("ISO_IR 13", value).name());
    }

    /** PN after {@code dcmconv +U8}, or {@code null} when dcmconv failed; {@code log} is what it printed. */
    private record Conversion(String name, String log) {
    }

    private Conversion convertToUtf8(String specificCharacterSet, byte[] patientName) throws Exception {
        Path in = dir.resolve("in.dcm");
        Path out = dir.resolve("out.dcm");
        Files.write(in, part10(specificCharacterSet, patientName));
        Files.deleteIfExists(out);
        String[] result = run("dcmconv", "+U8", in.toString(), out.toString());
        if (!result[0].equals("0")) {
            return new Conversion(null, result[1]);
        }
        assertEquals("ISO_IR 192", textOf(readElement(out, SPECIFIC_CHARACTER_SET)),
                "(0008,0005) after dcmconv +U8; dcmconv said: " + result[1]);
        return new Conversion(textOf(readElement(out, PATIENT_NAME)), result[1]);
    }

    private static String textOf(byte[] value) {
        return new String(value, StandardCharsets.UTF_8).strip();
    }

    // ---- a minimal Part 10 writer and reader: explicit VR little endian, no sequences ----

    private static byte[] part10(String specificCharacterSet, byte[] patientName) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        element(body, 0x00020001, "OB", new byte[] {0, 1});
        element(body, 0x00020002, "UI", ascii("1.2.840.10008.5.1.4.1.1.7"));
        element(body, 0x00020003, "UI", ascii("1.2.3.4"));
        element(body, 0x00020010, "UI", ascii("1.2.840.10008.1.2.1"));
        byte[] meta = body.toByteArray();

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[128]);
        file.writeBytes(ascii("DICM"));
        element(file, 0x00020000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.length).array());
        file.writeBytes(meta);
        if (!specificCharacterSet.isEmpty()) {
            element(file, SPECIFIC_CHARACTER_SET, "CS", ascii(specificCharacterSet));
        }
        element(file, 0x00080016, "UI", ascii("1.2.840.10008.5.1.4.1.1.7"));
        element(file, 0x00080018, "UI", ascii("1.2.3.4"));
        element(file, PATIENT_NAME, "PN", patientName);
        return file.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Pads to even length: NUL for UI and OB, space for text. */
    private static void element(ByteArrayOutputStream out, int tag, String vr, byte[] value) {
        int length = value.length + (value.length & 1);
        boolean longHeader = vr.equals("OB");
        ByteBuffer header = ByteBuffer.allocate(longHeader ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) (tag >>> 16)).putShort((short) tag).put(ascii(vr));
        if (longHeader) {
            header.putShort((short) 0).putInt(length);
        } else {
            header.putShort((short) length);
        }
        out.writeBytes(header.array());
        out.writeBytes(value);
        if (length != value.length) {
            out.write(vr.equals("UI") || vr.equals("OB") ? 0 : ' ');
        }
    }

    /** The value of a top-level element of an explicit VR little endian Part 10 file. */
    private static byte[] readElement(Path file, int wanted) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(132);
        while (b.remaining() >= 8) {
            int tag = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
            String vr = new String(new byte[] {b.get(), b.get()}, StandardCharsets.US_ASCII);
            int length;
            if (List.of("OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UC", "UN", "UR", "UT", "SV", "UV").contains(vr)) {
                b.getShort();
                length = b.getInt();
            } else {
                length = b.getShort() & 0xFFFF;
            }
            byte[] value = new byte[length];
            b.get(value);
            if (tag == wanted) {
                return value;
            }
        }
        throw new AssertionError(String.format("(%04X,%04X) not in %s", wanted >>> 16, wanted & 0xFFFF, file));
    }

    // ---- running DCMTK ----

    /** @return the exit code and the output of a DCMTK tool */
    private static String[] run(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(findTool(tool));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 30 s");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {String.valueOf(p.exitValue()), output};
    }

    private static String findTool(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(d, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        throw new AssertionError(name + " (DCMTK) is not installed: run `apt-get install -y dcmtk`");
    }
}
