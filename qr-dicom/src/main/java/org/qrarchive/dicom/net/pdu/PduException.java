package org.qrarchive.dicom.net.pdu;

import java.io.IOException;

/** A received PDU that breaks PS3.8; {@link #abortReason()} is the A-ABORT reason to send. */
public class PduException extends IOException {
    private final int abortReason;

    public PduException(int abortReason, String message) {
        super(message);
        this.abortReason = abortReason;
    }

    public int abortReason() {
        return abortReason;
    }
}
