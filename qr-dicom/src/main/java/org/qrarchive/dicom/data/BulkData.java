package org.qrarchive.dicom.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A value left where it lies: {@code length} bytes at {@code offset} of {@code file}, encoded in the byte
 * order of the data set that refers to it. Large values (pixel data) are kept this way so that no data set
 * ever holds them in memory; writers copy them in chunks.
 */
public record BulkData(Path file, long offset, long length) {
    private static final int CHUNK = 64 * 1024;

    /**
     * Copies the value to {@code out}, reversing each {@code swapUnit}-byte word when it is above 1 (to
     * change byte order on the way).
     */
    public void copyTo(OutputStream out, int swapUnit) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long pos = offset;
            long end = offset + length;
            while (pos < end) {
                buf.clear().limit((int) Math.min(CHUNK, end - pos));
                readFully(ch, buf, pos);
                if (swapUnit > 1) {
                    // CHUNK is a multiple of every swap unit, so no word straddles two chunks
                    ByteOrder.swap(buf.array(), swapUnit, buf.position());
                }
                out.write(buf.array(), 0, buf.position());
                pos += buf.position();
            }
        }
    }

    /** Reads the whole value; only for values known to be small. */
    public byte[] readAll() throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("bulk data of " + length + " bytes cannot be read into memory");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) length);
            readFully(ch, buf, offset);
            return buf.array();
        }
    }

    private void readFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        int start = buf.position();
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position() - start) < 0) {
                throw new DicomStreamException("bulk data in " + file + " ends at offset "
                        + (at + buf.position() - start) + ", before its length " + length);
            }
        }
    }
}
