package org.qrarchive.dicom.data;

/** Well-known UIDs of PS3.6 Annex A used by the library itself. */
public final class UID {
    public static final String DICOMApplicationContext = "1.2.840.10008.3.1.1.1";
    public static final String Verification = "1.2.840.10008.1.1";

    public static final String ImplicitVRLittleEndian = "1.2.840.10008.1.2";
    public static final String ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";
    public static final String DeflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99";
    public static final String ExplicitVRBigEndian = "1.2.840.10008.1.2.2";

    private UID() {
    }
}
