package org.qrarchive.archive.query.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.qrarchive.dicom.data.VR;

/**
 * Turns the conditions of a request into a JPQL WHERE condition over the aliases of
 * {@link QueryLevel#fromClause()}, starting with the AE title of the index searched:
 * {@code st.aeTitle = :ae and st.studyDate between :p1 and :p2 and p.patientNameNorm like :p3 escape '!'}.
 *
 * <p>Every value is a named parameter ({@code :ae}, {@code :p1}, ...): nothing received is ever written
 * into the JPQL text. UID lists are one collection-valued parameter.
 */
public final class JpqlFilter {
    private final PersonNameMatching pnMatching;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private int parameterCount;
    private int subqueryCount;

    private JpqlFilter(PersonNameMatching pnMatching) {
        this.pnMatching = pnMatching;
    }

    public static JpqlWhere where(QueryRequest request, String aeTitle, PersonNameMatching pnMatching) {
        JpqlFilter filter = new JpqlFilter(pnMatching);
        filter.parameters.put("ae", aeTitle);
        // The AE title goes on the matched entity and on every level above it that has a condition: the
        // optimizer may then start from whichever entity has the selective key (e.g. the patient for a
        // name) through that entity's (ae_title, ...) index. Not on levels without conditions: there it
        // only tempts the optimizer into joining them through their ae_title index (a scan of all
        // patients per study) instead of by primary key; the joins keep them in the same AE anyway.
        Set<String> conditioned = new HashSet<>();
        for (Condition condition : request.conditions()) {
            conditioned.add(aliasOf(condition.key()));
        }
        StringBuilder text = new StringBuilder();
        for (int k = request.level().ordinal(); k >= 0; k--) {
            String alias = QueryLevel.values()[k].alias();
            if (k == request.level().ordinal() || conditioned.contains(alias)) {
                text.append(text.length() == 0 ? "" : " and ").append(alias).append(".aeTitle = :ae");
            }
        }
        for (Condition condition : request.conditions()) {
            text.append(" and ").append(filter.render(condition));
        }
        return new JpqlWhere(text.toString(), filter.parameters);
    }

    private static String aliasOf(QueryKey key) {
        return key.aggregate() != null ? key.aggregate().owner().alias()
                : key.path().substring(0, key.path().indexOf('.'));
    }

    /** How values must be shaped to compare with an expression. */
    private enum Shape {
        AS_RECEIVED, UPPER_CASE, NORMALIZED_NAME;

        String apply(String value) {
            return switch (this) {
                case AS_RECEIVED -> value;
                case UPPER_CASE -> value.toUpperCase(Locale.ROOT);
                case NORMALIZED_NAME -> PersonNames.normalize(value);
            };
        }
    }

    /** The expression a key is compared as. */
    private record Operand(String expression, Shape shape, boolean multiValued) {
    }

    private String render(Condition condition) {
        QueryKey key = condition.key();
        Aggregate aggregate = key.aggregate();
        if (aggregate == null) {
            return render(condition, operand(key));
        }
        // a study matches when one of its series (instances) does; each subquery gets its own alias
        String alias = "sq" + (++subqueryCount);
        Operand field = new Operand(alias + "." + aggregate.matchField(), Shape.AS_RECEIVED, false);
        return "exists (select " + alias + ".pk from " + aggregate.matchEntity() + " " + alias + " where "
                + alias + "." + aggregate.matchOwnerPath() + " = " + aggregate.owner().alias() + " and "
                + render(condition, field) + ")";
    }

    private Operand operand(QueryKey key) {
        if (key.vr() != VR.PN || pnMatching == PersonNameMatching.CASE_SENSITIVE) {
            return new Operand(key.path(), Shape.AS_RECEIVED, key.multiValued());
        }
        if (key.normalizedPath() != null) {
            return new Operand(key.normalizedPath(), Shape.NORMALIZED_NAME, key.multiValued());
        }
        // no normalized column: still correct, but the database cannot use an index for it
        return new Operand("upper(" + key.path() + ")", Shape.UPPER_CASE, key.multiValued());
    }

    private String render(Condition condition, Operand op) {
        String e = op.expression();
        if (condition instanceof Condition.SingleValue c) {
            String value = op.shape().apply(c.value());
            String equal = e + " = " + param(value);
            return op.multiValued() ? anyValue(e, Wildcards.literal(value), equal) : equal;
        }
        if (condition instanceof Condition.Wildcard c) {
            List<String> patterns = op.shape() == Shape.NORMALIZED_NAME ? PersonNames.patterns(c.pattern())
                    : List.of(op.shape().apply(c.pattern()));
            List<String> parts = new ArrayList<>(patterns.size());
            for (String pattern : patterns) {
                // in "A\B" a LIKE wildcard would also match across the backslash between two values
                parts.add(op.multiValued()
                        ? "function('regexp_like', " + e + ", " + param(Wildcards.toAnyValueRegex(pattern)) + ") = true"
                        : like(e, Wildcards.toLike(pattern)));
            }
            return or(parts);
        }
        if (condition instanceof Condition.UidList c) {
            return e + " in (" + param(c.uids()) + ")";
        }
        if (condition instanceof Condition.Range c) {
            if (c.lower() != null && c.upper() != null) {
                return e + " between " + param(c.lower()) + " and " + param(c.upper());
            }
            return c.lower() != null ? e + " >= " + param(c.lower()) : e + " <= " + param(c.upper());
        }
        List<String> parts = new ArrayList<>();
        for (Condition alternative : ((Condition.AnyOf) condition).alternatives()) {
            parts.add(render(alternative, op));
        }
        return or(parts);
    }

    /**
     * A multi-valued column holds "A\B\C": a value matches as the whole column, or as its first, last or a
     * middle value. With escape '!', '\' is an ordinary character in the patterns.
     */
    private String anyValue(String e, String likePattern, String whole) {
        return "(" + whole + " or " + like(e, likePattern + "\\%") + " or " + like(e, "%\\" + likePattern)
                + " or " + like(e, "%\\" + likePattern + "\\%") + ")";
    }

    private String like(String e, String pattern) {
        return e + " like " + param(pattern) + Wildcards.ESCAPE_CLAUSE;
    }

    private static String or(List<String> parts) {
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(" or ", parts) + ")";
    }

    private String param(Object value) {
        String name = "p" + (++parameterCount);
        parameters.put(name, value);
        return ":" + name;
    }
}
