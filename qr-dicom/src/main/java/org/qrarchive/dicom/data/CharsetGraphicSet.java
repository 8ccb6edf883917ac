package org.qrarchive.dicom.data;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The graphic character sets DICOM designates with ISO 2022 escape sequences (PS3.5 Tables 6.1-2 and 6.1-3),
 * each with the code element it is designated to and the JDK charset its mapping is taken from.
 *
 * <p>The JDK has no stand-alone JIS X 0212 charset, so both Japanese double-byte sets come from EUC-JP
 * (JIS X 0208 as two bytes with the high bit set, JIS X 0212 behind the single shift 0x8F); KS X 1001 and
 * GB 2312 are the G1 halves of EUC-KR and GB2312 (EUC-CN). JDK's JIS_X0201 maps 0x5C and 0x7E to
 * backslash and tilde, not to YEN SIGN and OVERLINE, which suits DICOM: a single byte 0x5C is the value
 * delimiter whatever its glyph (PS3.5 §6.1.2.3).
 */
enum CharsetGraphicSet {
    ASCII(0, "(B", true, 1, "US-ASCII"),
    JIS_X0201_ROMAJI(0, "(J", true, 1, "JIS_X0201"),
    JIS_X0201_KATAKANA(1, ")I", true, 1, "JIS_X0201"),
    LATIN1(1, "-A", false, 1, "ISO-8859-1"),
    LATIN2(1, "-B", false, 1, "ISO-8859-2"),
    LATIN3(1, "-C", false, 1, "ISO-8859-3"),
    LATIN4(1, "-D", false, 1, "ISO-8859-4"),
    CYRILLIC(1, "-L", false, 1, "ISO-8859-5"),
    ARABIC(1, "-G", false, 1, "ISO-8859-6"),
    GREEK(1, "-F", false, 1, "ISO-8859-7"),
    HEBREW(1, "-H", false, 1, "ISO-8859-8"),
    LATIN5(1, "-M", false, 1, "ISO-8859-9"),
    LATIN9(1, "-b", false, 1, "ISO-8859-15"),
    THAI(1, "-T", false, 1, "TIS-620"),
    JIS_X0208(0, "$B", true, 2, "EUC-JP"),
    JIS_X0212(0, "$(D", true, 2, "EUC-JP", (byte) 0x8F),
    KS_X1001(1, "$)C", true, 2, "EUC-KR"),
    GB2312(1, "$)A", true, 2, "GB2312");

    static final int ESC = 0x1B;

    private static final Map<String, CharsetGraphicSet> BY_ESCAPE = new HashMap<>();

    static {
        for (CharsetGraphicSet s : values()) {
            BY_ESCAPE.put(s.escapeTail, s);
        }
    }

    private final int element;
    private final String escapeTail;
    private final byte[] escape;
    private final boolean set94;
    private final int width;
    private final String jdkCharset;
    private final byte[] jdkPrefix;
    private volatile CharsetTable table;

    CharsetGraphicSet(int element, String escapeTail, boolean set94, int width, String jdkCharset,
            byte... jdkPrefix) {
        this.element = element;
        this.escapeTail = escapeTail;
        this.escape = ((char) ESC + escapeTail).getBytes(StandardCharsets.US_ASCII);
        this.set94 = set94;
        this.width = width;
        this.jdkCharset = jdkCharset;
        this.jdkPrefix = jdkPrefix;
    }

    /** @return the set an escape sequence designates (the bytes after ESC), or {@code null} when unknown */
    static CharsetGraphicSet forEscape(byte[] b, int from, int to) {
        return BY_ESCAPE.get(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /** 0 for G0 (invoked in GL, bytes 0x21..0x7E), 1 for G1 (invoked in GR, bytes 0xA0..0xFF). */
    int element() {
        return element;
    }

    /** Bytes per character. */
    int width() {
        return width;
    }

    /** The complete escape sequence designating this set, ESC included. */
    byte[] escape() {
        return escape;
    }

    /** Built on first use: most archives never see most of these sets. */
    CharsetTable table() {
        CharsetTable t = table;
        if (t == null) { // a race builds the same immutable table twice, which is harmless
            int highBit = element == 0 && width == 1 ? 0 : 0x80;
            table = t = CharsetTable.build(jdkCharset, jdkPrefix, highBit, set94, width);
        }
        return t;
    }
}
