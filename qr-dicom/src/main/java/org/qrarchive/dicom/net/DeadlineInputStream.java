package org.qrarchive.dicom.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Socket input whose reads all end by one deadline, so that a peer trickling bytes cannot stretch a
 * timeout: each read waits at most for what is left until the deadline.
 */
final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;
    private long deadlineNanos;

    DeadlineInputStream(Socket socket, InputStream in) {
        super(in);
        this.socket = socket;
    }

    /** @param nanosFromNow 0 for no deadline */
    void setDeadline(long nanosFromNow) {
        deadlineNanos = nanosFromNow <= 0 ? 0 : System.nanoTime() + nanosFromNow;
    }

    @Override
    public int read() throws IOException {
        arm();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        arm();
        return super.read(b, off, len);
    }

    private void arm() throws IOException {
        if (deadlineNanos == 0) {
            socket.setSoTimeout(0);
            return;
        }
        long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
    }
}
