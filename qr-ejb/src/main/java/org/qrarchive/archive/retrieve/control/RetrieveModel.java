package org.qrarchive.archive.retrieve.control;

import java.util.Map;

import org.qrarchive.archive.query.control.InformationModel;
import org.qrarchive.dicom.data.UID;

/** The MOVE and GET SOP classes of the three Query/Retrieve information models. */
public record RetrieveModel(InformationModel model, boolean get) {
    private static final Map<String, RetrieveModel> BY_SOP_CLASS = Map.of(
            UID.PatientRootQueryRetrieveInformationModelMove, new RetrieveModel(InformationModel.PATIENT_ROOT, false),
            UID.StudyRootQueryRetrieveInformationModelMove, new RetrieveModel(InformationModel.STUDY_ROOT, false),
            UID.PatientStudyOnlyQueryRetrieveInformationModelMove,
            new RetrieveModel(InformationModel.PATIENT_STUDY_ONLY, false),
            UID.PatientRootQueryRetrieveInformationModelGet, new RetrieveModel(InformationModel.PATIENT_ROOT, true),
            UID.StudyRootQueryRetrieveInformationModelGet, new RetrieveModel(InformationModel.STUDY_ROOT, true),
            "1.2.840.10008.5.1.4.1.2.3.3", new RetrieveModel(InformationModel.PATIENT_STUDY_ONLY, true));

    /** The model of a MOVE or GET SOP class, or {@code null}. */
    public static RetrieveModel ofSopClass(String sopClassUid) {
        return BY_SOP_CLASS.get(sopClassUid);
    }

    public static java.util.Set<String> sopClasses() {
        return BY_SOP_CLASS.keySet();
    }
}
