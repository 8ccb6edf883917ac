package org.qrarchive.dicom.data;

/** How this implementation names itself in associations and files (PS3.7 §D.3.3.2, PS3.10 §7.1). */
public final class Implementation {
    /** A UUID-derived UID (PS3.5 Annex B.2): needs no registered root. */
    public static final String CLASS_UID = "2.25.238693215244190643020483965051619690800";
    /** At most 16 characters (SH). */
    public static final String VERSION_NAME = "QRARCHIVE_1";

    private Implementation() {
    }
}
