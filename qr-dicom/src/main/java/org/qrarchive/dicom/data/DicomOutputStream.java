package org.qrarchive.dicom.data;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes data set elements (PS3.5 §7) in one transfer syntax. Sequences and items get explicit lengths
 * unless {@code undefinedLengths} is set; binary values are byte-swapped when the data set's byte order
 * differs from the transfer syntax's.
 */
public class DicomOutputStream {
    private final OutputStream out;
    private final TransferSyntax ts;
    private final boolean undefinedLengths;
    private final byte[] header = new byte[12];

    public DicomOutputStream(OutputStream out, TransferSyntax ts) {
        this(out, ts, false);
    }

    public DicomOutputStream(OutputStream out, TransferSyntax ts, boolean undefinedLengths) {
        this.out = out;
        this.ts = ts;
        this.undefinedLengths = undefinedLengths;
    }

    public void writeDataset(Attributes attrs) throws IOException {
        for (int i = 0; i < attrs.size(); i++) {
            writeElement(attrs, i);
        }
    }

    /**
     * Writes a DIMSE command set: its CommandGroupLength (0000,0000) is recomputed from the elements
     * that follow it, as PS3.7 §6.3.1 requires.
     */
    public void writeCommand(Attributes command) throws IOException {
        command.remove(Tag.CommandGroupLength);
        int length = (int) encodedLength(command);
        command.setInt(Tag.CommandGroupLength, VR.UL, length);
        writeDataset(command);
    }

    /** The number of bytes {@link #writeDataset} writes for {@code attrs}. */
    public long encodedLength(Attributes attrs) {
        long length = 0;
        for (int i = 0; i < attrs.size(); i++) {
            VR vr = attrs.vrAt(i);
            length += headerLength(vr) + valueLength(attrs.value(i));
            if (vr == VR.SQ && undefinedLengths) {
                length += 8;
            }
        }
        return length;
    }

    private long valueLength(Object value) {
        if (value instanceof byte[] b) {
            return b.length;
        }
        long length = 0;
        for (Attributes item : items(value)) {
            length += 8 + encodedLength(item) + (undefinedLengths ? 8 : 0);
        }
        return length;
    }

    private int headerLength(VR vr) {
        return ts.explicitVR() && vr.longHeader() ? 12 : 8;
    }

    private void writeElement(Attributes attrs, int index) throws IOException {
        int tag = attrs.tagAt(index);
        VR vr = attrs.vrAt(index);
        Object value = attrs.value(index);
        if (value instanceof byte[] b) {
            if (vr.swapUnit() > 1 && attrs.bigEndian() != ts.bigEndian()) {
                b = b.clone();
                ByteOrder.swap(b, vr.swapUnit());
            }
            writeHeader(tag, vr, b.length);
            out.write(b);
            return;
        }
        List<Attributes> items = items(value);
        writeHeader(tag, vr, undefinedLengths ? -1 : valueLength(value));
        for (Attributes item : items) {
            writeItemHeader(Tag.Item, undefinedLengths ? -1 : encodedLength(item));
            writeDataset(item);
            if (undefinedLengths) {
                writeItemHeader(Tag.ItemDelimitationItem, 0);
            }
        }
        if (undefinedLengths) {
            writeItemHeader(Tag.SequenceDelimitationItem, 0);
        }
    }

    private void writeHeader(int tag, VR vr, long length) throws IOException {
        putTag(tag);
        if (!ts.explicitVR()) {
            ByteOrder.put32(header, 4, (int) length, ts.bigEndian());
            out.write(header, 0, 8);
        } else if (vr.longHeader()) {
            header[4] = (byte) (vr.code() >>> 8);
            header[5] = (byte) vr.code();
            header[6] = 0;
            header[7] = 0;
            ByteOrder.put32(header, 8, (int) length, ts.bigEndian());
            out.write(header, 0, 12);
        } else {
            if (length > 0xFFFF) {
                throw new DicomStreamException(vr + " value of " + Tag.toString(tag) + " is " + length
                        + " bytes, more than a 16-bit length allows");
            }
            header[4] = (byte) (vr.code() >>> 8);
            header[5] = (byte) vr.code();
            ByteOrder.put16(header, 6, (int) length, ts.bigEndian());
            out.write(header, 0, 8);
        }
    }

    private void writeItemHeader(int tag, long length) throws IOException {
        putTag(tag);
        ByteOrder.put32(header, 4, (int) length, ts.bigEndian());
        out.write(header, 0, 8);
    }

    private void putTag(int tag) {
        ByteOrder.put16(header, 0, tag >>> 16, ts.bigEndian());
        ByteOrder.put16(header, 2, tag, ts.bigEndian());
    }

    @SuppressWarnings("unchecked")
    private static List<Attributes> items(Object value) {
        return (List<Attributes>) value;
    }
}
