package org.qrarchive.dicom.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qrarchive.dicom.dimse.Commands;
import org.qrarchive.dicom.dimse.Dimse;

/**
 * {@link DicomOutputStream} and {@link DicomInputStream} against each other in the three native transfer
 * syntaxes, {@link DicomOutputStream#writeCommand} against the bytes it writes, and malformed input against
 * the reader's promise: fail with the offset named, without allocating what a length field asks for.
 */
class DicomStreamTest {
    private static final int SOP_CLASS_UID = 0x00080016;                // UI
    private static final int RETRIEVE_AE_TITLE = 0x00080054;            // AE
    private static final int REFERENCED_SERIES_SEQUENCE = 0x00081115;   // SQ
    private static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;  // UI
    private static final int SIMPLE_FRAME_LIST = 0x00081161;            // UL
    private static final int REFERENCED_SOP_SEQUENCE = 0x00081199;      // SQ
    private static final int PATIENT_ID = 0x00100020;                   // LO
    private static final int FRAME_TIME = 0x00181063;                   // DS
    private static final int SERIES_INSTANCE_UID = 0x0020000E;          // UI
    private static final int FRAME_INCREMENT_POINTER = 0x00280009;      // AT
    private static final int ROWS = 0x00280010;                         // US
    private static final int ENCAPSULATED_DOCUMENT = 0x00420011;        // OB

    /** Small on purpose: malformed input must fail within it. */
    private static final int MAX_VALUE_LENGTH = 64;
    /** VRs whose explicit VR header has a 32-bit length (PS3.5 Table 7.1-1). */
    private static final Set<String> LONG_HEADER_VRS =
            Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

    // ------------------------------------------------------------------ round trips

    /** US, UL, UI, AE, LO, AT, OB, and a sequence of two items, the first holding a nested sequence. */
    private static Attributes sample() {
        Attributes ds = new Attributes();
        ds.setString(SOP_CLASS_UID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.setString(RETRIEVE_AE_TITLE, VR.AE, "ARCHIVE");
        ds.setInt(SIMPLE_FRAME_LIST, VR.UL, 0xCAFEBABE, 1, 70000);
        ds.setString(PATIENT_ID, VR.LO, "PAT-0001");
        ds.setInt(FRAME_INCREMENT_POINTER, VR.AT, FRAME_TIME >>> 16, FRAME_TIME & 0xFFFF);
        ds.setInt(ROWS, VR.US, 0x1234);
        ds.setBytes(ENCAPSULATED_DOCUMENT, VR.OB, countingBytes(256));

        List<Attributes> series = ds.newSequence(REFERENCED_SERIES_SEQUENCE);
        Attributes first = new Attributes();
        first.setString(SERIES_INSTANCE_UID, VR.UI, "1.2.3.4.5");
        Attributes instance = new Attributes();
        instance.setString(REFERENCED_SOP_INSTANCE_UID, VR.UI, "1.2.3.4.5.6");
        instance.setInt(ROWS, VR.US, 512);
        first.newSequence(REFERENCED_SOP_SEQUENCE).add(instance);
        series.add(first);
        Attributes second = new Attributes();
        second.setString(RETRIEVE_AE_TITLE, VR.AE, "STORESCP");
        second.setString(SERIES_INSTANCE_UID, VR.UI, "1.2.3.4.6");
        series.add(second);
        return ds;
    }

    static Stream<Arguments> encodings() {
        List<Arguments> all = new ArrayList<>();
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_LE, TransferSyntax.EXPLICIT_LE,
                TransferSyntax.EXPLICIT_BE)) {
            all.add(Arguments.of(ts, false));
            all.add(Arguments.of(ts, true));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, undefined lengths: {1}")
    @MethodSource("encodings")
    void datasetRoundTrips(TransferSyntax ts, boolean undefinedLengths) throws IOException {
        Attributes original = sample();
        byte[] encoded = write(original, ts, undefinedLengths);
        DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(encoded), ts, 4096);

        Attributes read = in.readDataset();

        assertEquals(encoded.length, in.position());
        assertEquals(encoded.length, new DicomOutputStream(null, ts, undefinedLengths).encodedLength(original));
        assertEquals(ts.bigEndian(), read.bigEndian());
        assertSameContent(original, read, ts, "");
        assertStrings(read);
        if (ts.explicitVR()) {
            assertBinaryValues(read);
        }
    }

