package org.qrarchive.dicom.dimse;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;

/** Builds DIMSE command sets (PS3.7 §9.3 and §E.1). */
public final class Commands {
    /** CommandDataSetType value meaning no data set follows. */
    public static final int NO_DATASET = 0x0101;
    /** A value other than {@link #NO_DATASET}: a data set follows. */
    public static final int WITH_DATASET = 0x0000;

    public static final int PRIORITY_MEDIUM = 0;

    private Commands() {
    }

    public static Attributes request(Dimse dimse, int messageId, String sopClassUid, boolean withDataset) {
        if (!dimse.isRequest()) {
            throw new IllegalArgumentException(dimse + " is not a request");
        }
        Attributes cmd = new Attributes(false, 10);
        cmd.setString(Tag.AffectedSOPClassUID, VR.UI,
                sopClassUid);
        cmd.setInt(Tag.CommandField, VR.US, dimse.commandField());
        cmd.setInt(Tag.MessageID, VR.US, messageId);
        if (dimse != Dimse.C_ECHO_RQ) {
            cmd.setInt(Tag.Priority, VR.US, PRIORITY_MEDIUM);
        }
        cmd.setInt(Tag.CommandDataSetType, VR.US, withDataset ? WITH_DATASET : NO_DATASET);
        return cmd;
    }

    public static Attributes echoRequest(int messageId, String sopClassUid) {
        return request(Dimse.C_ECHO_RQ, messageId, sopClassUid, false);
    }

    public static Attributes cancelRequest(int messageIdBeingRespondedTo) {
        Attributes cmd = new Attributes(false, 4);
        cmd.setInt(Tag.CommandField, VR.US, Dimse.C_CANCEL_RQ.commandField());
        cmd.setInt(Tag.MessageIDBeingRespondedTo, VR.US, messageIdBeingRespondedTo);
        cmd.setInt(Tag.CommandDataSetType, VR.US, NO_DATASET);
        return cmd;
    }

    /** A response to {@code request}, echoing its SOP class (and instance, for C-STORE) as PS3.7 requires. */
    public static Attributes response(Attributes request, int status, boolean withDataset) {
        Dimse rq = Dimse.ofCommandField(request.getInt(Tag.CommandField, -1));
        Attributes rsp = new Attributes(false, 10);
        String cuid = request.getString(Tag.AffectedSOPClassUID);
        rsp.setString(Tag.AffectedSOPClassUID, VR.UI, cuid == null ? "" : cuid);
        rsp.setInt(Tag.CommandField, VR.US, rq.response().commandField());
        rsp.setInt(Tag.MessageIDBeingRespondedTo, VR.US, request.getInt(Tag.MessageID, 0));
        rsp.setInt(Tag.CommandDataSetType, VR.US, withDataset ? WITH_DATASET : NO_DATASET);
        rsp.setInt(Tag.Status, VR.US, status);
        String iuid = request.getString(Tag.AffectedSOPInstanceUID);
        if (rq == Dimse.C_STORE_RQ && iuid != null) {
            rsp.setString(Tag.AffectedSOPInstanceUID, VR.UI, iuid);
        }
        return rsp;
    }

    public static Attributes response(Attributes request, int status, String errorComment) {
        Attributes rsp = response(request, status, false);
        if (errorComment != null) {
            // ErrorComment is LO: at most 64 characters.
            rsp.setString(Tag.ErrorComment, VR.LO,
                    errorComment.length() > 64 ? errorComment.substring(0, 64) : errorComment);
        }
        return rsp;
    }

    public static boolean hasDataset(Attributes cmd) {
        return cmd.getInt(Tag.CommandDataSetType, NO_DATASET) != NO_DATASET;
    }

    public static Dimse dimseOf(Attributes cmd) {
        return Dimse.ofCommandField(cmd.getInt(Tag.CommandField, -1));
    }

    public static int status(Attributes rsp) {
        return rsp.getInt(Tag.Status, -1);
    }
}
