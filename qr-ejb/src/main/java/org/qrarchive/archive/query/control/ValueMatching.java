package org.qrarchive.archive.query.control;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.qrarchive.dicom.data.VR;

/**
 * The matching rules of PS3.4 C.2.2.2 applied in Java to values at hand, for keys the database cannot
 * evaluate (the item keys of a sequence). The same rules as {@link JpqlFilter} renders into JPQL: exact
 * single values, '*' and '?' counted in characters, inclusive string ranges in the form of
 * {@link RangeBounds}, UID lists; person names ignore case unless matching is case-sensitive.
 *
 * <p>A condition is prepared once per query ({@link #of}): key values normalized, wildcards compiled; the
 * test then runs for every item of every row.
 */
final class ValueMatching {
    private ValueMatching() {
    }

    /** A test of an element's values: one of them must match; an absent or empty value matches nothing. */
    static Predicate<String[]> of(Condition condition, PersonNameMatching pnMatching) {
        boolean ignoreCase = condition.key().vr() == VR.PN && pnMatching == PersonNameMatching.CASE_INSENSITIVE;
        Predicate<String> one = single(condition, ignoreCase);
        return values -> {
            if (values != null) {
                for (String value : values) {
                    if (!value.isEmpty() && one.test(ignoreCase ? PersonNames.normalize(value) : value)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    /** The test of one value, already normalized when {@code ignoreCase}. */
    private static Predicate<String> single(Condition condition, boolean ignoreCase) {
        if (condition instanceof Condition.SingleValue c) {
            String expected = ignoreCase ? PersonNames.normalize(c.value()) : c.value();
            return expected::equals;
        }
        if (condition instanceof Condition.Wildcard c) {
            List<Pattern> patterns = new ArrayList<>(2);
            for (String pattern : ignoreCase ? PersonNames.patterns(c.pattern()) : List.of(c.pattern())) {
                patterns.add(regex(pattern));
            }
            return value -> patterns.stream().anyMatch(p -> p.matcher(value).matches());
        }
        if (condition instanceof Condition.UidList c) {
            return c.uids()::contains;
        }
        if (condition instanceof Condition.Range c) {
            return value -> (c.lower() == null || value.compareTo(c.lower()) >= 0)
                    && (c.upper() == null || value.compareTo(c.upper()) <= 0);
        }
        List<Predicate<String>> alternatives = new ArrayList<>();
        for (Condition alternative : ((Condition.AnyOf) condition).alternatives()) {
            alternatives.add(single(alternative, ignoreCase));
        }
        return value -> alternatives.stream().anyMatch(a -> a.test(value));
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