    /** Text survives in every transfer syntax, even where implicit VR leaves the VR unknown (UN). */
    private static void assertStrings(Attributes read) throws IOException {
        assertEquals("1.2.840.10008.5.1.4.1.1.2", read.getString(SOP_CLASS_UID));
        assertEquals("ARCHIVE", read.getString(RETRIEVE_AE_TITLE));
        assertEquals("PAT-0001", read.getString(PATIENT_ID));
        List<Attributes> series = items(read, REFERENCED_SERIES_SEQUENCE);
        assertEquals(2, series.size());
        assertEquals("1.2.3.4.5", series.get(0).getString(SERIES_INSTANCE_UID));
        assertEquals("1.2.3.4.5.6",
                items(series.get(0), REFERENCED_SOP_SEQUENCE).get(0).getString(REFERENCED_SOP_INSTANCE_UID));
        assertEquals("STORESCP", series.get(1).getString(RETRIEVE_AE_TITLE));
    }

    /** Binary values read back in the data set's byte order, which only explicit VR lets us interpret. */
    private static void assertBinaryValues(Attributes read) {
        assertEquals(0x1234, read.getInt(ROWS, -1));
        assertEquals(0xCAFEBABE, read.getInt(SIMPLE_FRAME_LIST, -1));
        byte[] at = read.getBytes(FRAME_INCREMENT_POINTER);
        assertEquals(FRAME_TIME, (ByteOrder.u16(at, 0, read.bigEndian()) << 16) | ByteOrder.u16(at, 2, read.bigEndian()));
        assertArrayEquals(countingBytes(256), read.getBytes(ENCAPSULATED_DOCUMENT));
        assertEquals(512, read.getSequence(REFERENCED_SERIES_SEQUENCE).get(0).getSequence(REFERENCED_SOP_SEQUENCE)
                .get(0).getInt(ROWS, -1));
    }

    @Test
    void explicitBigEndianSwapsBinaryValuesOnly() throws IOException {
        Attributes ds = new Attributes();
        ds.setInt(ROWS, VR.US, 0x1234);
        ds.setString(PATIENT_ID, VR.LO, "AB");

        // tag group and element, VR, 16-bit length, value: big endian except for the text
        String expected = "00100020 4c4f 0002 4142" + "00280010 5553 0002 1234";
        assertEquals(expected.replace(" ", ""), HexFormat.of().formatHex(write(ds, TransferSyntax.EXPLICIT_BE, false)));
    }

    // ------------------------------------------------------------------ command sets

    static Stream<Arguments> groupLengthHeaders() {
        return Stream.of(
                Arguments.of(TransferSyntax.IMPLICIT_LE, "00000000 04000000"),
                Arguments.of(TransferSyntax.EXPLICIT_LE, "00000000 554C 0400"),
                Arguments.of(TransferSyntax.EXPLICIT_BE, "00000000 554C 0004"));
    }

    @ParameterizedTest
    @MethodSource("groupLengthHeaders")
    void writeCommandSetsGroupLengthToTheBytesThatFollow(TransferSyntax ts, String expectedHeader)
            throws IOException {
        Attributes cmd = Commands.request(Dimse.C_MOVE_RQ, 7, "1.2.840.10008.5.1.4.1.2.2.2", true);
        cmd.setString(Tag.MoveDestination, VR.AE, "STORESCP");
        cmd.setInt(Tag.CommandGroupLength, VR.UL, 9999); // stale: must be recomputed

        byte[] bytes = writeCommand(cmd, ts);

        // (0000,0000) UL comes first: an 8-byte header and a 4-byte value in every transfer syntax
        assertEquals(expectedHeader.replace(" ", "").toLowerCase(), HexFormat.of().formatHex(bytes, 0, 8));
        assertEquals(bytes.length - 12, ByteOrder.i32(bytes, 8, ts.bigEndian()));
    }

    @Test
    void echoRequestHasTheWellKnownGroupLength56() throws IOException {
        // AffectedSOPClassUID 8 + 18 (17 characters, NUL padded), CommandField, MessageID, CommandDataSetType 8 + 2 each
        byte[] bytes = writeCommand(Commands.echoRequest(1, "1.2.840.10008.1.1"), TransferSyntax.IMPLICIT_LE);

        assertEquals(56, ByteOrder.i32(bytes, 8, false));
        assertEquals(12 + 56, bytes.length);
    }

    // ------------------------------------------------------------------ malformed input

