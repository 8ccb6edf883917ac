package org.qrarchive.dicom.net;

import java.io.IOException;
import java.io.InputStream;

import org.qrarchive.dicom.net.pdu.AAbort;
import org.qrarchive.dicom.net.pdu.PDataTF;
import org.qrarchive.dicom.net.pdu.PduException;

/**
 * The data set of one incoming DIMSE message, read fragment by fragment as its P-DATA-TF PDUs arrive,
 * so that only one PDU is in memory at a time.
 */
final class PdvInputStream extends InputStream {
    private final Association association;
    private final int pcid;
    private PDataTF.Pdv pdv;
    private int pos;
    private boolean lastSeen;

    PdvInputStream(Association association, int pcid) {
        this.association = association;
        this.pcid = pcid;
    }

    @Override
    public int read() throws IOException {
        if (!ensureData()) {
            return -1;
        }
        return pdv.buffer()[pdv.offset() + pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!ensureData()) {
            return -1;
        }
        int n = Math.min(len, pdv.length() - pos);
        System.arraycopy(pdv.buffer(), pdv.offset() + pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return pdv == null ? 0 : pdv.length() - pos;
    }

    /** Reads and discards what is left of the data set, so the next message starts in the right place. */
    void skipRest() throws IOException {
        while (ensureData()) {
            pos = pdv.length();
        }
    }

    private boolean ensureData() throws IOException {
        while (pdv == null || pos >= pdv.length()) {
            if (lastSeen) {
                return false;
            }
            pdv = association.nextPdv();
            pos = 0;
            if (pdv.command() || pdv.presentationContextId() != pcid) {
                throw new PduException(AAbort.UNEXPECTED_PDU_PARAMETER,
                        "expected a data set fragment on presentation context " + pcid);
            }
            lastSeen = pdv.last();
        }
        return true;
    }
}
