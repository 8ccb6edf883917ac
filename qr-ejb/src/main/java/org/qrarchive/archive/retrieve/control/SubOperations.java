package org.qrarchive.archive.retrieve.control;

import java.util.ArrayList;
import java.util.List;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;
import org.qrarchive.dicom.dimse.Commands;
import org.qrarchive.dicom.dimse.Status;

/**
 * The counts of one retrieve's C-STORE sub-operations, and the responses that report them (PS3.4 C.4.2.1.5,
 * C.4.3.1.5): remaining, completed, failed, warning, and the failed instances. Thread-safe: the
 * sub-associations of one C-MOVE count into it at once.
 */
public final class SubOperations {
    private final int total;
    private int completed;
    private int failed;
    private int warning;
    private long bytes;
    private final List<String> failedUids = new ArrayList<>();

    public SubOperations(int total) {
        this.total = total;
    }

    /** Counts one sub-operation by the status of its C-STORE-RSP (or -1 when it could not be sent). */
    public synchronized void count(String sopInstanceUid, int status, long size) {
        if (status == Status.SUCCESS) {
            completed++;
            bytes += size;
        } else if (isWarning(status)) {
            warning++;
            bytes += size;
        } else {
            failed++;
            failedUids.add(sopInstanceUid);
        }
    }

    private static boolean isWarning(int status) {
        return status == 0x0001 || (status & 0xF000) == 0xB000;
    }

    public synchronized int remaining() {
        return total - completed - failed - warning;
    }

    public synchronized int completed() {
        return completed;
    }

    public synchronized int failed() {
        return failed;
    }

    public synchronized int warning() {
        return warning;
    }

    public synchronized long bytes() {
        return bytes;
    }

    /** A pending response with the counts so far. */
    public synchronized Attributes pending(Attributes request) {
        return withCounts(Commands.response(request, Status.PENDING, false), true);
    }

    /**
     * The final status: success when all completed, B000 when some failed or warned, A702 when none could be
     * sent; {@code canceled}: FE00 whatever was sent.
     */
    public synchronized int finalStatus(boolean canceled) {
        if (canceled) {
            return Status.CANCEL;
        }
        if (failed == 0 && warning == 0) {
            return Status.SUCCESS;
        }
        return completed == 0 && warning == 0 ? 0xA702 : 0xB000;
    }

    /** The final response; the Failed SOP Instance UID List goes in an identifier when there are failures. */
    public synchronized Attributes finalResponse(Attributes request, int status, String comment) {
        Attributes rsp = Commands.response(request, status, comment);
        if (!failedUids.isEmpty() && status != Status.SUCCESS) {
            rsp.setInt(Tag.CommandDataSetType, VR.US, Commands.WITH_DATASET);
        }
        return withCounts(rsp, status == Status.CANCEL);
    }

    /** The identifier of a final response with failures, else {@code null}. */
    public synchronized Attributes failedIdentifier() {
        if (failedUids.isEmpty()) {
            return null;
        }
        Attributes ds = new Attributes(false, 1);
        ds.setString(Tag.FailedSOPInstanceUIDList, VR.UI, failedUids.toArray(String[]::new));
        return ds;
    }

    private Attributes withCounts(Attributes rsp, boolean withRemaining) {
        if (withRemaining) {
            rsp.setInt(Tag.NumberOfRemainingSuboperations, VR.US, remaining());
        }
        rsp.setInt(Tag.NumberOfCompletedSuboperations, VR.US, completed);
        rsp.setInt(Tag.NumberOfFailedSuboperations, VR.US, failed);
        rsp.setInt(Tag.NumberOfWarningSuboperations, VR.US, warning);
        return rsp;
    }
}
