package org.qrarchive.dicom.net;

import java.io.IOException;
import java.io.InputStream;

import org.qrarchive.dicom.data.Attributes;

/** Receives the responses to one DIMSE request sent by {@link Association#invoke}. */
public interface ResponseHandler {
    /**
     * @param data the response's data set stream (e.g. a C-FIND match), or {@code null}; what is left
     *             unread is discarded when this returns
     */
    void onResponse(Association association, Attributes command, InputStream data) throws IOException;

    /** The association ended before the final response arrived. */
    void onClosed(Association association);
}
