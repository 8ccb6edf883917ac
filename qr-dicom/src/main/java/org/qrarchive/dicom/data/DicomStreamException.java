package org.qrarchive.dicom.data;

import java.io.IOException;

/** Malformed DICOM encoding; the message names the byte offset where reading stopped. */
public class DicomStreamException extends IOException {
    public DicomStreamException(String message) {
        super(message);
    }
}
