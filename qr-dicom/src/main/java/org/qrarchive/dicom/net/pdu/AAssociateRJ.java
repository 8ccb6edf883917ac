package org.qrarchive.dicom.net.pdu;

/** A-ASSOCIATE-RJ (PS3.8 §9.3.4) with the result, source and reason codes of Table 9-21. */
public record AAssociateRJ(int result, int source, int reason) implements Pdu {
    public static final int RESULT_PERMANENT = 1;
    public static final int RESULT_TRANSIENT = 2;

    public static final int SOURCE_SERVICE_USER = 1;
    public static final int SOURCE_SERVICE_PROVIDER_ACSE = 2;
    public static final int SOURCE_SERVICE_PROVIDER_PRESENTATION = 3;

    /** Reasons with source 1 (service user). */
    public static final int NO_REASON_GIVEN = 1;
    public static final int APPLICATION_CONTEXT_NAME_NOT_SUPPORTED = 2;
    public static final int CALLING_AE_TITLE_NOT_RECOGNIZED = 3;
    public static final int CALLED_AE_TITLE_NOT_RECOGNIZED = 7;
    /** Reasons with source 2 (ACSE). */
    public static final int PROTOCOL_VERSION_NOT_SUPPORTED = 2;
    /** Reasons with source 3 (presentation). */
    public static final int TEMPORARY_CONGESTION = 1;
    public static final int LOCAL_LIMIT_EXCEEDED = 2;

    public static AAssociateRJ calledAETitleNotRecognized() {
        return new AAssociateRJ(RESULT_PERMANENT, SOURCE_SERVICE_USER, CALLED_AE_TITLE_NOT_RECOGNIZED);
    }

    public static AAssociateRJ callingAETitleNotRecognized() {
        return new AAssociateRJ(RESULT_PERMANENT, SOURCE_SERVICE_USER, CALLING_AE_TITLE_NOT_RECOGNIZED);
    }

    public static AAssociateRJ applicationContextNotSupported() {
        return new AAssociateRJ(RESULT_PERMANENT, SOURCE_SERVICE_USER, APPLICATION_CONTEXT_NAME_NOT_SUPPORTED);
    }

    public static AAssociateRJ protocolVersionNotSupported() {
        return new AAssociateRJ(RESULT_PERMANENT, SOURCE_SERVICE_PROVIDER_ACSE, PROTOCOL_VERSION_NOT_SUPPORTED);
    }

    public static AAssociateRJ localLimitExceeded() {
        return new AAssociateRJ(RESULT_TRANSIENT, SOURCE_SERVICE_PROVIDER_PRESENTATION, LOCAL_LIMIT_EXCEEDED);
    }

    @Override
    public int type() {
        return A_ASSOCIATE_RJ;
    }

    @Override
    public String toString() {
        return "A-ASSOCIATE-RJ[result=" + result + ", source=" + source + ", reason=" + reason + "]";
    }
}
