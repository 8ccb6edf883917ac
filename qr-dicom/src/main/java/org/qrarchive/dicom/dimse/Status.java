package org.qrarchive.dicom.dimse;

/** DIMSE status codes (PS3.7 Annex C and PS3.4) used by the services. */
public final class Status {
    public static final int SUCCESS = 0x0000;
    public static final int CANCEL = 0xFE00;
    public static final int PENDING = 0xFF00;
    public static final int PENDING_WARNING = 0xFF01;

    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    public static final int UNRECOGNIZED_OPERATION = 0x0211;
    public static final int MISTYPED_ARGUMENT = 0x0212;
    public static final int PROCESSING_FAILURE = 0x0110;
    public static final int DUPLICATE_INVOCATION = 0x0210;
    public static final int OUT_OF_RESOURCES = 0xA700;
    public static final int DATASET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int CANNOT_UNDERSTAND = 0xC000;

    private Status() {
    }

    public static boolean isPending(int status) {
        return (status & 0xFF00) == 0xFF00;
    }
}
