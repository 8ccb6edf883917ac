package org.qrarchive.archive.query.control;

import org.qrarchive.dicom.data.VR;

/**
 * DICOM Wild Card Matching (PS3.4 C.2.2.2.4) as JPQL LIKE patterns.
 *
 * <p>The escape character is '!' rather than the usual backslash: a backslash means something to Java,
 * to Hibernate's HQL string literals and to PostgreSQL's LIKE alike, and it is also the separator of the
 * multi-valued index columns that patterns must be able to name. '!' means nothing special anywhere.
 *
 * <p>Patterns work on decoded text, so '?' (JPQL '_') stands for one character, not one byte: "M?ller"
 * matches "Müller" whatever the identifier's Specific Character Set.
 */
final class Wildcards {
    /** The LIKE escape character; JPQL fragments say {@code escape '!'}. */
    static final char ESCAPE = '!';
    static final String ESCAPE_CLAUSE = " escape '" + ESCAPE + "'";

    private Wildcards() {
    }

    /** The VRs PS3.4 C.2.2.2.4 allows Wild Card Matching for. */
    static boolean applies(VR vr) {
        return switch (vr) {
            case AE, CS, LO, LT, PN, SH, ST, UC, UR, UT -> true;
            default -> false;
        };
    }

    static boolean hasWildcard(String value) {
        return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
    }

    /** "M?ller*" becomes "M_ller%"; literal '%', '_' and '!' are escaped. */
    static String toLike(String pattern) {
        StringBuilder sb = new StringBuilder(pattern.length() + 8);
        for (int k = 0; k < pattern.length(); k++) {
            char c = pattern.charAt(k);
            switch (c) {
                case '*' -> sb.append('%');
                case '?' -> sb.append('_');
                case '%', '_', ESCAPE -> sb.append(ESCAPE).append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A value as a LIKE pattern that matches exactly itself ('*' and '?' are literals here). */
    static String literal(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c == '%' || c == '_' || c == ESCAPE) {
                sb.append(ESCAPE);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * A regular expression (understood alike by H2 and PostgreSQL) matching a multi-valued column "A\B\C"
     * when one of its values matches the DICOM pattern: {@code *} and {@code ?} never cross the backslash
     * that separates values.
     */
    static String toAnyValueRegex(String pattern) {
        StringBuilder sb = new StringBuilder("(^|\\\\)");
        pattern.codePoints().forEach(cp -> {
            if (cp == '*') {
                sb.append("[^\\\\]*");
            } else if (cp == '?') {
                sb.append("[^\\\\]");
            } else {
                if (".^$|()[]{}+\\".indexOf(cp) >= 0) {
                    sb.append('\\');
                }
                sb.appendCodePoint(cp);
            }
        });
        return sb.append("(\\\\|$)").toString();
    }
}
