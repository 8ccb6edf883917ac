package org.qrarchive.archive.query.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The complete JPQL query of a request: the primary keys of the matched entity and of every entity above
 * it, their stored character sets, then the index columns of the return keys, for example
 * {@code select st.pk, p.pk, st.specificCharset, p.specificCharset, p.patientName, st.studyDate
 * from Study st join st.patient p where ... order by st.pk}.
 *
 * <p>Run it with {@code em.createQuery(jpql(), Object[].class)} and {@link #parameters()}; each row then
 * gives {@link #pk} (the owner of an {@link Aggregate}), {@link #storedCharset} and {@link #value} (a
 * {@link ReturnKey.Fill#INDEX} key).
 * Ordering by the primary key keeps responses in a stable order, which paging and tests rely on.
 */
public record FindQuery(String jpql, String countJpql, Map<String, Object> parameters,
                        List<QueryLevel> pkLevels, List<QueryKey> columns, PersonNameMatching pnMatching) {

    public FindQuery {
        parameters = Map.copyOf(parameters);
        pkLevels = List.copyOf(pkLevels);
        columns = List.copyOf(columns);
    }

    public static FindQuery of(QueryRequest request, String aeTitle, PersonNameMatching pnMatching) {
        QueryLevel level = request.level();
        List<QueryLevel> pkLevels = new ArrayList<>();
        List<String> select = new ArrayList<>();
        for (int k = level.ordinal(); k >= 0; k--) {
            QueryLevel l = QueryLevel.values()[k];
            pkLevels.add(l);
            select.add(l.alias() + ".pk");
        }
        for (QueryLevel l : pkLevels) {
            select.add(l.alias() + ".specificCharset");
        }
        List<QueryKey> columns = request.indexKeys();
        for (QueryKey key : columns) {
            select.add(key.path());
        }
        JpqlWhere where = JpqlFilter.where(request, aeTitle, pnMatching);
        String fromWhere = level.fromClause() + " where " + where.text();
        String jpql = "select " + String.join(", ", select) + " " + fromWhere
                + " order by " + level.alias() + ".pk";
        String countJpql = "select count(" + level.alias() + ") " + fromWhere;
        return new FindQuery(jpql, countJpql, where.parameters(), pkLevels, columns, pnMatching);
    }

    /** The primary key of the row's entity at {@code level} (the query level or one above it). */
    public Long pk(Object[] row, QueryLevel level) {
        int index = pkLevels.indexOf(level);
        if (index < 0) {
            throw new IllegalArgumentException(level + " is below the query level");
        }
        return (Long) row[index];
    }

    /**
     * The Specific Character Set (0008,0005) of the object the row's text at {@code level} came from, values
     * joined with backslash; {@code null} for the default repertoire or a row indexed before it was kept.
     */
    public String storedCharset(Object[] row, QueryLevel level) {
        int index = pkLevels.indexOf(level);
        if (index < 0) {
            throw new IllegalArgumentException(level + " is below the query level");
        }
        return (String) row[pkLevels.size() + index];
    }

    /** The row's value of an index key (a String; the encoded sequences for a sequence key), null when none. */
    public Object value(Object[] row, QueryKey key) {
        int index = columns.indexOf(key);
        if (index < 0) {
            throw new IllegalArgumentException(key + " is no column of this query");
        }
        return row[2 * pkLevels.size() + index];
    }
}
