package org.qrarchive.dicom.data;

/** Builds the file meta information of a Part 10 file (PS3.10 §7.1). */
public final class FileMetaInformation {
    private static final byte[] VERSION = {0, 1};

    private FileMetaInformation() {
    }

    /**
     * @param sourceAETitle the AE that sent the object, or {@code null}
     */
    public static Attributes create(String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
            String sourceAETitle) {
        Attributes fmi = new Attributes(false, 8);
        fmi.setBytes(Tag.FileMetaInformationVersion, VR.OB, VERSION);
        fmi.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUid);
        fmi.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUid);
        fmi.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUid);
        fmi.setString(Tag.ImplementationClassUID, VR.UI, Implementation.CLASS_UID);
        fmi.setString(Tag.ImplementationVersionName, VR.SH, Implementation.VERSION_NAME);
        if (sourceAETitle != null && !sourceAETitle.isEmpty()) {
            fmi.setString(Tag.SourceApplicationEntityTitle, VR.AE, sourceAETitle);
        }
        return fmi;
    }
}
