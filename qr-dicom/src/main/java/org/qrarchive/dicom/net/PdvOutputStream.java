package org.qrarchive.dicom.net;

import java.io.IOException;
import java.io.OutputStream;

import org.qrarchive.dicom.net.pdu.PduEncoder;

/**
 * Cuts an outgoing command or data set into P-DATA-TF PDUs of one PDV each, no larger than the peer
 * accepts. A full buffer is held back until more bytes come, so the last fragment is always known.
 */
final class PdvOutputStream extends OutputStream {
    private final OutputStream out;
    private final int pcid;
    private final boolean command;
    private final byte[] buf;
    private int count;

    PdvOutputStream(OutputStream out, int pcid, boolean command, int maxFragment) {
        this.out = out;
        this.pcid = pcid;
        this.command = command;
        this.buf = new byte[maxFragment];
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buf.length) {
            emit(false);
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (count == buf.length) {
                emit(false);
            }
            int n = Math.min(len, buf.length - count);
            System.arraycopy(b, off, buf, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    /** Sends what is buffered as the last fragment. */
    void finish() throws IOException {
        emit(true);
    }

    @Override
    public void flush() {
        // fragments go out as they fill; Association flushes the socket once the message is complete
    }

    private void emit(boolean last) throws IOException {
        PduEncoder.writePDataHeader(out, pcid, command, last, count);
        out.write(buf, 0, count);
        count = 0;
    }
}
