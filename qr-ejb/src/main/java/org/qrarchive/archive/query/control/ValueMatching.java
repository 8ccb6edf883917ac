package org.qrarchive.archive.query.control;

import java.util.regex.Pattern;

import org.qrarchive.dicom.data.VR;

/**
 * The matching rules of PS3.4 C.2.2.2 applied in Java to values at hand, for keys the database cannot
 * evaluate (the item keys of a sequence). The same rules as {@link JpqlFilter} renders into JPQL: exact
 * single values, '*' and '?' counted in characters, inclusive string ranges in the form of
 * {@link RangeBounds}, UID lists; person names ignore case unless matching is case-sensitive.
 */
final class ValueMatching {
    private ValueMatching() {
    }

    /** Whether one of {@code values} matches; an absent or empty value matches no condition. */
    static boolean matches(Condition condition, String[] values, PersonNameMatching pnMatching) {
        if (values == null) {
            return false;
        }
        boolean ignoreCase = condition.key().vr() == VR.PN && pnMatching == PersonNameMatching.CASE_INSENSITIVE;
        for (String value : values) {
            if (!value.isEmpty() && matchesOne(condition, ignoreCase ? PersonNames.normalize(value) : value,
                    ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesOne(Condition condition, String value, boolean ignoreCase) {
        if (condition instanceof Condition.SingleValue c) {
            return value.equals(ignoreCase ? PersonNames.normalize(c.value()) : c.value());
        }
        if (condition instanceof Condition.Wildcard c) {
            for (String pattern : ignoreCase ? PersonNames.patterns(c.pattern()) : java.util.List.of(c.pattern())) {
                if (regex(pattern).matcher(value).matches()) {
                    return true;
                }
            }
            return false;
        }
        if (condition instanceof Condition.UidList c) {
            return c.uids().contains(value);
        }
        if (condition instanceof Condition.Range c) {
            return (c.lower() == null || value.compareTo(c.lower()) >= 0)
                    && (c.upper() == null || value.compareTo(c.upper()) <= 0);
        }
        for (Condition alternative : ((Condition.AnyOf) condition).alternatives()) {
            if (matchesOne(alternative, value, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    private static Pattern regex(String pattern) {
        StringBuilder sb = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        pattern.codePoints().forEach(cp -> {
            if (cp == '*' || cp == '?') {
                if (literal.length() > 0) {
                    sb.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                sb.append(cp == '*' ? ".*" : ".");
            } else {
                literal.appendCodePoint(cp);
            }
        });
        if (literal.length() > 0) {
            sb.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(sb.toString(), Pattern.DOTALL);
    }
}
