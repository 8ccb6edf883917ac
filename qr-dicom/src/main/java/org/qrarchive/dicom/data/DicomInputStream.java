package org.qrarchive.dicom.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a data set (PS3.5 §7), optionally preceded by Part 10 file meta information (PS3.10 §7.1), in any
 * transfer syntax: implicit or explicit VR, either byte order, deflated, or with encapsulated pixel data,
 * whose fragments are kept, never decoded.
 *
 * <p>Memory stays bounded whatever the input says: each value is read only after its length was checked
 * against {@link #maxValueLength}, nesting is limited to {@link #MAX_DEPTH}, and when reading a file, values
 * above {@link #bulkDataThreshold} are not read at all but kept as {@link BulkData} references into the file.
 * Every error names the byte offset where the input went wrong.
 */
public class DicomInputStream implements Closeable {
    public static final int MAX_DEPTH = 64;
    public static final int DEFAULT_MAX_VALUE_LENGTH = 64 << 20;
    public static final int DEFAULT_BULK_DATA_THRESHOLD = 64 << 10;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int MAX_META_VALUE_LENGTH = 64 * 1024;
    private static final byte[] DICM = {'D', 'I', 'C', 'M'};

    private final BufferedInputStream source;
    private InputStream in;
    private TransferSyntax ts;
    private Attributes fileMetaInformation;
    private long position;
    private boolean inflated;
    private int maxValueLength = DEFAULT_MAX_VALUE_LENGTH;
    private Path bulkDataFile;
    private long bulkDataFileLength;
    private int bulkDataThreshold = Integer.MAX_VALUE;
    private int stopTag;
    private boolean stopped;
    private boolean lenientLengths;
    private final byte[] header = new byte[12];

    /** Reads a bare data set in a known transfer syntax. */
    public DicomInputStream(InputStream in, TransferSyntax ts) {
        this.source = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 64 * 1024);
        this.in = source;
        useTransferSyntax(ts);
    }

    /** Reads a bare data set in a known transfer syntax, refusing values above {@code maxValueLength}. */
    public DicomInputStream(InputStream in, TransferSyntax ts, int maxValueLength) {
        this(in, ts);
        this.maxValueLength = maxValueLength;
    }

    /**
     * Opens a stream that may be a Part 10 file (with or without preamble) or a bare data set, whose
     * transfer syntax is then guessed from its first element.
     */
    public static DicomInputStream open(InputStream in) throws IOException {
        DicomInputStream dis = new DicomInputStream(in);
        dis.detectFormat();
        return dis;
    }

    /**
     * Opens a file like {@link #open(InputStream)}; values above the bulk data threshold (64 KiB unless set
     * otherwise) become {@link BulkData} references into it.
     */
    public static DicomInputStream open(Path file) throws IOException {
        DicomInputStream dis = new DicomInputStream(Files.newInputStream(file));
        try {
            dis.bulkDataFile = file;
            dis.bulkDataFileLength = Files.size(file);
            dis.bulkDataThreshold = DEFAULT_BULK_DATA_THRESHOLD;
            dis.detectFormat();
            return dis;
        } catch (IOException | RuntimeException e) {
            dis.close();
            throw e;
        }
    }

    /**
     * Opens a bare data set file in a known transfer syntax (e.g. a spooled network data set); large values
     * become {@link BulkData} references into it.
     */
    public static DicomInputStream open(Path file, TransferSyntax ts) throws IOException {
        DicomInputStream dis = new DicomInputStream(Files.newInputStream(file));
        dis.bulkDataFile = file;
        dis.bulkDataFileLength = Files.size(file);
        dis.bulkDataThreshold = DEFAULT_BULK_DATA_THRESHOLD;
        dis.useTransferSyntax(ts);
        return dis;
    }

    private DicomInputStream(InputStream in) {
        this.source = new BufferedInputStream(in, 64 * 1024);
        this.in = source;
    }

    // ---------------------------------------------------------------- settings and state

    public DicomInputStream maxValueLength(int length) {
        this.maxValueLength = length;
        return this;
    }

    /** Values longer than this become {@link BulkData} (only when reading a file that is not deflated). */
    public DicomInputStream bulkDataThreshold(int length) {
        this.bulkDataThreshold = length;
        return this;
    }

    /** Stops before the first top-level element whose tag is {@code tag} or above (e.g. pixel data). */
    public DicomInputStream stopBefore(int tag) {
        this.stopTag = tag;
        return this;
    }

    /** Accepts odd value lengths, which PS3.5 §7.1.1 forbids but some old devices write. */
    public DicomInputStream lenientLengths(boolean lenient) {
        this.lenientLengths = lenient;
        return this;
    }

    public TransferSyntax transferSyntax() {
        return ts;
    }

    /** The file meta information (group 0002), or {@code null} when the input had none. */
    public Attributes fileMetaInformation() {
        return fileMetaInformation;
    }

    /** Bytes consumed so far; within a deflated data set, counted in inflated bytes. */
    public long position() {
        return position;
    }

    /** The rest of a deflated data set, inflated, for copying it elsewhere; read nothing else after this. */
    InputStream inflatedStream() {
        if (!inflated) {
            throw new IllegalStateException("not a deflated data set");
        }
        return in;
    }

    /** Whether reading ended at the tag given to {@link #stopBefore}. */
    public boolean stoppedBeforeStopTag() {
        return stopped;
    }

    @Override
    public void close() throws IOException {
        in.close();
        source.close();
    }

    // ---------------------------------------------------------------- format detection

    private void detectFormat() throws IOException {
        source.mark(140);
        byte[] start = new byte[132];
        int n = source.readNBytes(start, 0, start.length);
        if (n == 132 && java.util.Arrays.equals(start, 128, 132, DICM, 0, 4)) {
            position = 132;
            readFileMetaInformation();
            return;
        }
        source.reset();
        if (n >= 8 && start[0] == 2 && start[1] == 0) {
            readFileMetaInformation();
            return;
        }
        useTransferSyntax(guessTransferSyntax(start, n));
    }

    /** A bare data set: explicit when bytes 4-5 are a VR code; big endian when the group reads that way. */
    private static TransferSyntax guessTransferSyntax(byte[] b, int n) {
        if (n < 8) {
            return TransferSyntax.IMPLICIT_LE;
        }
        boolean explicit = VR.ofCode(((b[4] & 0xFF) << 8) | (b[5] & 0xFF)) != null;
        boolean bigEndian = b[0] == 0 && b[1] != 0;
        return !explicit ? TransferSyntax.IMPLICIT_LE : bigEndian ? TransferSyntax.EXPLICIT_BE : TransferSyntax.EXPLICIT_LE;
    }

    /**
     * Reads group 0002. Its end is where (0002,0000) says when present (a deflated data set may begin with
     * bytes that look like group 0002 or 0001), else at the first tag of another group. Meta values are
     * small: they are capped so that a hostile header cannot make the reader allocate much before the
     * caller had a chance to set limits.
     */
    private void readFileMetaInformation() throws IOException {
        ts = TransferSyntax.EXPLICIT_LE;
        Attributes fmi = new Attributes(false, 8);
        int savedStop = stopTag;
        int savedMax = maxValueLength;
        maxValueLength = Math.min(maxValueLength, MAX_META_VALUE_LENGTH);
        try {
            stopTag = Tag.FileMetaInformationVersion;
            readElements(fmi, -1, 0);
            stopTag = 0;
            int groupLength = fmi.getInt(Tag.FileMetaInformationGroupLength, -1);
            if (groupLength >= 0) {
                readElements(fmi, groupLength & 0xFFFFFFFFL, 0);
            } else {
                stopTag = 0x00030000;
                readElements(fmi, -1, 0);
            }
        } finally {
            stopTag = savedStop;
            maxValueLength = savedMax;
            stopped = false;
        }
        fileMetaInformation = fmi;
        String tsuid = fmi.getString(Tag.TransferSyntaxUID);
        if (tsuid == null || tsuid.isEmpty()) {
            throw error(position, "file meta information without a transfer syntax UID");
        }
        useTransferSyntax(TransferSyntax.of(tsuid));
    }

    private void useTransferSyntax(TransferSyntax syntax) {
        this.ts = syntax;
        if (syntax.deflated() && !inflated) {
            // PS3.5 §A.5: everything after the meta information is a raw deflate stream
            in = new BufferedInputStream(new InflaterInputStream(source, new Inflater(true), 64 * 1024), 64 * 1024);
            inflated = true;
            position = 0;
        }
    }

    // ---------------------------------------------------------------- data set

    /** Reads the data set until the end of the input (or the stop tag). */
    public Attributes readDataset() throws IOException {
        Attributes attrs = new Attributes(ts.bigEndian(), 64);
        readElements(attrs, -1, 0);
        return attrs;
    }

    /**
     * Reads elements into {@code attrs} until {@code length} bytes were read or, with length -1, until the
     * end of the input (top level) or an item delimiter (undefined-length item).
     */
    private void readElements(Attributes attrs, long length, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error(position, "sequences nested deeper than " + MAX_DEPTH);
        }
        long end = length < 0 ? Long.MAX_VALUE : position + length;
        while (position < end) {
            long start = position;
            if (depth == 0 && stopTag != 0) {
                in.mark(4);
            }
            if (!readHeaderBytes(4, length < 0 && depth == 0)) {
                return;
            }
            int tag = tagAt(0);
            if (depth == 0 && stopTag != 0 && Integer.compareUnsigned(tag, stopTag) >= 0) {
                in.reset();
                position = start;
                stopped = true;
                return;
            }
            if (tag == Tag.ItemDelimitationItem) {
                readLength32(8);
                if (length >= 0 || depth == 0) {
                    throw error(start, "item delimiter outside an item of undefined length");
                }
                return;
            }
            if (tag == Tag.Item || tag == Tag.SequenceDelimitationItem) {
                throw error(start, "unexpected " + Tag.toString(tag) + " outside a sequence");
            }
            readElement(attrs, tag, start, end, depth);
        }
        if (position != end) {
            throw error(position, "item content overruns its length by " + (position - end) + " bytes");
        }
    }

    private void readElement(Attributes attrs, int tag, long start, long end, int depth) throws IOException {
        VR vr;
        long length;
        if (ts.explicitVR() && (tag >>> 16) != 0xFFFE) {
            readHeaderBytes(2, false);
            vr = VR.ofCode(((header[0] & 0xFF) << 8) | (header[1] & 0xFF));
            if (vr == null) {
                throw error(start, String.format("unknown VR code 0x%02X%02X in element %s", header[0], header[1],
                        Tag.toString(tag)));
            }
            if (vr.longHeader()) {
                readHeaderBytes(2, false);
                length = readLength32(8);
            } else {
                readHeaderBytes(2, false);
                length = u16(0);
            }
        } else {
            vr = ElementDictionary.vrOf(tag);
            length = readLength32(8);
        }
        if (length == UNDEFINED) {
            if (vr == VR.SQ || vr == VR.UN) {
                readSequence(attrs.newSequence(tag), UNDEFINED, depth, vr == VR.UN && ts.explicitVR());
            } else if (tag == Tag.PixelData) {
                attrs.put(tag, vr == VR.OW ? VR.OW : VR.OB, readFragments(start));
            } else {
                throw error(start, "undefined length on " + vr + " element " + Tag.toString(tag));
            }
            return;
        }
        if (position + length > end) {
            throw error(start, "element " + Tag.toString(tag) + " of length " + length + " overruns its item");
        }
        if (vr == VR.SQ) {
            readSequence(attrs.newSequence(tag), length, depth, false);
        } else {
            attrs.put(tag, vr, readValue(tag, length));
        }
    }

    private void readSequence(List<Attributes> items, long length, int depth, boolean implicitLE)
            throws IOException {
        if (implicitLE) {
            // An UN of undefined length is a sequence encoded in implicit VR little endian (PS3.5 §6.2.2).
            TransferSyntax outer = ts;
            ts = TransferSyntax.IMPLICIT_LE;
            try {
                readSequence(items, length, depth, false);
            } finally {
                ts = outer;
            }
            return;
        }
        long end = length == UNDEFINED ? Long.MAX_VALUE : position + length;
        while (position < end) {
            long start = position;
            readHeaderBytes(4, false);
            int tag = tagAt(0);
            long itemLength = readLength32(8);
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
            throw error(position, "sequence content overruns its length");
        }
    }

    private Fragments readFragments(long elementStart) throws IOException {
        Fragments fragments = new Fragments();
        while (true) {
            long start = position;
            readHeaderBytes(4, false);
            int tag = tagAt(0);
            long length = readLength32(8);
            if (tag == Tag.SequenceDelimitationItem) {
                return fragments;
            }
            if (tag != Tag.Item || length == UNDEFINED) {
                throw error(start, "encapsulated pixel data starting at offset " + elementStart
                        + " holds " + Tag.toString(tag) + " instead of a fragment item");
            }
            Object value = readValue(Tag.Item, length);
            if (value instanceof BulkData b) {
                fragments.add(b);
            } else {
                fragments.add((byte[]) value);
            }
        }
    }

    /** A value as bytes, or as a reference into the file when it is large and the input is a plain file. */
    private Object readValue(int tag, long length) throws IOException {
        if (length > bulkDataThreshold && bulkDataFile != null && !inflated) {
            long at = position;
            if (at + length > bulkDataFileLength) {
                throw error(at, "value of " + Tag.toString(tag) + " (" + length + " bytes) runs past the end of "
                        + "the file (" + bulkDataFileLength + " bytes)");
            }
            skipFully(length);
            return new BulkData(bulkDataFile, at, length);
        }
        if (length > maxValueLength) {
            throw error(position, "value of " + Tag.toString(tag) + " is " + length + " bytes, above the limit of "
                    + maxValueLength);
        }
        if ((length & 1) != 0 && !lenientLengths) {
            throw error(position, "odd length " + length + " of " + Tag.toString(tag));
        }
        byte[] value = new byte[(int) length];
        readFully(value, 0, value.length, false);
        return value;
    }

    // ---------------------------------------------------------------- primitive reads

    private boolean readHeaderBytes(int n, boolean eofAllowed) throws IOException {
        return readFully(header, 0, n, eofAllowed);
    }

    private int tagAt(int off) {
        return (u16(off) << 16) | u16(off + 2);
    }

    private int u16(int off) {
        return ByteOrder.u16(header, off, ts.bigEndian());
    }

    private long readLength32(int off) throws IOException {
        readFully(header, off, 4, false);
        return ByteOrder.i32(header, off, ts.bigEndian()) & 0xFFFFFFFFL;
    }

    /** @return false only if {@code eofAllowed} and the input ended before the first byte */
    private boolean readFully(byte[] b, int off, int len, boolean eofAllowed) throws IOException {
        int done = 0;
        while (done < len) {
            int n = read(b, off + done, len - done);
            if (n < 0) {
                if (done == 0 && eofAllowed) {
                    return false;
                }
                throw new EOFException("DICOM input truncated at offset " + (position + done) + where());
            }
            done += n;
        }
        position += len;
        return true;
    }

    private void skipFully(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = skip(left);
            if (skipped <= 0) {
                if (read(header, 0, 1) < 0) {
                    throw new EOFException("DICOM input truncated at offset " + (position + n - left) + where());
                }
                skipped = 1;
            }
            left -= skipped;
        }
        position += n;
    }

    /** A read of the (maybe inflating) input; a corrupt deflate stream is malformed input like any other. */
    private int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (ZipException e) {
            throw error(position, "corrupt deflated data: " + e.getMessage());
        } catch (EOFException e) {
            throw new EOFException("deflated data ends early at offset " + position + where());
        }
    }

    private long skip(long n) throws IOException {
        try {
            return in.skip(n);
        } catch (ZipException e) {
            throw error(position, "corrupt deflated data: " + e.getMessage());
        } catch (EOFException e) {
            throw new EOFException("deflated data ends early at offset " + position + where());
        }
    }

    private String where() {
        return inflated ? " of the inflated data set" : "";
    }

    private DicomStreamException error(long offset, String message) {
        return new DicomStreamException(message + " (at offset " + offset + where() + ")");
    }

    @Override
    public String toString() {
        return "DicomInputStream[" + ts.uid() + (bulkDataFile != null ? ", " + bulkDataFile : "") + "]";
    }
}
