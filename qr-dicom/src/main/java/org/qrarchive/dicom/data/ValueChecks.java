package org.qrarchive.dicom.data;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of stored values against their value representation (PS3.5 §6.2) and against the value
 * multiplicity the dictionary gives their tag (PS3.6).
 *
 * <p>Every check returns a list of short, human-readable problems that name the tag and VR, e.g.
 * "(0010,0010) PN: component group longer than 64 characters"; an empty list means the value is valid.
 * The checks are for stored values, not query keys: ranges, wildcards and the longer lengths PS3.5 allows
 * for range matching are reported as problems.
 *
 * <p>Conventions:
 * <ul>
 * <li>Trailing padding (spaces; NULs for UI) is not counted or checked: only an element's last value
 * carries the pad byte, and readers strip it.</li>
 * <li>Empty values are valid (PS3.5 §6.4 allows them inside multiple values); an element with no value,
 * or a single empty one, has VM 0, which satisfies every VM since type 2 and 3 elements may be empty.</li>
 * <li>Lengths are counted in characters, as PS3.5 does for the VRs whose repertoire can be extended; the
 * other VRs allow only ASCII, where characters and bytes are the same.</li>
 * </ul>
 */
public final class ValueChecks {
    private static final int UNLIMITED = Integer.MAX_VALUE;
    /** PS3.5 §6.2: "64 chars maximum per component group" of PN. */
    private static final int PN_GROUP_LENGTH = 64;
    private static final int PN_GROUPS = 3;
    private static final int PN_COMPONENTS = 5;
    private static final char ESC = 0x1B;

    private static final Pattern AGE = Pattern.compile("[0-9]{3}[DWMY]");
    /** PS3.5 DS: a fixed point number, or a floating point number with an 'E' or 'e' exponent. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DATE = Pattern.compile("[0-9]{8}");
    private static final Pattern TIME_CHARS = Pattern.compile("[0-9.]+");
    private static final Pattern DATE_TIME_CHARS = Pattern.compile("[0-9.+-]+");
    /** PS3.6 VM notation: "1", "1-3", "1-n", "2-2n". */
    private static final Pattern VM = Pattern.compile("([0-9]+)(?:-(?:([0-9]+)|([0-9]*)n))?");

    private ValueChecks() {
    }

