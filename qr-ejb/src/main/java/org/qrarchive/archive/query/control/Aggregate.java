package org.qrarchive.archive.query.control;

/**
 * Return keys the index has no column for: counts and value sets computed from the entities below a match
 * (PS3.4 C.6.1.1.x "Number of ... Related ...", Modalities in Study, SOP Classes in Study).
 *
 * <p>The caller computes each per match with {@link #valueJpql()}, whose parameter {@code :owner} is the
 * primary key of the match's entity at {@link #owner()} level ({@link FindQuery#pk}). Counts give one
 * {@code Long}; the value sets give the distinct values, sorted.
 *
 * <p>Modalities in Study and SOP Classes in Study are also matching keys: a study matches when one of its
 * series (instances) matches, an exists-subquery on {@link #matchEntity()} rendered by {@link JpqlFilter}.
 */
public enum Aggregate {
    PATIENT_RELATED_STUDIES(QueryLevel.PATIENT, "select count(x) from Study x where x.patient.pk = :owner"),
    PATIENT_RELATED_SERIES(QueryLevel.PATIENT, "select count(x) from Series x where x.study.patient.pk = :owner"),
    PATIENT_RELATED_INSTANCES(QueryLevel.PATIENT,
            "select count(x) from Instance x where x.series.study.patient.pk = :owner"),
    STUDY_RELATED_SERIES(QueryLevel.STUDY, "select count(x) from Series x where x.study.pk = :owner"),
    STUDY_RELATED_INSTANCES(QueryLevel.STUDY, "select count(x) from Instance x where x.series.study.pk = :owner"),
    SERIES_RELATED_INSTANCES(QueryLevel.SERIES, "select count(x) from Instance x where x.series.pk = :owner"),
    MODALITIES_IN_STUDY(QueryLevel.STUDY, "select distinct x.modality from Series x where x.study.pk = :owner "
            + "and x.modality is not null order by x.modality", "Series", "study", "modality"),
    SOP_CLASSES_IN_STUDY(QueryLevel.STUDY, "select distinct x.sopClassUid from Instance x "
            + "where x.series.study.pk = :owner order by x.sopClassUid", "Instance", "series.study", "sopClassUid");

    private final QueryLevel owner;
    private final String valueJpql;
    private final String matchEntity;
    private final String matchOwnerPath;
    private final String matchField;

    Aggregate(QueryLevel owner, String valueJpql) {
        this(owner, valueJpql, null, null, null);
    }

    Aggregate(QueryLevel owner, String valueJpql, String matchEntity, String matchOwnerPath, String matchField) {
        this.owner = owner;
        this.valueJpql = valueJpql;
        this.matchEntity = matchEntity;
        this.matchOwnerPath = matchOwnerPath;
        this.matchField = matchField;
    }

    /** The level whose entity the value is computed for. */
    public QueryLevel owner() {
        return owner;
    }

    /** JPQL computing the value for one owner, parameter {@code :owner} = the owner's primary key. */
    public String valueJpql() {
        return valueJpql;
    }

    /**
     * Whether the key can be matched. The counts cannot: PS3.4 defines no matching on them, so a value an
     * SCU puts there is ignored (universal matching) and the count is returned.
     */
    public boolean matchable() {
        return matchEntity != null;
    }

    /** The entity whose rows the exists-subquery searches, e.g. "Series"; null when not matchable. */
    public String matchEntity() {
        return matchEntity;
    }

    /** Path from the subquery entity to the owner entity, e.g. "study" or "series.study". */
    public String matchOwnerPath() {
        return matchOwnerPath;
    }

    /** Field of the subquery entity the key is matched against, e.g. "modality". */
    public String matchField() {
        return matchField;
    }
}
