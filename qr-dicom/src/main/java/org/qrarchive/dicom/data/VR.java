package org.qrarchive.dicom.data;

/**
 * Value representations of PS3.5 §6.2.
 *
 * <p>{@code longHeader} marks the VRs whose explicit-VR element header has two reserved bytes and a
 * 32-bit length (PS3.5 §7.1.2); {@code swapUnit} is the size of the unit whose byte order flips between
 * little and big endian transfer syntaxes (0 for text and bytes).
 */
public enum VR {
    AE(false, 0, ' '), AS(false, 0, ' '), AT(false, 2, 0), CS(false, 0, ' '), DA(false, 0, ' '),
    DS(false, 0, ' '), DT(false, 0, ' '), FL(false, 4, 0), FD(false, 8, 0), IS(false, 0, ' '),
    LO(false, 0, ' '), LT(false, 0, ' '), OB(true, 0, 0), OD(true, 8, 0), OF(true, 4, 0),
    OL(true, 4, 0), OV(true, 8, 0), OW(true, 2, 0), PN(false, 0, ' '), SH(false, 0, ' '),
    SL(false, 4, 0), SQ(true, 0, 0), SS(false, 2, 0), ST(false, 0, ' '), SV(true, 8, 0),
    TM(false, 0, ' '), UC(true, 0, ' '), UI(false, 0, 0), UL(false, 4, 0), UN(true, 0, 0),
    UR(true, 0, ' '), US(false, 2, 0), UT(true, 0, ' '), UV(true, 8, 0);

    private final boolean longHeader;
    private final int swapUnit;
    private final int padding;
    private final int code;

    VR(boolean longHeader, int swapUnit, int padding) {
        this.longHeader = longHeader;
        this.swapUnit = swapUnit;
        this.padding = padding;
        this.code = (name().charAt(0) << 8) | name().charAt(1);
    }

    public boolean longHeader() {
        return longHeader;
    }

    public int swapUnit() {
        return swapUnit;
    }

    /** The byte that pads a value to even length: space for text, NUL for UI and binary VRs. */
    public int padding() {
        return padding;
    }

    /** Whether Specific Character Set applies to this VR's text (PS3.5 §6.1.2.3). */
    public boolean charsetApplies() {
        return this == SH || this == LO || this == ST || this == LT || this == UT || this == UC || this == PN;
    }

    public boolean isText() {
        return padding == ' ';
    }

    /** The two ASCII characters as they appear in an explicit VR header. */
    public int code() {
        return code;
    }

    /** @return the VR for a two-character code, or {@code null} when the code is not a known VR */
    public static VR ofCode(int code) {
        char c1 = (char) ((code >>> 8) & 0xFF);
        char c2 = (char) (code & 0xFF);
        if (c1 < 'A' || c1 > 'Z' || c2 < 'A' || c2 > 'Z') {
            return null;
        }
        try {
            return valueOf(new String(new char[] {c1, c2}));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
