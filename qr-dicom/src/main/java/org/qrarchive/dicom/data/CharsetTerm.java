package org.qrarchive.dicom.data;

import static org.qrarchive.dicom.data.CharsetGraphicSet.ARABIC;
import static org.qrarchive.dicom.data.CharsetGraphicSet.ASCII;
import static org.qrarchive.dicom.data.CharsetGraphicSet.CYRILLIC;
import static org.qrarchive.dicom.data.CharsetGraphicSet.GB2312;
import static org.qrarchive.dicom.data.CharsetGraphicSet.GREEK;
import static org.qrarchive.dicom.data.CharsetGraphicSet.HEBREW;
import static org.qrarchive.dicom.data.CharsetGraphicSet.JIS_X0201_KATAKANA;
import static org.qrarchive.dicom.data.CharsetGraphicSet.JIS_X0201_ROMAJI;
import static org.qrarchive.dicom.data.CharsetGraphicSet.JIS_X0208;
import static org.qrarchive.dicom.data.CharsetGraphicSet.JIS_X0212;
import static org.qrarchive.dicom.data.CharsetGraphicSet.KS_X1001;
import static org.qrarchive.dicom.data.CharsetGraphicSet.LATIN1;
import static org.qrarchive.dicom.data.CharsetGraphicSet.LATIN2;
import static org.qrarchive.dicom.data.CharsetGraphicSet.LATIN3;
import static org.qrarchive.dicom.data.CharsetGraphicSet.LATIN4;
import static org.qrarchive.dicom.data.CharsetGraphicSet.LATIN5;
import static org.qrarchive.dicom.data.CharsetGraphicSet.LATIN9;
import static org.qrarchive.dicom.data.CharsetGraphicSet.THAI;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The defined terms of (0008,0005), PS3.3 C.12.1.1.2 / PS3.5 Tables 6.1-1 to 6.1-4.
 *
 * <p>A single-byte term has two spellings: "ISO_IR n" without and "ISO 2022 IR n" with code extensions;
 * the double-byte ISO 2022 sets exist only with code extensions; ISO_IR 192, GB18030 and GBK only without.
 */
enum CharsetTerm {
    IR_6(6, ASCII),
    IR_100(100, ASCII, LATIN1),
    IR_101(101, ASCII, LATIN2),
    IR_109(109, ASCII, LATIN3),
    IR_110(110, ASCII, LATIN4),
    IR_144(144, ASCII, CYRILLIC),
    IR_127(127, ASCII, ARABIC),
    IR_126(126, ASCII, GREEK),
    IR_138(138, ASCII, HEBREW),
    IR_148(148, ASCII, LATIN5),
    IR_203(203, ASCII, LATIN9),
    IR_13(13, JIS_X0201_ROMAJI, JIS_X0201_KATAKANA),
    IR_166(166, ASCII, THAI),
    IR_87(87, JIS_X0208),
    IR_159(159, JIS_X0212),
    IR_149(149, KS_X1001),
    IR_58(58, GB2312),
    IR_192("ISO_IR 192", "UTF-8"),
    GB18030("GB18030", "GB18030"),
    GBK("GBK", "GBK");

    private static final Map<String, CharsetTerm> BY_CODE = new HashMap<>();

    static {
        for (CharsetTerm t : values()) {
            if (t.plainName != null) {
                BY_CODE.put(t.plainName, t);
            }
            if (t.extensionName != null) {
                BY_CODE.put(t.extensionName, t);
            }
        }
    }

    private final String plainName;
    private final String extensionName;
    private final List<CharsetGraphicSet> sets;
    private final CharsetMultiByte multiByte;

    CharsetTerm(int ir, CharsetGraphicSet... sets) {
        boolean singleByte = sets[0].width() == 1;
        this.plainName = singleByte ? "ISO_IR " + ir : null;
        this.extensionName = "ISO 2022 IR " + ir;
        this.sets = List.of(sets);
        this.multiByte = null;
    }

    CharsetTerm(String plainName, String jdkCharset) {
        this.plainName = plainName;
        this.extensionName = null;
        this.sets = List.of();
        // a runtime without the charset (no jdk.charsets module) treats the term as unknown
        this.multiByte = Charset.isSupported(jdkCharset) ? new CharsetMultiByte(Charset.forName(jdkCharset)) : null;
    }

    /** @return the term a (trimmed) value of (0008,0005) names, or {@code null} when unknown or unsupported */
    static CharsetTerm forCode(String code) {
        CharsetTerm t = BY_CODE.get(code);
        return t == null || t.sets.isEmpty() && t.multiByte == null ? null : t;
    }

    boolean isExtensionName(String code) {
        return code.equals(extensionName);
    }

    /** The graphic sets in the order G0, G1; empty for the multi-byte sets without code extensions. */
    List<CharsetGraphicSet> sets() {
        return sets;
    }

    /** The codec of ISO_IR 192, GB18030 or GBK; {@code null} for ISO 2022 based terms. */
    CharsetMultiByte multiByte() {
        return multiByte;
    }
}