    /**
     * Checks the values of a character string element.
     *
     * @param tag    the element's tag, for the VM check and the messages
     * @param vr     a character string VR ({@link VR#isText()} or UI)
     * @param values the element's values, already split at backslashes; {@code null} or empty for none
     * @throws IllegalArgumentException when {@code vr} is not a character string VR
     */
    public static List<String> check(int tag, VR vr, String[] values) {
        if (!vr.isText() && vr != VR.UI) {
            throw new IllegalArgumentException(vr + " is not a character string VR: use checkBinary");
        }
        String[] vals = values == null ? new String[0] : values;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < vals.length; i++) {
            String prefix = prefix(tag, vr) + (vals.length > 1 ? " value " + (i + 1) : "") + ": ";
            for (String problem : checkValue(vr, vals[i] == null ? "" : vals[i])) {
                problems.add(prefix + problem);
            }
        }
        checkMultiplicity(tag, vr, multiplicity(vals), problems);
        return problems;
    }

    /**
     * Checks the length of a binary element's value: a whole number of the VR's units, and for the
     * numeric VRs that many values against the dictionary's VM.
     *
     * @param valueLength the value length in bytes; -1 (0xFFFFFFFF) for undefined length
     * @throws IllegalArgumentException for character string VRs and SQ
     */
    public static List<String> checkBinary(int tag, VR vr, int valueLength) {
        int unit = binaryUnit(vr);
        String prefix = prefix(tag, vr) + ": ";
        List<String> problems = new ArrayList<>();
        if (valueLength == -1) {
            // undefined length is how encapsulated pixel data (OB, OW) and UN of unknown origin are sent
            if (vr != VR.OB && vr != VR.OW && vr != VR.UN) {
                problems.add(prefix + "undefined length is not allowed");
            }
            return problems;
        }
        if (valueLength < 0) {
            problems.add(prefix + "negative value length " + valueLength);
        } else if (valueLength % unit != 0) {
            problems.add(prefix + "value length " + valueLength + " is not a multiple of " + unit);
        } else if (valueLength % 2 != 0) {
            // PS3.5 §7.1.1: every value length is even, so OB and UN values are padded too
            problems.add(prefix + "odd value length " + valueLength);
        } else if (hasCountableValues(vr)) {
            checkMultiplicity(tag, vr, valueLength / unit, problems);
        }
        return problems;
    }

    // ------------------------------------------------------------------------------- string values

    private static List<String> checkValue(VR vr, String raw) {
        List<String> problems = new ArrayList<>();
        String value = stripPadding(vr, raw);
        if (value.isEmpty()) {
            // PS3.5 AE: "a value consisting solely of spaces shall not be used"
            if (vr == VR.AE && !raw.isEmpty()) {
                problems.add("consists only of spaces");
            }
            return problems;
        }
        int max = maxLength(vr);
        if (length(value) > max) {
            problems.add("longer than " + max + " characters");
        }
        String syntax = syntaxProblem(vr, value);
        if (syntax != null) {
            problems.add(syntax);
        }
        return problems;
    }

    private static String stripPadding(VR vr, String value) {
        char pad = vr == VR.UI ? '\0' : ' ';
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == pad) {
            end--;
        }
        return value.substring(0, end);
    }

    /** PS3.5 Table 6.2-1 "Length of Value"; PN is limited per component group instead, in {@link #personName}. */
    private static int maxLength(VR vr) {
        return switch (vr) {
            case AS -> 4;
            case DA -> 8;
            case IS -> 12;
            case TM -> 14;
            case AE, CS, DS, SH -> 16;
            case DT -> 26;
            case LO, UI -> 64;
            case ST -> 1024;
            case LT -> 10240;
            default -> UNLIMITED;
        };
    }

    /** The problem with the characters or syntax of a non-empty, unpadded value, or null. */
    private static String syntaxProblem(VR vr, String v) {
        return switch (vr) {
            case AE -> applicationEntity(v);
            case AS -> AGE.matcher(v).matches() ? null : "not an age nnnD, nnnW, nnnM or nnnY";
            case CS -> codeString(v);
            case DA -> date(v);
            case DS -> DECIMAL.matcher(trimSpaces(v)).matches() ? null : "not a decimal string";
            case DT -> dateTime(v);
            case IS -> integerString(v);
            case LO, SH, UC -> singleLineText(v);
            case LT, ST, UT -> text(v);
            case PN -> personName(v);
            case TM -> time(v);
            case UI -> uid(v);
            case UR -> uri(v);
            default -> null;
        };
    }

    /** PS3.5 AE: default repertoire without backslash and control characters; spaces at the ends are insignificant. */
    private static String applicationEntity(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                return "has a character other than printable ASCII without backslash";
            }
        }
        return null;
    }

    private static String codeString(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '_')) {
                return "has a character other than A-Z, 0-9, space and underscore";
            }
        }
        return null;
    }

    /** DA must be exactly YYYYMMDD here: the ACR-NEMA form DateTimes reads is not valid to store. */
    private static String date(String v) {
        if (!DATE.matcher(v).matches()) {
            return "not a date YYYYMMDD";
        }
        return parseProblem(() -> DateTimes.parseDA(v));
    }

    /** TM: only digits and '.'; the pre-3.0 form with colons that DateTimes reads is not valid to store. */
    private static String time(String v) {
        if (!TIME_CHARS.matcher(v).matches()) {
            return "has a character other than 0-9 and '.'";
        }
        return parseProblem(() -> DateTimes.parseTM(v));
    }

    private static String dateTime(String v) {
        if (!DATE_TIME_CHARS.matcher(v).matches()) {
            return "has a character other than 0-9, '.', '+' and '-'";
        }
        return parseProblem(() -> DateTimes.parseDT(v));
    }

    /** The message of the parser's exception, which already says what is wrong with which value. */
    private static String parseProblem(Runnable parse) {
        try {
            parse.run();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Uids.isValid also fails on length, which has its own message already. */
    private static String uid(String v) {
        return v.length() > Uids.MAX_LENGTH || Uids.isValid(v) ? null : "not a valid UID";
    }

    /** PS3.5 IS: optional sign and digits, leading and trailing spaces allowed, within -2^31 to 2^31-1. */
    private static String integerString(String v) {
        String n = trimSpaces(v);
        if (!INTEGER.matcher(n).matches()) {
            return "not an integer string";
        }
        // BigInteger, since the length is checked separately and the digits may overflow a long
        if (new BigInteger(n).bitLength() > 31) {
            return "outside the range -2147483648 to 2147483647";
        }
        return null;
    }

    /** SH, LO, UC: no backslash (the value delimiter) and, of the control characters, only ESC. */
    private static String singleLineText(String v) {
        if (v.indexOf('\\') >= 0) {
            return "has a backslash";
        }
        return controlCharacterProblem(v, "");
    }

    /** ST, LT, UT: one value, so backslash is allowed; PS3.5 §6.1.3 allows TAB, LF, FF, CR and ESC. */
    private static String text(String v) {
        return controlCharacterProblem(v, "\t\n\f\r");
    }

    private static String controlCharacterProblem(String v, String allowed) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean control = c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
            if (control && c != ESC && allowed.indexOf(c) < 0) {
                return String.format("has control character 0x%02X", (int) c);
            }
        }
        return null;
    }

    /**
     * PS3.5 §6.2.1: up to three component groups (alphabetic, ideographic, phonetic) separated by '=',
     * each of up to five components separated by '^' and at most 64 characters.
     */
    private static String personName(String v) {
        String[] groups = v.split("=", -1);
        if (groups.length > PN_GROUPS) {
            return "more than " + PN_GROUPS + " component groups";
        }
        for (String group : groups) {
            if (length(group) > PN_GROUP_LENGTH) {
                return "component group longer than " + PN_GROUP_LENGTH + " characters";
            }
            if (group.split("\\^", -1).length > PN_COMPONENTS) {
                return "more than " + PN_COMPONENTS + " components in a group";
            }
        }
        return singleLineText(v);
    }

    /** PS3.5 UR: leading spaces are not allowed and, as in any URI, neither are backslash and control characters. */
    private static String uri(String v) {
        if (v.charAt(0) == ' ') {
            return "starts with a space";
        }
        return singleLineText(v);
    }

    /** Spaces only: {@link String#strip()} would also accept tabs and other whitespace, which DS and IS do not. */
    private static String trimSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(start, end);
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    // ---------------------------------------------------------------------------------------- binary

    /** The size of one value, or of the unit an O* value is made of; 1 for OB and UN. */
    private static int binaryUnit(VR vr) {
        return switch (vr) {
            case OB, UN -> 1;
            case US, SS, OW -> 2;
            case UL, SL, FL, AT, OF, OL -> 4;
            case FD, SV, UV, OD, OV -> 8;
            default -> throw new IllegalArgumentException(vr + " is not a binary VR: use check");
        };
    }

    /** The O* VRs and UN always have VM 1: their length counts bytes, not values. */
    private static boolean hasCountableValues(VR vr) {
        return switch (vr) {
            case US, SS, UL, SL, FL, FD, AT, SV, UV -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------------------------------- VM

    /** An element with no value or one empty value has VM 0. */
    private static int multiplicity(String[] values) {
        if (values.length == 1 && (values[0] == null || values[0].isEmpty())) {
            return 0;
        }
        return values.length;
    }

    private static void checkMultiplicity(int tag, VR vr, int count, List<String> problems) {
        ElementDictionary.Entry entry = ElementDictionary.lookup(tag);
        if (count == 0 || entry == null) {
            return;
        }
        Matcher vm = VM.matcher(entry.vm());
        if (vm.matches() && !allows(vm, count)) {
            problems.add(prefix(tag, vr) + ": " + count + (count == 1 ? " value" : " values")
                    + ", VM must be " + entry.vm());
        }
    }

    /** "a": exactly a; "a-b": a to b; "a-n": a or more; "a-kn": a or more, in multiples of k. */
    private static boolean allows(Matcher vm, int count) {
        int min = Integer.parseInt(vm.group(1));
        if (vm.group(2) != null) {
            return count >= min && count <= Integer.parseInt(vm.group(2));
        }
        if (vm.group(3) != null) {
            int step = vm.group(3).isEmpty() ? 1 : Integer.parseInt(vm.group(3));
            return count >= min && count % step == 0;
        }
        return count == min;
    }

    private static String prefix(int tag, VR vr) {
        return Tag.toString(tag) + " " + vr;
    }
}
