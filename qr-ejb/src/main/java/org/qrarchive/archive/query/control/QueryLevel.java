package org.qrarchive.archive.query.control;

import java.util.Locale;

import org.qrarchive.dicom.data.Tag;

/**
 * The Query/Retrieve levels of PS3.4 C.6, in hierarchy order (a level's ordinal is its depth), each with
 * its unique key and the index entity that holds it.
 *
 * <p>The JPQL aliases are fixed for the whole query package: {@code p} (Patient), {@code st} (Study),
 * {@code se} (Series), {@code i} (Instance). The FROM clause of a level joins every level above it, so a
 * condition or a return key of any level at or above the query level can name its alias.
 */
public enum QueryLevel {
    PATIENT(Tag.PatientID, "p", "from Patient p"),
    STUDY(Tag.StudyInstanceUID, "st", "from Study st join st.patient p"),
    SERIES(Tag.SeriesInstanceUID, "se", "from Series se join se.study st join st.patient p"),
    IMAGE(Tag.SOPInstanceUID, "i", "from Instance i join i.series se join se.study st join st.patient p");

    private final int uniqueKey;
    private final String alias;
    private final String fromClause;

    QueryLevel(int uniqueKey, String alias, String fromClause) {
        this.uniqueKey = uniqueKey;
        this.alias = alias;
        this.fromClause = fromClause;
    }

    /** The tag of the level's unique key (PS3.4 C.6.1.1 and C.6.2.1). */
    public int uniqueKey() {
        return uniqueKey;
    }

    /** The JPQL alias of this level's entity. */
    public String alias() {
        return alias;
    }

    /** "from ... join ...": this level's entity and every entity above it, with their aliases. */
    public String fromClause() {
        return fromClause;
    }

    /** The level of the entity that a JPQL path such as {@code "p.patientName"} names. */
    public static QueryLevel ofPath(String path) {
        String alias = path.substring(0, path.indexOf('.'));
        for (QueryLevel level : values()) {
            if (level.alias.equals(alias)) {
                return level;
            }
        }
        throw new IllegalArgumentException("no level has the alias of " + path);
    }

    /** Whether this level is above (nearer the patient than) {@code other}. */
    public boolean isAbove(QueryLevel other) {
        return ordinal() < other.ordinal();
    }

    /**
     * The level named by a Query/Retrieve Level (0008,0052) value, or {@code null} when it names none.
     *
     * @param lenient also accept lower case and surrounding spaces, which are not valid CS but harmless
     */
    public static QueryLevel ofCode(String code, boolean lenient) {
        if (code == null) {
            return null;
        }
        String c = lenient ? code.strip().toUpperCase(Locale.ROOT) : code;
        for (QueryLevel level : values()) {
            if (level.name().equals(c)) {
                return level;
            }
        }
        return null;
    }
}
