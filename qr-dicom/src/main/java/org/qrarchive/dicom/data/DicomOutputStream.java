package org.qrarchive.dicom.data;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a data set (PS3.5 §7), optionally as a Part 10 file (PS3.10 §7.1), in any transfer syntax.
 * Binary values change byte order when the data set's differs from the transfer syntax's;
 * {@link BulkData} values are copied from their file in chunks; sequence, item and group lengths are
 * computed as {@link EncodingOptions} asks.
 */
public class DicomOutputStream implements Closeable {
    private static final int PADDING_TAG = 0xFFFCFFFC;

    private final CountingOutputStream counter;
    private OutputStream out;
    private TransferSyntax ts;
    private final EncodingOptions options;
    private final byte[] header = new byte[12];
    private DeflaterOutputStream deflater;

    public DicomOutputStream(OutputStream out, TransferSyntax ts) {
        this(out, ts, EncodingOptions.DEFAULT);
    }

    public DicomOutputStream(OutputStream out, TransferSyntax ts, boolean undefinedLengths) {
        this(out, ts, EncodingOptions.DEFAULT.withUndefinedLengths(undefinedLengths));
    }

    public DicomOutputStream(OutputStream out, TransferSyntax ts, EncodingOptions options) {
        this.counter = new CountingOutputStream(out);
        this.out = counter;
        this.ts = ts;
        this.options = options;
    }

    /** Bytes written to the underlying stream so far (compressed bytes once deflating). */
    public long bytesWritten() {
        return counter.count;
    }

    /**
     * Writes the 128-byte preamble, "DICM" and the file meta information (always explicit VR little
     * endian, with its group length recomputed); what follows is encoded in this stream's transfer syntax,
     * deflated if it says so.
     */
    public void writeFileMetaInformation(Attributes fmi) throws IOException {
        out.write(new byte[128]);
        out.write(new byte[] {'D', 'I', 'C', 'M'});
        TransferSyntax dataSyntax = ts;
        ts = TransferSyntax.EXPLICIT_LE;
        Attributes meta = new Attributes(false, fmi.size() + 1);
        for (int i = 0; i < fmi.size(); i++) {
            if (fmi.tagAt(i) != Tag.FileMetaInformationGroupLength) {
                meta.put(fmi.tagAt(i), fmi.vrAt(i), fmi.value(i));
            }
        }
        meta.setInt(Tag.FileMetaInformationGroupLength, VR.UL, (int) encodedLength(meta, false));
        writeElements(meta, false);
        ts = dataSyntax;
        startDeflateIfNeeded();
    }

    /** Writes a bare data set (or the data set after {@link #writeFileMetaInformation}). */
    public void writeDataset(Attributes attrs) throws IOException {
        startDeflateIfNeeded();
        writeElements(attrs, true);
        if (options.filePadding() > 0 && deflater == null) {
            writePadding(counter.count, options.filePadding());
        }
        finish();
    }

    /**
     * Writes a DIMSE command set: its CommandGroupLength (0000,0000) is recomputed from the elements
     * that follow it, as PS3.7 §6.3.1 requires, whatever the group length option.
     */
    public void writeCommand(Attributes command) throws IOException {
        command.remove(Tag.CommandGroupLength);
        command.setInt(Tag.CommandGroupLength, VR.UL, (int) encodedLength(command, false));
        writeElements(command, false);
        out.flush();
    }

    /** The number of bytes {@link #writeDataset} writes for {@code attrs}, padding excluded. */
    public long encodedLength(Attributes attrs) {
        return encodedLength(attrs, true);
    }

