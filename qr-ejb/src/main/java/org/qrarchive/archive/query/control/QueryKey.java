package org.qrarchive.archive.query.control;

import org.qrarchive.dicom.data.VR;

/**
 * One supported query key and how it maps to the index.
 *
 * @param tag            the attribute
 * @param vr             its VR (from the dictionary)
 * @param level          the entity level that holds it (in the Study Root model patient keys are study keys:
 *                       see {@link InformationModel#levelOf})
 * @param path           JPQL path of the column relative to the level's alias, e.g. "st.studyDate";
 *                       {@code null} for aggregates
 * @param normalizedPath for person names with a {@code *_norm} column: the path of the upper-cased form
 *                       that case-insensitive matching uses so that it stays indexed; else {@code null}
 * @param multiValued    the column holds all values joined with backslash ("A\B"), so a value matches any
 *                       one of them, not the whole column
 * @param aggregate      for keys computed from lower levels, how; else {@code null}
 */
public record QueryKey(int tag, VR vr, QueryLevel level, String path, String normalizedPath, boolean multiValued,
                       Aggregate aggregate) {

    /** Whether the key can take part in matching (every column can; aggregates only some). */
    public boolean matchable() {
        return aggregate == null || aggregate.matchable();
    }

    /**
     * The level whose entity holds the value: in the Study Root model a patient key is a study key
     * ({@link #level}) but still a column of the patient.
     */
    public QueryLevel entityLevel() {
        return path == null ? level : QueryLevel.ofPath(path);
    }

    public String keyword() {
        return QueryKeys.nameOf(tag);
    }

    @Override
    public String toString() {
        return keyword();
    }
}