    @Test
    void truncatedValueEndsInEofNamingTheOffset() {
        byte[] input = littleEndianBytes().header(PATIENT_ID, "LO", 16).ascii("PAT-00").bytes();

        assertFailsAt(EOFException.class, 8 + 6, input, TransferSyntax.EXPLICIT_LE);
    }

    @Test
    void valueLengthPastTheEndOfTheStreamEndsInEof() {
        byte[] input = littleEndianBytes().header(ENCAPSULATED_DOCUMENT, "OB", 50).raw(new byte[10]).bytes();

        assertFailsAt(EOFException.class, 12 + 10, input, TransferSyntax.EXPLICIT_LE);
    }

    @Test
    void elementLengthPastTheEndOfItsItemIsRefused() {
        byte[] input = littleEndianBytes()
                .header(REFERENCED_SERIES_SEQUENCE, "SQ", 28)
                .item(0xFFFEE000, 20)
                .header(PATIENT_ID, "LO", 40).ascii("PAT-0001PAT-")
                .bytes();

        String message = assertFailsAt(DicomStreamException.class, 12 + 8, input, TransferSyntax.EXPLICIT_LE);
        assertTrue(message.contains("overruns"), message);
    }

    @Test
    void itemLengthPastTheEndOfItsSequenceIsRefused() {
        byte[] input = littleEndianBytes()
                .header(REFERENCED_SERIES_SEQUENCE, "SQ", 16)
                .item(0xFFFEE000, 100)
                .header(PATIENT_ID, "LO", 0)
                .bytes();

        String message = assertFailsAt(DicomStreamException.class, 12, input, TransferSyntax.EXPLICIT_LE);
        assertTrue(message.contains("overruns"), message);
    }

    static Stream<Arguments> undefinedLengthsOnValues() {
        return Stream.of(
                Arguments.of(TransferSyntax.EXPLICIT_LE, littleEndianBytes().header(ENCAPSULATED_DOCUMENT, "OB", 0xFFFFFFFFL)),
                Arguments.of(TransferSyntax.EXPLICIT_LE, littleEndianBytes().header(PATIENT_ID, "UT", 0xFFFFFFFFL)),
                Arguments.of(TransferSyntax.IMPLICIT_LE, littleEndianBytes().tag(Tag.AffectedSOPClassUID).u32(0xFFFFFFFFL)));
    }

    @ParameterizedTest
    @MethodSource("undefinedLengthsOnValues")
    void undefinedLengthOnANonSequenceElementIsRefused(TransferSyntax ts, Encoded input) {
        String message = assertFailsAt(DicomStreamException.class, 0, input.bytes(), ts);

        assertTrue(message.contains("undefined length"), message);
    }

    static Stream<Arguments> hugeValueHeaders() {
        return Stream.of(
                Arguments.of(TransferSyntax.EXPLICIT_LE, littleEndianBytes().header(ENCAPSULATED_DOCUMENT, "OB", 0xFFFFFFFEL)),
                Arguments.of(TransferSyntax.EXPLICIT_LE, littleEndianBytes().header(ENCAPSULATED_DOCUMENT, "OB", 0x80000000L)),
                Arguments.of(TransferSyntax.EXPLICIT_LE, littleEndianBytes().header(ENCAPSULATED_DOCUMENT, "OB", 0x7FFFFFFFL)),
                Arguments.of(TransferSyntax.EXPLICIT_LE,
                        littleEndianBytes().header(ENCAPSULATED_DOCUMENT, "OB", MAX_VALUE_LENGTH + 1)),
                Arguments.of(TransferSyntax.EXPLICIT_BE, bigEndianBytes().header(ENCAPSULATED_DOCUMENT, "OB",
                        0xFFFFFFFEL)),
                Arguments.of(TransferSyntax.IMPLICIT_LE, littleEndianBytes().tag(ENCAPSULATED_DOCUMENT).u32(0xFFFFFFFEL)));
    }

    /**
     * The stream ends after the element header: reading the value would raise EOFException and allocating it
     * would fail with NegativeArraySizeException or OutOfMemoryError, so a DicomStreamException proves the
     * length was refused before either.
     */
    @ParameterizedTest
    @MethodSource("hugeValueHeaders")
    void valueLengthAboveTheLimitIsRefusedBeforeReadingTheValue(TransferSyntax ts, Encoded header) {
        byte[] input = header.bytes();

        String message = assertFailsAt(DicomStreamException.class, input.length, input, ts);
        assertTrue(message.contains("limit of " + MAX_VALUE_LENGTH), message);
    }

