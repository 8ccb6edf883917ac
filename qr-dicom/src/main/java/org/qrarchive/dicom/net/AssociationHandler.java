package org.qrarchive.dicom.net;

import java.io.IOException;
import java.io.InputStream;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.net.pdu.AAssociateRQ;
import org.qrarchive.dicom.net.pdu.PresentationContext;

/** What the application decides for an association: whether to accept it, and what DIMSE requests do. */
public interface AssociationHandler {

    /** Decides on an A-ASSOCIATE-RQ: accept (with the answers to its presentation contexts) or reject. */
    AssociationDecision negotiate(Association association, AAssociateRQ rq);

    /**
     * Handles a DIMSE request that arrived on an accepted presentation context. Runs on the
     * association's reader thread: the data set, if any, is read from {@code data} as it arrives; what is
     * left unread is discarded when this returns. Long operations that must stay cancelable hand their
     * work to another thread and register with {@link Association#addCancelHandler}.
     *
     * @param data the data set stream, or {@code null} when the command has none
     */
    void onRequest(Association association, PresentationContext pc, Attributes command, InputStream data)
            throws IOException;

    /** Called once when the association has ended, however it ended. */
    default void onClose(Association association) {
    }
}
