package org.qrarchive.dicom.data;

/** Reads and writes unsigned 16- and 32-bit values in either byte order. */
final class ByteOrder {
    private ByteOrder() {
    }

    static int u16(byte[] b, int off, boolean bigEndian) {
        return bigEndian
                ? ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF)
                : ((b[off + 1] & 0xFF) << 8) | (b[off] & 0xFF);
    }

    static int i32(byte[] b, int off, boolean bigEndian) {
        return bigEndian
                ? (u16(b, off, true) << 16) | u16(b, off + 2, true)
                : (u16(b, off + 2, false) << 16) | u16(b, off, false);
    }

    static void put16(byte[] b, int off, int v, boolean bigEndian) {
        if (bigEndian) {
            b[off] = (byte) (v >>> 8);
            b[off + 1] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
        }
    }

    static void put32(byte[] b, int off, int v, boolean bigEndian) {
        if (bigEndian) {
            put16(b, off, v >>> 16, true);
            put16(b, off + 2, v, true);
        } else {
            put16(b, off, v, false);
            put16(b, off + 2, v >>> 16, false);
        }
    }

    /** Reverses each {@code unit}-byte word of {@code b} in place. */
    static void swap(byte[] b, int unit) {
        swap(b, unit, b.length);
    }

    /** Reverses each {@code unit}-byte word of the first {@code length} bytes of {@code b} in place. */
    static void swap(byte[] b, int unit, int length) {
        for (int off = 0; off + unit <= length; off += unit) {
            for (int i = 0, j = unit - 1; i < j; i++, j--) {
                byte t = b[off + i];
                b[off + i] = b[off + j];
                b[off + j] = t;
            }
        }
    }
}