    @Test
    void valueOfExactlyTheLimitIsRead() throws IOException {
        byte[] input = littleEndianBytes().header(ENCAPSULATED_DOCUMENT, "OB", MAX_VALUE_LENGTH)
                .raw(countingBytes(MAX_VALUE_LENGTH)).bytes();

        assertArrayEquals(countingBytes(MAX_VALUE_LENGTH),
                read(input, TransferSyntax.EXPLICIT_LE, MAX_VALUE_LENGTH).getBytes(ENCAPSULATED_DOCUMENT));
    }

    @Test
    void hugeSequenceLengthAllocatesNothingAndEndsInEof() {
        byte[] input = littleEndianBytes().header(REFERENCED_SERIES_SEQUENCE, "SQ", 0xFFFFFFF0L).bytes();

        assertFailsAt(EOFException.class, 12, input, TransferSyntax.EXPLICIT_LE);
    }

    @ParameterizedTest(name = "undefined lengths: {0}")
    @ValueSource(booleans = {false, true})
    void nestingOfMaxDepthIsRead(boolean undefinedLengths) throws IOException {
        byte[] input = write(nested(DicomInputStream.MAX_DEPTH), TransferSyntax.EXPLICIT_LE, undefinedLengths);

        Attributes item = read(input, TransferSyntax.EXPLICIT_LE, MAX_VALUE_LENGTH);
        for (int depth = 0; depth < DicomInputStream.MAX_DEPTH; depth++) {
            item = item.getSequence(REFERENCED_SERIES_SEQUENCE).get(0);
        }
        assertEquals("DEEPEST", item.getString(PATIENT_ID));
    }

    @ParameterizedTest(name = "undefined lengths: {0}")
    @ValueSource(booleans = {false, true})
    void nestingDeeperThanMaxDepthIsRefused(boolean undefinedLengths) throws IOException {
        byte[] input = write(nested(DicomInputStream.MAX_DEPTH + 1), TransferSyntax.EXPLICIT_LE, undefinedLengths);

        // each level: a 12-byte SQ header and an 8-byte item header; the reader stops entering the last item
        String message = assertFailsAt(DicomStreamException.class, (DicomInputStream.MAX_DEPTH + 1) * 20, input,
                TransferSyntax.EXPLICIT_LE);
        assertTrue(message.contains("nested deeper than " + DicomInputStream.MAX_DEPTH), message);
    }

    @Test
    void itemDelimiterOutsideAnyItemIsRefused() {
        // A stray (FFFE,E00D) at the top level must not silently end the data set: (0028,0010) follows it.
        byte[] input = littleEndianBytes()
                .header(PATIENT_ID, "LO", 4).ascii("PAT1")
                .item(Tag.ItemDelimitationItem, 0)
                .header(ROWS, "US", 2).raw(new byte[] {0, 2})
                .bytes();

        assertFailsAt(DicomStreamException.class, 12, input, TransferSyntax.EXPLICIT_LE);
    }

    // ------------------------------------------------------------------ comparing

    /**
     * Same tags, VRs and values, item by item. Binary values are compared in little endian order. Implicit VR
     * carries no VR: the reader takes it from the (command-only) dictionary, UN for everything else, and a
     * sequence of defined length arrives as the UN bytes of its items (PS3.5 §6.2.2), parsed again here.
     */
    private static void assertSameContent(Attributes expected, Attributes actual, TransferSyntax ts, String path)
            throws IOException {
        assertEquals(tags(expected), tags(actual), path);
        for (int i = 0; i < expected.size(); i++) {
            int tag = expected.tagAt(i);
            VR vr = expected.vrAt(i);
            String where = path + Tag.toString(tag);
            if (vr == VR.SQ) {
                List<Attributes> expectedItems = expected.getSequence(tag);
                List<Attributes> actualItems = items(actual, tag);
                assertEquals(expectedItems.size(), actualItems.size(), where);
                for (int k = 0; k < expectedItems.size(); k++) {
                    assertSameContent(expectedItems.get(k), actualItems.get(k), ts, where + "[" + k + "]");
                }
            } else {
                assertEquals(ts.explicitVR() ? vr : ElementDictionary.vrOf(tag), actual.getVR(tag), where);
                assertArrayEquals(littleEndian(expected.getBytes(tag), vr, expected.bigEndian()),
                        littleEndian(actual.getBytes(tag), vr, actual.bigEndian()), where);
            }
        }
    }

