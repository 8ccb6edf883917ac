package org.qrarchive.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text values of a DICOM file as DCMTK decodes them, for checking character sets with a decoder that
 * is not ours: {@code dcmconv +U8} converts every value to UTF-8 following the file's (0008,0005), then
 * {@code dcmdump} prints them.
 *
 * <p>DCMTK 3.6.7 with glibc's iconv refuses ISO 2022 IR 87 ("not supported by the utilized character set
 * conversion library"). For files in it, the bytes dcmdump prints are decoded by the JDK's ISO-2022-JP
 * decoder instead, which knows the escape sequences of ISO 2022 IR 87 and IR 6 (PS3.5 Annex H).
 */
public final class DcmtkText {
    // UNIX_LINES: the dump is read byte for byte, and a UTF-8 byte 0x85 is NEL, a line end to Java otherwise
    private static final Pattern ELEMENT = Pattern.compile(
            "^\\s*\\(([0-9a-f]{4}),([0-9a-f]{4})\\) ([A-Z]{2}) \\[(.*)\\]\\s+#",
            Pattern.MULTILINE | Pattern.UNIX_LINES);

    private DcmtkText() {
    }

    /**
     * Every text value of {@code file}, top level and in items, by tag (a tag in several items: each value,
     * in order); a value of several parts is one string with its backslashes.
     */
    public static Map<Integer, List<String>> decode(Path file, String specificCharacterSet) {
        if (specificCharacterSet != null && specificCharacterSet.contains("ISO 2022 IR 87")) {
            return parse(DicomFiles.dcmdump(file), CharsetFixture.ISO_2022_JP);
        }
        try {
            Path utf8 = Files.createTempFile(file.getParent(), "u8-", ".dcm");
            try {
                DicomFiles.ToolRun r = DicomFiles.runTool(Duration.ofSeconds(30), List.of(
                        Dcmtk.require("dcmconv").toString(), "+U8", file.toString(), utf8.toString()));
                if (r.exitCode() != 0) {
                    throw new AssertionError("dcmconv +U8 failed on a response in '" + specificCharacterSet
                            + "'\n" + r.describe());
                }
                return parse(DicomFiles.dcmdump(utf8), StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(utf8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code dump} as DicomFiles reads it (each byte one ISO 8859-1 char), values decoded with {@code cs}. */
    private static Map<Integer, List<String>> parse(String dump, Charset cs) {
        Map<Integer, List<String>> values = new LinkedHashMap<>();
        Matcher m = ELEMENT.matcher(dump);
        while (m.find()) {
            int tag = Integer.parseInt(m.group(1) + m.group(2), 16);
            String value = new String(m.group(4).getBytes(StandardCharsets.ISO_8859_1), cs);
            values.computeIfAbsent(tag, t -> new ArrayList<>()).add(value);
        }
        return values;
    }

    /** The only value of {@code tag} in {@code values}; fails when there is none or several. */
    public static String single(Map<Integer, List<String>> values, int tag) {
        List<String> v = values.get(tag);
        if (v == null || v.size() != 1) {
            throw new AssertionError(String.format("expected one value of (%04X,%04X), got %s in %s", tag >>> 16,
                    tag & 0xFFFF, v, values));
        }
        return v.get(0);
    }
}
