package org.qrarchive.dicom.data.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.BulkData;
import org.qrarchive.dicom.data.DicomInputStream;
import org.qrarchive.dicom.data.Fragments;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.UID;
import org.qrarchive.dicom.data.VR;
import org.qrarchive.dicom.data.codec.DcmtkFixtures.Fixture;

/**
 * Every DCMTK-made fixture, read by {@link DicomInputStream}, holds element for element what dcmdump shows
 * for the same file: values, VRs, lengths, sequence structure, private elements, fragments.
 */
class DcmtkReadTest {
    @TempDir
    static Path dir;
    private static List<Fixture> fixtures;
    private static final Map<String, Map<String, String>> DUMPS = new HashMap<>();

    @BeforeAll
    static void buildFixtures() throws IOException {
        fixtures = DcmtkFixtures.build(dir);
        DUMPS.putAll(DcmtkFixtures.cleanDumps(fixtures));
    }

    static Stream<Fixture> fixtures() {
        return fixtures.stream();
    }

    static Stream<Fixture> richFixtures() {
        return fixtures.stream().filter(f -> f.name().startsWith("rich"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void readsWhatDcmdumpShows(Fixture f) throws IOException {
        try (DicomInputStream in = DicomInputStream.open(f.file())) {
            assertEquals(f.ts().uid(), in.transferSyntax().uid(), "transfer syntax of " + f);
            Attributes fmi = in.fileMetaInformation();
            assertNotNull(fmi, "file meta information of " + f);
            Attributes ds = in.readDataset();
            assertFalse(in.stoppedBeforeStopTag());
            assertSameAsDcmdump(f, DUMPS.get(f.name()), DumpMap.of(fmi, ds));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void readsTheSameFromAStream(Fixture f) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(f.file()));
                DicomInputStream in = DicomInputStream.open(raw)) {
            assertEquals(f.ts().uid(), in.transferSyntax().uid());
            Attributes fmi = in.fileMetaInformation();
            Attributes ds = in.readDataset();
            Object pixels = ds.getValue(Tag.PixelData);
            assertFalse(pixels instanceof BulkData, "a stream has no file to refer to: " + pixels);
            assertSameAsDcmdump(f, DUMPS.get(f.name()), DumpMap.of(fmi, ds));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void smallBulkDataThresholdChangesNoValue(Fixture f) throws IOException {
        try (DicomInputStream in = DicomInputStream.open(f.file()).bulkDataThreshold(4)) {
            Attributes fmi = in.fileMetaInformation();
            Attributes ds = in.readDataset();
            if (!f.ts().deflated()) {
                assertInstanceOf(BulkData.class, ds.getValue(Tag.SOPInstanceUID), "UI value above 4 bytes");
            }
            assertSameAsDcmdump(f, DUMPS.get(f.name()), DumpMap.of(fmi, ds));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void stopsBeforePixelData(Fixture f) throws IOException {
        try (DicomInputStream in = DicomInputStream.open(f.file()).stopBefore(Tag.PixelData)) {
            Attributes fmi = in.fileMetaInformation();
            Attributes ds = in.readDataset();
            assertTrue(in.stoppedBeforeStopTag(), "stoppedBeforeStopTag() after reading " + f);
            assertFalse(ds.contains(Tag.PixelData), "pixel data read despite stopBefore");
            assertEquals(f.name().equals("jpeg") ? DcmtkFixtures.JPEG_HEIGHT : DcmtkFixtures.ROWS, ds.getInt(Tag.Rows, -1));

            Map<String, String> expected = DumpMap.filter(DUMPS.get(f.name()),
                    k -> !k.startsWith(Tag.toString(Tag.PixelData)));
            assertSameAsDcmdump(f, expected, DumpMap.of(fmi, ds));

            if (!f.ts().deflated()) {
                // the stream stands on the pixel data tag
                byte[] file = Files.readAllBytes(f.file());
                int at = (int) in.position();
                byte[] tag = f.ts().bigEndian() ? new byte[] {0x7F, (byte) 0xE0, 0x00, 0x10}
                        : new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00};
                assertArrayEquals(tag, java.util.Arrays.copyOfRange(file, at, at + 4),
                        "bytes at position() " + at + " after stopping");
            }
        }
    }

    @Test
    void richHoldsTheDumpedValues() throws IOException {
        Fixture f = fixtures.get(0);
        try (DicomInputStream in = DicomInputStream.open(f.file())) {
            Attributes ds = in.readDataset();
            assertEquals(UID.CTImageStorage, ds.getString(Tag.SOPClassUID));
            assertEquals("Doe^Jane", ds.getString(Tag.PatientName));
            assertArrayEquals(new String[] {"ORIGINAL", "PRIMARY", "AXIAL"}, ds.getStrings(Tag.ImageType));
            assertArrayEquals(new String[] {"v1", "v2", "v3"}, ds.getStrings(Tag.SoftwareVersions));
            assertEquals(7, ds.getInt(Tag.InstanceNumber, -1));
            assertEquals(VR.LO, ds.getVR(0x00090010));
            assertEquals("QRARCHIVE PRIVATE", ds.getString(0x00090010));
            assertEquals(VR.UN, ds.getVR(0x00091002));
            assertArrayEquals(new byte[] {1, 2, 3, 4}, ds.getBytes(0x00091002));
            assertEquals(42, ds.getInt(0x00091003, -1));

            List<Attributes> refs = ds.getSequence(Tag.ReferencedImageSequence);
            assertEquals(2, refs.size());
            assertEquals("1.2.3.4.5", refs.get(0).getString(Tag.ReferencedSOPInstanceUID));
            assertTrue(refs.get(1).isEmpty(), "second item is empty");
            assertEquals(List.of(), ds.getSequence(Tag.ReferencedSOPSequence));
            Attributes nested = ds.getSequence(Tag.ContentSequence).get(0).getSequence(Tag.ContentSequence).get(0);
            assertEquals("nested unlimited text", nested.getString(Tag.TextValue));

            BulkData pixels = assertInstanceOf(BulkData.class, ds.getValue(Tag.PixelData));
            assertEquals(DcmtkFixtures.ROWS * DcmtkFixtures.COLUMNS * 2, pixels.length());
            assertArrayEquals(DcmtkFixtures.richPixels(), pixels.readAll());
        }
    }

    @Test
    void bigEndianPixelDataIsKeptInItsByteOrder() throws IOException {
        Fixture f = fixtures.stream().filter(x -> x.name().equals("rich_tb+e+g")).findFirst().orElseThrow();
        try (DicomInputStream in = DicomInputStream.open(f.file())) {
            Attributes ds = in.readDataset();
            assertTrue(ds.bigEndian());
            byte[] expected = DcmtkFixtures.richPixels();
            for (int i = 0; i < expected.length; i += 2) {
                byte t = expected[i];
                expected[i] = expected[i + 1];
                expected[i + 1] = t;
            }
            assertArrayEquals(expected, ((BulkData) ds.getValue(Tag.PixelData)).readAll());
            assertEquals(DcmtkFixtures.COLUMNS, ds.getInt(Tag.Columns, -1));
        }
    }

    @Test
    void jpegFragmentsAreTheCompressedFrame() throws IOException {
        Fixture f = fixtures.get(1);
        try (DicomInputStream in = DicomInputStream.open(f.file())) {
            assertTrue(in.transferSyntax().encapsulated());
            Attributes ds = in.readDataset();
            Fragments fragments = assertInstanceOf(Fragments.class, ds.getValue(Tag.PixelData));
            assertEquals(VR.OB, ds.getVR(Tag.PixelData));
            assertEquals(2, fragments.size(), "basic offset table and one frame");
            // img2dcm writes a basic offset table with the single offset 0
            assertArrayEquals(new byte[4], (byte[]) fragments.items().get(0));
            BulkData frame = assertInstanceOf(BulkData.class, fragments.items().get(1), "a frame above 64 KiB");
            assertArrayEquals(DcmtkFixtures.expectedJpegFrame(DcmtkFixtures.jpegInput(dir)), frame.readAll());
            assertEquals(DcmtkFixtures.JPEG_HEIGHT, ds.getInt(Tag.Rows, -1));
            assertEquals("Jpeg^Fixture", ds.getString(Tag.PatientName));
        }
    }

    /** Data sets without meta information (dcmconv -F): the transfer syntax is recognised from the bytes. */
    @ParameterizedTest(name = "dcmconv -F {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"+te", "+ti", "+tb", "+ti +g", "+tb -e +g"})
    void bareDataSets(String options) throws IOException {
        Path bare = dir.resolve("bare" + options.replace(' ', '_') + ".dcm");
        List<String> cmd = new java.util.ArrayList<>(List.of("dcmconv", "-F"));
        cmd.addAll(List.of(options.split(" ")));
        cmd.addAll(List.of(fixtures.get(0).file().toString(), bare.toString()));
        DcmtkFixtures.run(cmd.toArray(String[]::new)).assertOk();
        Map<String, String> dcmdump = DcmtkFixtures.cleanDump(bare);
        String expectedSyntax = DcmtkFixtures.syntaxOf(options.substring(1, 3)).uid();
        try (DicomInputStream in = DicomInputStream.open(bare)) {
            assertEquals(expectedSyntax, in.transferSyntax().uid(), "guessed transfer syntax");
            assertEquals(null, in.fileMetaInformation());
            Fixture f = new Fixture("bare " + options, bare, in.transferSyntax(), false, false);
            assertSameAsDcmdump(f, dcmdump, DumpMap.of(null, in.readDataset()));
        }
    }

    /** A Part 10 file without its 128-byte preamble and "DICM" (starting with group 0002). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void metaInformationWithoutPreamble(Fixture f) throws IOException {
        byte[] file = Files.readAllBytes(f.file());
        byte[] noPreamble = java.util.Arrays.copyOfRange(file, 132, file.length);
        try (DicomInputStream in = DicomInputStream.open(new java.io.ByteArrayInputStream(noPreamble))) {
            assertEquals(f.ts().uid(), in.transferSyntax().uid());
            assertSameAsDcmdump(f, DUMPS.get(f.name()), DumpMap.of(in.fileMetaInformation(), in.readDataset()));
        }
    }

    static void assertSameAsDcmdump(Fixture f, Map<String, String> dcmdump, Map<String, String> ours) {
        String diff = DumpMap.diff(dcmdump, ours, 40);
        assertEquals("", diff, () -> f + ": our reading differs from dcmdump (expected = dcmdump)");
    }
}