    /** The items of a sequence as read: directly, or re-read from the UN value implicit VR turned it into. */
    private static List<Attributes> items(Attributes read, int tag) throws IOException {
        if (read.getVR(tag) == VR.SQ) {
            return read.getSequence(tag);
        }
        assertEquals(VR.UN, read.getVR(tag), Tag.toString(tag));
        // the same value as an UN element of undefined length, which is read as a sequence (PS3.5 §6.2.2)
        byte[] wrapped = littleEndianBytes().tag(tag).u32(0xFFFFFFFFL).raw(read.getBytes(tag))
                .item(Tag.SequenceDelimitationItem, 0).bytes();
        return read(wrapped, TransferSyntax.IMPLICIT_LE, 4096).getSequence(tag);
    }

    private static List<Integer> tags(Attributes attrs) {
        List<Integer> tags = new ArrayList<>();
        attrs.forEachTag(tags::add);
        return tags;
    }

    private static byte[] littleEndian(byte[] value, VR vr, boolean bigEndian) {
        if (!bigEndian || vr.swapUnit() < 2) {
            return value;
        }
        byte[] swapped = value.clone();
        ByteOrder.swap(swapped, vr.swapUnit());
        return swapped;
    }

    // ------------------------------------------------------------------ reading, writing, failing

    private static byte[] write(Attributes attrs, TransferSyntax ts, boolean undefinedLengths) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DicomOutputStream(out, ts, undefinedLengths).writeDataset(attrs);
        return out.toByteArray();
    }

    private static byte[] writeCommand(Attributes cmd, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DicomOutputStream(out, ts).writeCommand(cmd);
        return out.toByteArray();
    }

    private static Attributes read(byte[] input, TransferSyntax ts, int maxValueLength) throws IOException {
        return new DicomInputStream(new ByteArrayInputStream(input), ts, maxValueLength).readDataset();
    }

    /** Reading fails with exactly {@code type} (not a subclass of another IOException), naming {@code offset}. */
    private static String assertFailsAt(Class<? extends IOException> type, long offset, byte[] input,
            TransferSyntax ts) {
        IOException e = assertThrows(IOException.class, () -> read(input, ts, MAX_VALUE_LENGTH));
        assertInstanceOf(type, e, () -> "expected " + type.getSimpleName() + ", got " + e);
        assertTrue(e.getMessage().contains("at offset " + offset), e.getMessage());
        return e.getMessage();
    }

    /** {@code depth} sequences, each holding one item, the innermost item a PatientID. */
    private static Attributes nested(int depth) {
        Attributes root = new Attributes();
        Attributes current = root;
        for (int level = 0; level < depth; level++) {
            Attributes item = new Attributes();
            current.newSequence(REFERENCED_SERIES_SEQUENCE).add(item);
            current = item;
        }
        current.setString(PATIENT_ID, VR.LO, "DEEPEST");
        return root;
    }

    private static byte[] countingBytes(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static Encoded littleEndianBytes() {
        return new Encoded(false);
    }

    private static Encoded bigEndianBytes() {
        return new Encoded(true);
    }

    /** Element and item headers written by hand after PS3.5 §7.1 and §7.5, in either byte order. */
    static final class Encoded {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final boolean bigEndian;

        Encoded(boolean bigEndian) {
            this.bigEndian = bigEndian;
        }

        Encoded tag(int tag) {
            return u16(tag >>> 16).u16(tag & 0xFFFF);
        }

        /** An explicit VR element header: tag, VR, and a 16-bit or reserved + 32-bit length. */
        Encoded header(int tag, String vr, long length) {
            tag(tag).ascii(vr);
            return LONG_HEADER_VRS.contains(vr) ? u16(0).u32(length) : u16((int) length);
        }

        /** An item, item delimiter or sequence delimiter header. */
        Encoded item(int tag, long length) {
            return tag(tag).u32(length);
        }

        Encoded u16(int v) {
            return raw(bigEndian ? new byte[] {(byte) (v >>> 8), (byte) v} : new byte[] {(byte) v, (byte) (v >>> 8)});
        }

        Encoded u32(long v) {
            return bigEndian ? u16((int) (v >>> 16)).u16((int) v) : u16((int) v).u16((int) (v >>> 16));
        }

        Encoded ascii(String s) {
            return raw(s.getBytes(StandardCharsets.US_ASCII));
        }

        Encoded raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(bytes());
        }
    }
}