    /** Completes a deflated data set and flushes. Called by {@link #writeDataset}. */
    public void finish() throws IOException {
        if (deflater != null) {
            deflater.finish();
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }

    private void startDeflateIfNeeded() {
        if (ts.deflated() && deflater == null) {
            deflater = new DeflaterOutputStream(counter, new Deflater(options.deflateLevel(), true), 64 * 1024);
            out = deflater;
        }
    }

    // ---------------------------------------------------------------- lengths

    private long encodedLength(Attributes attrs, boolean applyGroupPolicy) {
        long length = 0;
        int i = 0;
        while (i < attrs.size()) {
            int group = attrs.tagAt(i) >>> 16;
            int end = groupEnd(attrs, i);
            if (applyGroupPolicy && writesGroupLength(attrs, i)) {
                length += 12;
            }
            for (int k = i; k < end; k++) {
                if (!applyGroupPolicy || !isGroupLength(attrs.tagAt(k)) || group == 0) {
                    length += elementLength(attrs.vrAt(k), attrs.value(k));
                }
            }
            i = end;
        }
        return length;
    }

    private long elementLength(VR vr, Object value) {
        long valueLength = valueLength(value);
        if (value instanceof Fragments) {
            return headerLength(vr) + valueLength + 8;
        }
        if (vr == VR.SQ || value instanceof List<?>) {
            return headerLength(VR.SQ) + valueLength + (options.undefinedLengths() ? 8 : 0);
        }
        return headerLength(outputVR(vr, valueLength)) + valueLength;
    }

    private long valueLength(Object value) {
        if (value instanceof byte[] b) {
            return b.length;
        }
        if (value instanceof BulkData b) {
            return b.length();
        }
        if (value instanceof Fragments f) {
            long length = 0;
            for (Object fragment : f.items()) {
                length += 8 + Fragments.lengthOf(fragment);
            }
            return length;
        }
        long length = 0;
        for (Attributes item : items(value)) {
            length += 8 + itemContentLength(item) + (options.undefinedLengths() ? 8 : 0);
        }
        return length;
    }

    private long itemContentLength(Attributes item) {
        long length = encodedLength(item, true);
        return length + paddingLength(length, options.itemPadding());
    }

    private int headerLength(VR vr) {
        return ts.explicitVR() && vr.longHeader() ? 12 : 8;
    }

    /** A value too long for a 16-bit length field can only be written as UN (PS3.5 §6.2.2 Note). */
    private VR outputVR(VR vr, long valueLength) {
        return ts.explicitVR() && !vr.longHeader() && valueLength > 0xFFFF ? VR.UN : vr;
    }

    private static boolean isGroupLength(int tag) {
        return (tag & 0xFFFF) == 0;
    }

    private static int groupEnd(Attributes attrs, int start) {
        int group = attrs.tagAt(start) >>> 16;
        int end = start;
        while (end < attrs.size() && attrs.tagAt(end) >>> 16 == group) {
            end++;
        }
        return end;
    }

    private boolean writesGroupLength(Attributes attrs, int groupStart) {
        int group = attrs.tagAt(groupStart) >>> 16;
        if (group == 0 || group == 0xFFFC || group == 0xFFFE) {
            return false; // commands carry their own; padding and delimiters have none
        }
        return switch (options.groupLength()) {
            case CREATE -> true;
            case REMOVE -> false;
            case RECALCULATE -> isGroupLength(attrs.tagAt(groupStart));
        };
    }

    // ---------------------------------------------------------------- writing

    private void writeElements(Attributes attrs, boolean applyGroupPolicy) throws IOException {
        int i = 0;
        while (i < attrs.size()) {
            int group = attrs.tagAt(i) >>> 16;
            int end = groupEnd(attrs, i);
            if (applyGroupPolicy && writesGroupLength(attrs, i)) {
                long groupLength = 0;
                for (int k = i; k < end; k++) {
                    if (!isGroupLength(attrs.tagAt(k))) {
                        groupLength += elementLength(attrs.vrAt(k), attrs.value(k));
                    }
                }
                writeHeader(group << 16, VR.UL, 4);
                ByteOrder.put32(header, 0, (int) groupLength, ts.bigEndian());
                out.write(header, 0, 4);
            }
            for (int k = i; k < end; k++) {
                if (!applyGroupPolicy || !isGroupLength(attrs.tagAt(k)) || group == 0) {
                    writeElement(attrs, k);
                }
            }
            i = end;
        }
    }

    private void writeElement(Attributes attrs, int index) throws IOException {
        int tag = attrs.tagAt(index);
        VR vr = attrs.vrAt(index);
        Object value = attrs.value(index);
        boolean swap = vr.swapUnit() > 1 && attrs.bigEndian() != ts.bigEndian();
        if (value instanceof byte[] b) {
            if (swap) {
                b = b.clone();
                ByteOrder.swap(b, vr.swapUnit());
            }
            writeHeader(tag, outputVR(vr, b.length), b.length);
            out.write(b);
        } else if (value instanceof BulkData b) {
            writeHeader(tag, outputVR(vr, b.length()), b.length());
            b.copyTo(out, swap ? vr.swapUnit() : 1);
        } else if (value instanceof Fragments f) {
            writeFragments(tag, vr, f);
        } else {
            writeSequence(tag, items(value));
        }
    }

    private void writeFragments(int tag, VR vr, Fragments fragments) throws IOException {
        if (!ts.encapsulated()) {
            throw new DicomStreamException("encapsulated pixel data cannot be written in " + ts.uid()
                    + " without decompressing it");
        }
        writeHeader(tag, vr, -1);
        for (Object fragment : fragments.items()) {
            writeItemHeader(Tag.Item, Fragments.lengthOf(fragment));
            if (fragment instanceof BulkData b) {
                b.copyTo(out, 1);
            } else {
                out.write((byte[]) fragment);
            }
        }
        writeItemHeader(Tag.SequenceDelimitationItem, 0);
    }

    private void writeSequence(int tag, List<Attributes> items) throws IOException {
        boolean undefined = options.undefinedLengths();
        writeHeader(tag, VR.SQ, undefined ? -1 : valueLength(items));
        for (Attributes item : items) {
            long content = encodedLength(item, true);
            writeItemHeader(Tag.Item, undefined ? -1 : content + paddingLength(content, options.itemPadding()));
            writeElements(item, true);
            if (options.itemPadding() > 0) {
                writePadding(content, options.itemPadding());
            }
            if (undefined) {
                writeItemHeader(Tag.ItemDelimitationItem, 0);
            }
        }
        if (undefined) {
            writeItemHeader(Tag.SequenceDelimitationItem, 0);
        }
    }

    /** Bytes a trailing (FFFC,FFFC) element adds to bring {@code length} to a multiple of {@code unit}. */
    private long paddingLength(long length, int unit) {
        // as DCMTK's +p: an empty item gets no padding element
        if (unit <= 0 || length == 0) {
            return 0;
        }
        int headerLength = headerLength(VR.OB);
        long padded = length + headerLength;
        long remainder = padded % unit;
        return headerLength + (remainder == 0 ? 0 : unit - remainder);
    }

    private void writePadding(long lengthSoFar, int unit) throws IOException {
        long total = paddingLength(lengthSoFar, unit);
        if (total > 0) {
            long valueLength = total - headerLength(VR.OB);
            writeHeader(PADDING_TAG, VR.OB, valueLength);
            out.write(new byte[(int) valueLength]);
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

    /** Counts bytes on their way to the file, for file padding and for callers. */
    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
