package org.qrarchive.archive.query.control;

import java.util.List;

import org.qrarchive.dicom.data.UID;

/**
 * The FIND Query/Retrieve Information Models of PS3.4 C.6: their SOP classes and the levels each allows,
 * from its top level down.
 */
public enum InformationModel {
    PATIENT_ROOT(UID.PatientRootQueryRetrieveInformationModelFind, QueryLevel.PATIENT, QueryLevel.IMAGE),
    STUDY_ROOT(UID.StudyRootQueryRetrieveInformationModelFind, QueryLevel.STUDY, QueryLevel.IMAGE),
    /** Retired since 2004 but still sent by old workstations; dcmqrscp supports it. */
    PATIENT_STUDY_ONLY(UID.PatientStudyOnlyQueryRetrieveInformationModelFind, QueryLevel.PATIENT, QueryLevel.STUDY);

    private final String sopClassUid;
    private final QueryLevel top;
    private final QueryLevel bottom;

    InformationModel(String sopClassUid, QueryLevel top, QueryLevel bottom) {
        this.sopClassUid = sopClassUid;
        this.top = top;
        this.bottom = bottom;
    }

    public String sopClassUid() {
        return sopClassUid;
    }

    public QueryLevel top() {
        return top;
    }

    /** The levels of this model, top first. */
    public List<QueryLevel> levels() {
        return List.of(QueryLevel.values()).subList(top.ordinal(), bottom.ordinal() + 1);
    }

    public boolean allows(QueryLevel level) {
        return level.ordinal() >= top.ordinal() && level.ordinal() <= bottom.ordinal();
    }

    /** The levels whose unique keys a query at {@code level} must carry (PS3.4 C.4.1.2.1), top first. */
    public List<QueryLevel> levelsAbove(QueryLevel level) {
        return List.of(QueryLevel.values()).subList(top.ordinal(), Math.max(top.ordinal(), level.ordinal()));
    }

    /**
     * The level a key belongs to in this model. The Study Root model has no patient level: its study level
     * carries the patient attributes (PS3.4 C.6.2.1), so patient keys count as study keys there.
     */
    public QueryLevel levelOf(QueryKey key) {
        return key.level().isAbove(top) ? top : key.level();
    }

    /** The model of a C-FIND SOP class, or {@code null} when the UID is none of them. */
    public static InformationModel ofSopClass(String sopClassUid) {
        for (InformationModel model : values()) {
            if (model.sopClassUid.equals(sopClassUid)) {
                return model;
            }
        }
        return null;
    }

    /** "Patient Root" etc., for error comments. */
    public String title() {
        return switch (this) {
            case PATIENT_ROOT -> "Patient Root";
            case STUDY_ROOT -> "Study Root";
            case PATIENT_STUDY_ONLY -> "Patient/Study Only";
        };
    }
}
