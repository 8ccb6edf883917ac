package org.qrarchive.dicom.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads data set elements (PS3.5 §7) in one transfer syntax, keeping count of the byte offset so that
 * every error names where the input went wrong.
 *
 * <p>Every value is read only after its length was checked against {@code maxValueLength}, and nesting
 * against {@link #MAX_DEPTH}, so hostile lengths fail fast instead of allocating.
 */
public class DicomInputStream {
    public static final int MAX_DEPTH = 64;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final InputStream in;
    private final TransferSyntax ts;
    private final int maxValueLength;
    private final byte[] header = new byte[12];
    private long position;

    public DicomInputStream(InputStream in, TransferSyntax ts, int maxValueLength) {
        this.in = in;
        this.ts = ts;
        this.maxValueLength = maxValueLength;
    }

    public long position() {
        return position;
    }

    /** Reads elements until the end of the stream. */
    public Attributes readDataset() throws IOException {
        Attributes attrs = new Attributes(ts.bigEndian(), 32);
        readElements(attrs, -1, 0);
        return attrs;
    }

    /**
     * Reads elements into {@code attrs} until {@code length} bytes were read, or, with length -1, until
     * the end of the stream or an item delimiter.
     */
    private void readElements(Attributes attrs, long length, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error("sequences nested deeper than " + MAX_DEPTH);
        }
        long end = length < 0 ? Long.MAX_VALUE : position + length;
        while (position < end) {
            long start = position;
            if (!readFully(header, 0, 4, length < 0 && depth == 0)) {
                return;
            }
            int tag = (ByteOrder.u16(header, 0, ts.bigEndian()) << 16) | ByteOrder.u16(header, 2, ts.bigEndian());
            if (tag == Tag.ItemDelimitationItem) {
                readLength32();
                if (length >= 0 || depth == 0) {
                    throw error(start, "item delimiter outside an item of undefined length");
                }
                return;
            }
            if (tag == Tag.Item || tag == Tag.SequenceDelimitationItem) {
                throw error(start, "unexpected " + Tag.toString(tag) + " outside a sequence");
            }
            VR vr;
            long valueLength;
            if (ts.explicitVR()) {
                readFully(header, 4, 2, false);
                vr = VR.ofCode(((header[4] & 0xFF) << 8) | (header[5] & 0xFF));
                if (vr == null) {
                    throw error(start, "unknown VR code in element " + Tag.toString(tag));
                }
                if (vr.longHeader()) {
                    readFully(header, 6, 2, false);
                    valueLength = readLength32();
                } else {
                    readFully(header, 6, 2, false);
                    valueLength = ByteOrder.u16(header, 6, ts.bigEndian());
                }
            } else {
                vr = ElementDictionary.vrOf(tag);
                valueLength = readLength32();
            }
            if (valueLength == UNDEFINED) {
                if (vr == VR.SQ || vr == VR.UN) {
                    readSequence(attrs.newSequence(tag), UNDEFINED, depth, vr == VR.UN);
                    continue;
                }
                throw error(start, "undefined length on " + vr + " element " + Tag.toString(tag));
            }
            if (position + valueLength > end) {
                throw error(start, "element " + Tag.toString(tag) + " of length " + valueLength
                        + " overruns its enclosing item");
            }
            if (vr == VR.SQ) {
                readSequence(attrs.newSequence(tag), valueLength, depth, false);
            } else {
                attrs.put(tag, vr, readValue(tag, valueLength));
            }
        }
        if (position != end) {
            throw error("item content overruns its length by " + (position - end) + " bytes");
        }
    }

    private void readSequence(List<Attributes> items, long length, int depth, boolean implicitLE)
            throws IOException {
        if (implicitLE && ts.explicitVR()) {
            // An UN of undefined length is a sequence encoded in implicit VR little endian (PS3.5 §6.2.2).
            DicomInputStream nested = new DicomInputStream(in, TransferSyntax.IMPLICIT_LE, maxValueLength);
            nested.position = position;
            nested.readSequence(items, length, depth, false);
            position = nested.position;
            return;
        }
        long end = length == UNDEFINED ? Long.MAX_VALUE : position + length;
        while (position < end) {
            long start = position;
            readFully(header, 0, 4, false);
            int tag = (ByteOrder.u16(header, 0, ts.bigEndian()) << 16) | ByteOrder.u16(header, 2, ts.bigEndian());
            long itemLength = readLength32();
            if (tag == Tag.SequenceDelimitationItem) {
                if (length != UNDEFINED) {
                    throw error(start, "sequence delimiter in a sequence of defined length");
                }
                return;
            }
            if (tag != Tag.Item) {
                throw error(start, "expected an item tag, found " + Tag.toString(tag));
            }
            Attributes item = new Attributes(ts.bigEndian(), 8);
            items.add(item);
            if (itemLength == UNDEFINED) {
                readElements(item, -1, depth + 1);
            } else if (position + itemLength > end) {
                throw error(start, "item of length " + itemLength + " overruns its sequence");
            } else {
                readElements(item, itemLength, depth + 1);
            }
        }
        if (position != end) {
            throw error("sequence content overruns its length");
        }
    }

    private byte[] readValue(int tag, long length) throws IOException {
        if (length > maxValueLength) {
            throw error("value of " + Tag.toString(tag) + " is " + length + " bytes, above the limit of "
                    + maxValueLength);
        }
        byte[] value = new byte[(int) length];
        readFully(value, 0, value.length, false);
        return value;
    }

    private long readLength32() throws IOException {
        readFully(header, 8, 4, false);
        return ByteOrder.i32(header, 8, ts.bigEndian()) & 0xFFFFFFFFL;
    }

    /** @return false only if {@code eofAllowed} and the stream ended before the first byte */
    private boolean readFully(byte[] b, int off, int len, boolean eofAllowed) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                if (done == 0 && eofAllowed) {
                    return false;
                }
                throw new EOFException("DICOM stream truncated at offset " + (position + done));
            }
            done += n;
        }
        position += len;
        return true;
    }

    private DicomStreamException error(String message) {
        return error(position, message);
    }

    private static DicomStreamException error(long offset, String message) {
        return new DicomStreamException(message + " (at offset " + offset + ")");
    }
}
