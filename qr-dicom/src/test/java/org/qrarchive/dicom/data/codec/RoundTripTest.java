package org.qrarchive.dicom.data.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.BulkData;
import org.qrarchive.dicom.data.DicomInputStream;
import org.qrarchive.dicom.data.DicomOutputStream;
import org.qrarchive.dicom.data.DicomStreamException;
import org.qrarchive.dicom.data.EncodingOptions;
import org.qrarchive.dicom.data.FileMetaInformation;
import org.qrarchive.dicom.data.Fragments;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.Transcoder;
import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.UID;
import org.qrarchive.dicom.data.VR;
import org.qrarchive.dicom.data.codec.DcmtkFixtures.Fixture;

/**
 * Pure Java round trips: a rich data set (3 MiB of bulk pixel data, sequences, UN, every binary VR) written
 * in one native transfer syntax, transcoded to another, read back: the same values once normalised to
 * little endian. Encapsulated pixel data round trips in its own syntax. And a DCMTK data set copied bit
 * for bit behind a new meta header stays the same data set.
 */
class RoundTripTest {
    private static final List<TransferSyntax> NATIVE = List.of(TransferSyntax.IMPLICIT_LE, TransferSyntax.EXPLICIT_LE,
            TransferSyntax.EXPLICIT_BE, TransferSyntax.DEFLATED_LE);
    private static final int ROWS = 1024;
    private static final int COLUMNS = 1536;
    /** Where the pixel data starts in its bulk file: not at 0, to prove the offset is honoured. */
    private static final int BULK_OFFSET = 1000;
    private static final int PRIVATE_CREATOR = 0x00110010;
    private static final int PRIVATE_TEXT = 0x00111001;
    private static final int PRIVATE_BYTES = 0x00111002;
    private static final String SOP_INSTANCE = "1.2.826.0.1.3680043.9.7133.9.1";

    @TempDir
    static Path dir;
    private static Path bulkFile;
    private static Attributes rich;
    /** The rich data set written in each native syntax, by UID. */
    private static final Map<String, Path> WRITTEN = new ConcurrentHashMap<>();

    @BeforeAll
    static void writeBulkFile() throws IOException {
        byte[] pixels = new byte[BULK_OFFSET + ROWS * COLUMNS * 2];
        for (int i = BULK_OFFSET; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + (i >>> 11));
        }
        bulkFile = dir.resolve("pixels.bulk");
        Files.write(bulkFile, pixels);
        rich = rich(bulkFile);
    }

    /** Every VR, multi-valued text, private elements, UN, nested/empty sequences and items, bulk pixel data. */
    static Attributes rich(Path bulk) {
        Attributes ds = new Attributes();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.ImageType, VR.CS, "DERIVED", "SECONDARY", "AXIAL");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, SOP_INSTANCE);
        ds.setString(Tag.StudyDate, VR.DA, "20240229");
        ds.setString(Tag.AcquisitionDateTime, VR.DT, "20240229235959.999999-0500");
        ds.setString(Tag.StudyTime, VR.TM, "235959");
        ds.setString(Tag.RetrieveAETitle, VR.AE, "ARCHIVE", "MIRROR");
        ds.setString(Tag.InstitutionAddress, VR.ST, "Street 1\\Town");
        ds.setString(Tag.LongCodeValue, VR.UC, "a long code value that is longer than sixty-four characters, for UC");
        ds.setString(Tag.URNCodeValue, VR.UR, "urn:oid:1.2.3");
        ds.setString(Tag.PatientName, VR.PN, "Roe^Richard^^Mr", "Alias^Rick");
        ds.setString(Tag.PatientID, VR.LO, "RT-1");
        ds.setString(Tag.PatientAge, VR.AS, "031Y");
        ds.setString(Tag.AdditionalPatientHistory, VR.LT, "odd");
        ds.setString(Tag.SoftwareVersions, VR.LO, "a", "bb", "ccc");
        ds.setString(Tag.InstanceNumber, VR.IS, "12");
        ds.setString(Tag.ImagePositionPatient, VR.DS, "-1.5", "2", "3.25");
        ds.setString(Tag.TextValue, VR.UT, "unlimited");
        ds.setString(PRIVATE_CREATOR, VR.LO, "ROUND TRIP");
        ds.setString(PRIVATE_TEXT, VR.LO, "private");
        ds.setBytes(PRIVATE_BYTES, VR.UN, new byte[] {1, 2, 3, 4, 5, 6});

        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.FrameIncrementPointer, VR.AT, 0x0018, 0x1063, 0x0018, 0x1065);
        ds.setInt(Tag.Rows, VR.US, ROWS);
        ds.setInt(Tag.Columns, VR.US, COLUMNS);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 16);
        ds.setInt(Tag.HighBit, VR.US, 15);
        ds.setInt(Tag.PixelRepresentation, VR.US, 1);
        ds.setInt(Tag.SelectorATValue, VR.AT, 0x0010, 0x0010);
        ds.setBytes(0x00720065, VR.OB, new byte[] {(byte) 0xFF, 0, 1, 2});                       // SelectorOBValue
        ds.setBytes(0x00720067, VR.OF, le(4, 1.5f, -2.25f, Float.MIN_VALUE));                    // SelectorOFValue
        ds.setBytes(0x00720069, VR.OW, le(2, 0x0102, 0xFFFE));                                  // SelectorOWValue
        ds.setBytes(0x0072006D, VR.UN, new byte[] {9, 8, 7, 6});                                // SelectorUNValue
        ds.setBytes(0x00720073, VR.OD, le(8, Math.PI, -0.0));                                   // SelectorODValue
        ds.setBytes(0x00720074, VR.FD, le(8, Double.MAX_VALUE, 1e-300));                        // SelectorFDValue
        ds.setBytes(0x00720075, VR.OL, le(4, 0xDEADBEEF, 7));                                   // SelectorOLValue
        ds.setBytes(0x00720076, VR.FL, le(4, 3.5f));                                             // SelectorFLValue
        ds.setInt(0x00720078, VR.UL, 0xCAFEBABE, 70000);                                         // SelectorULValue
        ds.setInt(0x0072007C, VR.SL, -70000);                                                    // SelectorSLValue
        ds.setInt(0x0072007E, VR.SS, -2, 0x7FFF);                                                // SelectorSSValue
        ds.setBytes(0x00720081, VR.OV, le(8, 0x0102030405060708L));                              // SelectorOVValue
        ds.setBytes(0x00720082, VR.SV, le(8, Long.MIN_VALUE, -1L));                              // SelectorSVValue
        ds.setBytes(0x00720083, VR.UV, le(8, -2L));                                              // SelectorUVValue

        List<Attributes> refs = ds.newSequence(Tag.ReferencedImageSequence);
        Attributes ref = new Attributes();
        ref.setString(Tag.ReferencedSOPClassUID, VR.UI, UID.CTImageStorage);
        ref.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
        ref.setString(Tag.ReferencedFrameNumber, VR.IS, "1", "2");
        refs.add(ref);
        refs.add(new Attributes());
        ds.newSequence(Tag.ReferencedSOPSequence);
        Attributes level = new Attributes();
        ds.newSequence(Tag.ContentSequence).add(level);
        for (int depth = 0; depth < 4; depth++) {
            level.setString(Tag.RelationshipType, VR.CS, "CONTAINS");
            level.setInt(0x0072007E, VR.SS, -depth);
            Attributes child = new Attributes();
            List<Attributes> items = level.newSequence(Tag.ContentSequence);
            items.add(child);
            items.add(new Attributes());
            level = child;
        }
        level.setString(Tag.TextValue, VR.UT, "deepest");
        ds.setBulkData(Tag.PixelData, VR.OW, new BulkData(bulk, BULK_OFFSET, (long) ROWS * COLUMNS * 2));
        return ds;
    }

    // ------------------------------------------------------------------ native syntaxes

    static Stream<Arguments> pairs() {
        return NATIVE.stream().flatMap(a -> NATIVE.stream().map(b -> Arguments.of(a, b)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void everyPairOfNativeSyntaxes(TransferSyntax a, TransferSyntax b) throws IOException {
        Path first = writtenIn(a);
        Path second = dir.resolve("pair-" + a.uid() + "-" + b.uid() + ".dcm");
        Transcoder.transcode(first, null, second, b, EncodingOptions.DEFAULT, DcmtkWriteTest.fileMetaOf(first));
        boolean implicit = !a.explicitVR() || !b.explicitVR();
        try (DicomInputStream in = DicomInputStream.open(second)) {
            assertEquals(b.uid(), in.transferSyntax().uid());
            assertEquals(SOP_INSTANCE, in.fileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID));
            Attributes back = in.readDataset();
            assertEquals(b.bigEndian(), back.bigEndian());
            if (!b.deflated()) {
                assertInstanceOf(BulkData.class, back.getValue(Tag.PixelData), "3 MiB stay in the file");
            }
            assertEquals(canonical(rich, implicit), canonical(back, implicit), a.uid() + " -> " + b.uid());
        }
    }

    /** The rich data set written in {@code ts}, once per class. */
    private static Path writtenIn(TransferSyntax ts) {
        return WRITTEN.computeIfAbsent(ts.uid(), uid -> {
            Path p = dir.resolve("rich-" + uid + ".dcm");
            try {
                Transcoder.write(rich, p, ts, EncodingOptions.DEFAULT,
                        FileMetaInformation.create(UID.CTImageStorage, SOP_INSTANCE, uid, "ROUNDTRIP"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return p;
        });
    }

    /**
     * A deflated data set written with deflate level 0 (stored blocks) whose length is a multiple of 256:
     * the stored block header then starts with bytes 01 00 (or 00 00), which read as the tag of a group
     * 0000/0001 element, i.e. as more file meta information when the meta is delimited by tag rather than
     * by its group length. DCMTK reads these files.
     */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {510, 512, 768, 1024})
    void deflatedWithStoredBlocks(int datasetLength) throws IOException {
        Attributes ds = new Attributes();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, SOP_INSTANCE);
        TransferSyntax ts = TransferSyntax.DEFLATED_LE;
        long without = new DicomOutputStream(OutputStream.nullOutputStream(), ts).encodedLength(ds);
        ds.setBytes(Tag.PatientComments, VR.LT, "x".repeat((int) (datasetLength - without - 8)).getBytes());
        assertEquals(datasetLength, new DicomOutputStream(OutputStream.nullOutputStream(), ts).encodedLength(ds));

        Path file = dir.resolve("stored-" + datasetLength + ".dcm");
        Transcoder.write(ds, file, ts, EncodingOptions.DEFAULT.withDeflateLevel(0),
                FileMetaInformation.create(UID.CTImageStorage, SOP_INSTANCE, ts.uid(), null));
        Map<String, String> dcmtk = DcmtkFixtures.cleanDump(file);
        assertEquals("UI [" + SOP_INSTANCE + "] #30", dcmtk.get("(0008,0018)"), "DCMTK reads the file");

        byte[] bytes = Files.readAllBytes(file);
        int metaEnd = DcmtkFixtures.metaEnd(bytes);
        String start = java.util.HexFormat.ofDelimiter(" ").formatHex(bytes, metaEnd, metaEnd + 5);
        DicomInputStream opened;
        try {
            opened = DicomInputStream.open(file);
        } catch (DicomStreamException e) {
            throw new AssertionError("the deflate stream after the meta starts with " + start
                    + ", which the reader took for more meta information (group 0000/0001): " + e.getMessage(), e);
        }
        try (DicomInputStream in = opened) {
            assertEquals(ts.uid(), in.transferSyntax().uid(), "deflate stream starts with " + start);
            Attributes back = in.readDataset();
            assertEquals(canonical(ds, false), canonical(back, false), "deflate stream starts with " + start);
        }
    }

    // ------------------------------------------------------------------ encapsulated

    @Test
    void fragmentsRoundTripInTheirOwnSyntax() throws IOException {
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 251);
        }
        Path bulk = dir.resolve("fragment.bulk");
        Files.write(bulk, big);
        Attributes ds = new Attributes();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, SOP_INSTANCE);
        ds.newSequence(Tag.ReferencedImageSequence).add(new Attributes());
        Fragments fragments = new Fragments();
        fragments.add(new byte[0]);
        fragments.add(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, (byte) 0xFF, (byte) 0xD9});
        fragments.add(new BulkData(bulk, 0, big.length));
        ds.setFragments(Tag.PixelData, VR.OB, fragments);

        TransferSyntax jpeg = TransferSyntax.of(UID.JPEGProcess1TransferSyntax);
        Path first = dir.resolve("fragments.dcm");
        Transcoder.write(ds, first, jpeg, EncodingOptions.DEFAULT,
                FileMetaInformation.create(UID.SecondaryCaptureImageStorage, SOP_INSTANCE, jpeg.uid(), null));
        Path second = dir.resolve("fragments-undefined.dcm");
        Transcoder.transcode(first, null, second, null, EncodingOptions.DEFAULT.withUndefinedLengths(true),
                DcmtkWriteTest.fileMetaOf(first));
        for (Path p : List.of(first, second)) {
            try (DicomInputStream in = DicomInputStream.open(p)) {
                assertEquals(jpeg.uid(), in.transferSyntax().uid());
                Attributes back = in.readDataset();
                Fragments f = assertInstanceOf(Fragments.class, back.getValue(Tag.PixelData));
                assertEquals(3, f.size());
                assertArrayEquals(new byte[0], DumpMap.bytesOf(f.items().get(0)));
                assertArrayEquals((byte[]) fragments.items().get(1), DumpMap.bytesOf(f.items().get(1)));
                assertArrayEquals(big, DumpMap.bytesOf(f.items().get(2)));
                assertEquals(canonical(ds, false), canonical(back, false));
            }
            DcmtkFixtures.cleanDump(p);
        }
    }

    @Test
    void fragmentsCannotBeWrittenInANativeSyntax() {
        Attributes ds = new Attributes();
        Fragments fragments = new Fragments();
        fragments.add(new byte[0]);
        ds.setFragments(Tag.PixelData, VR.OB, fragments);
        DicomStreamException e = assertThrows(DicomStreamException.class,
                () -> new DicomOutputStream(new ByteArrayOutputStream(), TransferSyntax.EXPLICIT_LE).writeDataset(ds));
        assertTrue(e.getMessage().contains("encapsulated pixel data cannot be written"), e.getMessage());
    }

    // ------------------------------------------------------------------ bit preserving

    static Stream<Fixture> dcmtkFixtures() throws IOException {
        return DcmtkFixtures.build(Files.createDirectories(dir.resolve("dcmtk"))).stream();
    }

    /** A DCMTK data set, copied as raw bytes behind a meta header of ours, is the same data set. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dcmtkFixtures")
    void rawDataSetBehindANewMetaHeader(Fixture f) throws IOException {
        byte[] source = Files.readAllBytes(f.file());
        int sourceMetaEnd = DcmtkFixtures.metaEnd(source);
        byte[] dataset = Arrays.copyOfRange(source, sourceMetaEnd, source.length);
        Attributes sourceMeta = DcmtkWriteTest.fileMetaOf(f.file());

        Attributes meta = FileMetaInformation.create(sourceMeta.getString(Tag.MediaStorageSOPClassUID),
                sourceMeta.getString(Tag.MediaStorageSOPInstanceUID), f.ts().uid(), "BITCOPY");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DicomOutputStream(bytes, TransferSyntax.EXPLICIT_LE).writeFileMetaInformation(meta);
        bytes.write(dataset);
        Path copy = dir.resolve("bitcopy-" + f.name() + ".dcm");
        Files.write(copy, bytes.toByteArray());

        byte[] written = Files.readAllBytes(copy);
        int metaEnd = DcmtkFixtures.metaEnd(written);
        assertArrayEquals(dataset, Arrays.copyOfRange(written, metaEnd, written.length), "data set bytes");

        Map<String, String> before = DcmtkFixtures.cleanDump(f.file());
        Map<String, String> after = DcmtkFixtures.cleanDump(copy);
        assertEquals("", DumpMap.diff(DumpMap.filter(before, k -> !k.startsWith("(0002,")),
                DumpMap.filter(after, k -> !k.startsWith("(0002,")), 20), "dcmdump of the data set");
        int uidLength = f.ts().uid().length();
        assertEquals("UI [" + f.ts().uid() + "] #" + (uidLength + uidLength % 2), after.get("(0002,0010)"));
        assertEquals("AE [BITCOPY] #8", after.get("(0002,0016)"));
        assertEquals(before.get("(0002,0003)"), after.get("(0002,0003)"));

        try (DicomInputStream in = DicomInputStream.open(copy)) {
            assertEquals("BITCOPY", in.fileMetaInformation().getString(Tag.SourceApplicationEntityTitle));
            Map<String, String> ours = DumpMap.of(null, in.readDataset());
            assertEquals("", DumpMap.diff(DumpMap.filter(before, k -> !k.startsWith("(0002,")), ours, 20),
                    "our reading of the copy vs dcmdump of the source");
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Path to "VR value" with binary values in little endian; long values as SHA-256. In implicit VR, a
     * private element has no VR but UN, so with {@code implicit} those are compared as UN.
     */
    static Map<String, String> canonical(Attributes attrs, boolean implicit) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        canonical(attrs, "", implicit, map);
        return map;
    }

    private static void canonical(Attributes attrs, String prefix, boolean implicit, Map<String, String> map)
            throws IOException {
        for (int tag : DumpMap.tags(attrs)) {
            String key = prefix + Tag.toString(tag);
            VR vr = attrs.getVR(tag);
            Object value = attrs.getValue(tag);
            if (value instanceof List<?>) {
                List<Attributes> items = attrs.getSequence(tag);
                map.put(key, "SQ " + items.size());
                for (int i = 0; i < items.size(); i++) {
                    canonical(items.get(i), key + "[" + i + "].", implicit, map);
                }
                continue;
            }
            if (value instanceof Fragments f) {
                map.put(key, vr + " fragments " + f.size());
                for (int i = 0; i < f.size(); i++) {
                    map.put(key + "[" + i + "]", describe(DumpMap.bytesOf(f.items().get(i))));
                }
                continue;
            }
            byte[] b = DumpMap.bytesOf(value).clone();
            if (attrs.bigEndian() && vr.swapUnit() > 1) {
                for (int off = 0; off + vr.swapUnit() <= b.length; off += vr.swapUnit()) {
                    for (int i = off, j = off + vr.swapUnit() - 1; i < j; i++, j--) {
                        byte t = b[i];
                        b[i] = b[j];
                        b[j] = t;
                    }
                }
            }
            boolean privateData = Tag.isPrivate(tag) && Tag.element(tag) >= 0x1000;
            map.put(key, (implicit && privateData ? VR.UN : vr) + " " + describe(b));
        }
    }

    private static String describe(byte[] b) {
        return b.length <= 64 ? java.util.HexFormat.of().formatHex(b)
                : b.length + " bytes, sha256 " + DumpMap.sha256(b).substring(0, 16);
    }

    /** Little endian encoding of numbers: {@code size} 2 or 4 (ints/floats) or 8 (longs/doubles). */
    private static byte[] le(int size, Number... values) {
        ByteBuffer buf = ByteBuffer.allocate(size * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (Number n : values) {
            if (n instanceof Float f) {
                buf.putFloat(f);
            } else if (n instanceof Double d) {
                buf.putDouble(d);
            } else if (size == 2) {
                buf.putShort(n.shortValue());
            } else if (size == 4) {
                buf.putInt(n.intValue());
            } else {
                buf.putLong(n.longValue());
            }
        }
        return buf.array();
    }
}
