package org.qrarchive.dicom.data.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.DicomInputStream;
import org.qrarchive.dicom.data.DicomStreamException;
import org.qrarchive.dicom.data.EncodingOptions;
import org.qrarchive.dicom.data.EncodingOptions.GroupLength;
import org.qrarchive.dicom.data.Transcoder;
import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.codec.DcmtkFixtures.Dump;
import org.qrarchive.dicom.data.codec.DcmtkFixtures.Fixture;

/**
 * What {@link Transcoder} writes, judged by DCMTK: for every fixture, every native target transfer syntax
 * (the JPEG fixture: its own) and every layout, dcmdump reads our file without a word on stderr and shows
 * the source's elements, dcmftest calls it a Part 10 file, dcmconv converts it back to explicit VR little
 * endian. With DCMTK's own layout our bytes are DCMTK's bytes.
 */
class DcmtkWriteTest {
    private static final List<TransferSyntax> NATIVE = List.of(TransferSyntax.IMPLICIT_LE, TransferSyntax.EXPLICIT_LE,
            TransferSyntax.EXPLICIT_BE, TransferSyntax.DEFLATED_LE);

    /** A way of laying out the data set, named after the dcmconv options that mean the same. */
    record Layout(String name, EncodingOptions options) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Layout> LAYOUTS = List.of(
            new Layout("+e+g=", EncodingOptions.DEFAULT),
            new Layout("+e+g", EncodingOptions.DEFAULT.withGroupLength(GroupLength.CREATE)),
            new Layout("+e-g", EncodingOptions.DEFAULT.withGroupLength(GroupLength.REMOVE)),
            new Layout("-e+g=", EncodingOptions.DEFAULT.withUndefinedLengths(true)),
            new Layout("-e+g", EncodingOptions.DEFAULT.withUndefinedLengths(true).withGroupLength(GroupLength.CREATE)),
            new Layout("-e-g", EncodingOptions.DEFAULT.withUndefinedLengths(true).withGroupLength(GroupLength.REMOVE)),
            new Layout("+e+g=+p256,16", EncodingOptions.DEFAULT.withPadding(256, 16)));

    @TempDir
    static Path dir;
    private static List<Fixture> fixtures;
    private static final Map<String, Map<String, String>> SOURCE_DUMPS = new HashMap<>();
    /** Per fixture: dcmdump of DCMTK's own conversion to implicit VR (which loses private VRs). */
    private static final Map<String, Map<String, String>> IMPLICIT_DUMPS = new ConcurrentHashMap<>();

    @BeforeAll
    static void buildFixtures() throws IOException {
        fixtures = DcmtkFixtures.build(dir);
        SOURCE_DUMPS.putAll(DcmtkFixtures.cleanDumps(fixtures));
    }

    static Stream<Arguments> fixturesAndTargets() {
        return fixtures.stream().flatMap(f -> f.encapsulated() ? Stream.of(Arguments.of(f, f.ts()))
                : NATIVE.stream().map(ts -> Arguments.of(f, ts)));
    }

    static Stream<Fixture> fixtures() {
        return fixtures.stream();
    }

    // ------------------------------------------------------------------ DCMTK reads what we write

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("fixturesAndTargets")
    void dcmtkReadsWhatWeWrite(Fixture f, TransferSyntax target) throws IOException {
        Path outDir = Files.createDirectories(dir.resolve("out").resolve(f.name() + "-" + target.uid()));
        Map<String, String> expected = DumpMap.filter(expectedDump(f, target), DcmtkWriteTest::comparable);
        List<Path> written = new ArrayList<>();
        for (Layout layout : LAYOUTS) {
            Path out = outDir.resolve("layout" + LAYOUTS.indexOf(layout) + ".dcm");
            TransferSyntax ts = Transcoder.transcode(f.file(), null, out, target, layout.options(), fileMetaOf(f.file()));
            assertEquals(target.uid(), ts.uid());
            written.add(out);
        }
        List<String> problems = new ArrayList<>();
        Map<Path, Dump> dumps = DcmtkFixtures.dcmdumpAll(written);
        for (int i = 0; i < LAYOUTS.size(); i++) {
            Layout layout = LAYOUTS.get(i);
            Path out = written.get(i);
            String where = f + " -> " + target.uid() + " " + layout + " (" + out.getFileName() + "): ";
            Dump dump = dumps.get(out);
            if (dump.exitCode() != 0 || !dump.stderr().isEmpty()) {
                problems.add(where + "dcmdump exit " + dump.exitCode() + ", stderr: " + dump.stderr().strip());
                continue;
            }
            Map<String, String> ours = dump.elements();
            if (!target.uid().equals(valueOf(ours.get("(0002,0010)")))) {
                problems.add(where + "TransferSyntaxUID in the meta is " + ours.get("(0002,0010)"));
            }
            String diff = DumpMap.diff(expected, DumpMap.filter(ours, DcmtkWriteTest::comparable), 20);
            if (!diff.isEmpty()) {
                problems.add(where + "dcmdump differs from the source's (expected = source):\n" + diff);
            }
            problems.addAll(layoutProblems(where, layout.options(), f, target, dump, Files.size(out)));
            if (convertsBack(f, i)) {
                // dcmconv cannot decompress: a JPEG file goes back to explicit VR little endian via dcmdjpeg
                DcmtkFixtures.Result back = DcmtkFixtures.run(target.encapsulated() ? "dcmdjpeg" : "dcmconv", "+te",
                        out.toString(), outDir.resolve("back.dcm").toString());
                if (back.exitCode() != 0) {
                    problems.add(where + back.command().get(0) + " +te exit " + back.exitCode() + ": "
                            + back.stderr().strip());
                }
            }
        }
        List<String> ftest = new ArrayList<>(List.of("dcmftest"));
        written.forEach(p -> ftest.add(p.toString()));
        DcmtkFixtures.Result part10 = DcmtkFixtures.run(ftest.toArray(String[]::new));
        for (Path p : written) {
            if (!part10.stdout().contains("yes: " + p)) {
                problems.add(f + " -> " + target.uid() + " " + p.getFileName() + ": dcmftest says "
                        + part10.stdout().strip());
            }
        }
        assertEquals(0, part10.exitCode(), "dcmftest exit code: " + part10.stdout());
        assertTrue(problems.isEmpty(), () -> problems.size() + " problem(s):\n" + String.join("\n", problems));
    }

    /**
     * dcmconv back to explicit VR little endian: every layout of {@code rich} and {@code jpeg}; for the
     * dcmconv-made variants (the same elements again) one layout with explicit and one with undefined
     * lengths, to keep the run short.
     */
    private static boolean convertsBack(Fixture f, int layoutIndex) {
        return !f.name().contains("_") || layoutIndex == 0 || layoutIndex == 4;
    }

    /** Elements compared: all but group lengths, padding and the meta fields the writer sets. */
    private static boolean comparable(String key) {
        return !DumpMap.isGroupLength(key) && !DumpMap.isPadding(key) && !key.equals("(0002,0010)")
                && !key.equals("(0002,0012)") && !key.equals("(0002,0013)");
    }

    /**
     * The source's dump; for an implicit VR target from an explicit VR source, DCMTK's own conversion of the
     * source, since private elements of an unknown creator can only be UN in implicit VR.
     */
    private static Map<String, String> expectedDump(Fixture f, TransferSyntax target) {
        if (target.explicitVR() || !f.ts().explicitVR()) {
            return SOURCE_DUMPS.get(f.name());
        }
        return IMPLICIT_DUMPS.computeIfAbsent(f.name(), name -> {
            Path ref = dir.resolve("dcmtk-implicit-" + name + ".dcm");
            DcmtkFixtures.run("dcmconv", "+ti", f.file().toString(), ref.toString()).assertOk();
            Map<String, String> dump = DcmtkFixtures.cleanDump(ref);
            // the premise of this exception: only the private elements differ
            Set<String> changed = new TreeSet<>();
            SOURCE_DUMPS.get(name).forEach((k, v) -> {
                if (comparable(k) && !v.equals(dump.get(k))) {
                    changed.add(k);
                }
            });
            assertEquals(Set.of("(0009,1001)", "(0009,1003)"), changed, "what DCMTK changes going implicit");
            return dump;
        });
    }

    /** Whether the dump shows the layout asked for: lengths, group lengths, padding. */
    private static List<String> layoutProblems(String where, EncodingOptions options, Fixture f, TransferSyntax target,
            Dump dump, long fileSize) {
        List<String> problems = new ArrayList<>();
        String wrongLength = options.undefinedLengths() ? "explicit length" : "undefined length";
        long wrong = dump.text().lines()
                .filter(l -> l.contains("(Sequence with " + wrongLength) || l.contains("(Item with " + wrongLength))
                .count();
        if (wrong > 0) {
            problems.add(where + wrong + " sequence(s)/item(s) written with " + wrongLength);
        }
        Set<String> groupLengths = groupLengthKeys(dump.elements());
        Set<String> expected = switch (options.groupLength()) {
            case REMOVE -> Set.of();
            case RECALCULATE -> groupLengthKeys(SOURCE_DUMPS.get(f.name()));
            case CREATE -> allGroupsOf(dump.elements());
        };
        if (!groupLengths.equals(expected)) {
            problems.add(where + "group length elements " + groupLengths + ", expected " + expected);
        }
        if (options.filePadding() > 0 && !target.deflated() && fileSize % options.filePadding() != 0) {
            problems.add(where + "file of " + fileSize + " bytes is not padded to a multiple of "
                    + options.filePadding());
        }
        if (options.itemPadding() > 0 && f.name().startsWith("rich")
                && !dump.elements().containsKey("(0008,1140)[0].(FFFC,FFFC)")) {
            problems.add(where + "no item padding in (0008,1140)[0]");
        }
        return problems;
    }

    private static Set<String> groupLengthKeys(Map<String, String> dump) {
        return dump.keySet().stream().filter(k -> DumpMap.isGroupLength(k) && !k.equals("(0002,0000)"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A group length key for each group of each element level, as +g writes them (not for 0002, FFFC). */
    private static Set<String> allGroupsOf(Map<String, String> dump) {
        Set<String> keys = new TreeSet<>();
        for (String key : dump.keySet()) {
            if (key.endsWith("]")) {
                continue; // an item or fragment
            }
            int dot = key.lastIndexOf('.');
            String prefix = key.substring(0, dot + 1);
            String group = key.substring(dot + 2, dot + 6);
            if (!(prefix.isEmpty() && group.equals("0002")) && !group.equals("FFFC")) {
                keys.add(prefix + "(" + group + ",0000)");
            }
        }
        return keys;
    }

    private static String valueOf(String entry) {
        // "UI [1.2.840.10008.1.2] #18" -> 1.2.840.10008.1.2
        return entry == null ? null : entry.substring(entry.indexOf('[') + 1, entry.lastIndexOf(']'));
    }

    // ------------------------------------------------------------------ byte for byte

    /** Same transfer syntax, same layout as DCMTK used: the same bytes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void sameLayoutGivesDcmtksBytes(Fixture f) throws IOException {
        Path out = dir.resolve("identical-" + f.name() + ".dcm");
        EncodingOptions options = EncodingOptions.DEFAULT.withUndefinedLengths(f.undefinedLengths());
        Transcoder.transcode(f.file(), null, out, null, options, fileMetaOf(f.file()));
        assertSameBytes(f.file(), out, f.ts().deflated());
    }

    /**
     * Group lengths created from a file without them are DCMTK's (+g), removed from a file with them are
     * gone as with -g: checks the group length values, top level and in items, with either kind of length.
     */
    @ParameterizedTest(name = "{0}{1}: {2}")
    @MethodSource("groupLengthConversions")
    void groupLengthsAsDcmtkWritesThem(String ts, String lengths, String direction) throws IOException {
        boolean create = direction.equals("create");
        Fixture from = fixture("rich_" + ts + lengths + (create ? "-g" : "+g"));
        Fixture like = fixture("rich_" + ts + lengths + (create ? "+g" : "-g"));
        Path out = dir.resolve("groups-" + like.name() + ".dcm");
        EncodingOptions options = EncodingOptions.DEFAULT.withUndefinedLengths(lengths.equals("-e"))
                .withGroupLength(create ? GroupLength.CREATE : GroupLength.REMOVE);
        Transcoder.transcode(from.file(), null, out, null, options, fileMetaOf(from.file()));
        assertSameBytes(like.file(), out, like.ts().deflated());
    }

    static Stream<Arguments> groupLengthConversions() {
        List<Arguments> args = new ArrayList<>();
        for (String ts : List.of("te", "ti", "tb", "td")) {
            for (String lengths : List.of("+e", "-e")) {
                args.add(Arguments.of(ts, lengths, "create"));
                args.add(Arguments.of(ts, lengths, "remove"));
            }
        }
        return args.stream();
    }

    /** File and item padding as dcmconv +p 256 16 writes them: the same elements, then the same bytes. */
    @Test
    void paddingAsDcmtkWritesIt() throws IOException {
        Fixture rich = fixtures.get(0);
        Path dcmtk = dir.resolve("dcmtk-padded.dcm");
        DcmtkFixtures.run("dcmconv", "+te", "+p", "256", "16", rich.file().toString(), dcmtk.toString()).assertOk();
        Path out = dir.resolve("our-padded.dcm");
        Transcoder.transcode(rich.file(), null, out, null, EncodingOptions.DEFAULT.withPadding(256, 16),
                fileMetaOf(rich.file()));
        assertEquals(0, Files.size(out) % 256, "file length multiple of 256");
        Map<String, String> theirs = DcmtkFixtures.cleanDump(dcmtk);
        Map<String, String> ours = DcmtkFixtures.cleanDump(out);
        String diff = DumpMap.diff(DumpMap.filter(theirs, k -> !k.startsWith("(0002,")),
                DumpMap.filter(ours, k -> !k.startsWith("(0002,")), 20);
        assertEquals("", diff, "padding elements: dcmdump of ours vs DCMTK's (expected = DCMTK)");
        assertSameBytes(dcmtk, out, false);
    }

    /**
     * Transcoding a file onto itself ("target: replaced if it exists") either works or leaves the file as
     * it was; it must never destroy it.
     */
    @Test
    void transcodingAFileOntoItselfNeverDestroysIt() throws IOException {
        Fixture rich = fixtures.get(0);
        Path file = dir.resolve("in-place.dcm");
        Files.copy(rich.file(), file);
        IOException failure = null;
        try {
            Transcoder.transcode(file, null, file, TransferSyntax.EXPLICIT_BE, EncodingOptions.DEFAULT,
                    fileMetaOf(file));
        } catch (IOException e) {
            failure = e;
        }
        Dump after = DcmtkFixtures.dcmdump(file);
        String outcome = failure == null ? "transcode returned normally" : "transcode threw " + failure;
        assertEquals(0, after.exitCode(), () -> outcome + "; then dcmdump failed on the file ("
                + file.toFile().length() + " bytes left of " + rich.file().toFile().length() + "): "
                + after.stderr().strip());
        assertEquals("", DumpMap.diff(DumpMap.filter(SOURCE_DUMPS.get(rich.name()), DcmtkWriteTest::comparable),
                DumpMap.filter(after.elements(), DcmtkWriteTest::comparable), 10), outcome);
    }

    /** A bare data set in a syntax the caller knows, transcoded into a Part 10 file with new meta. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bareSyntaxes")
    void bareDataSetToPart10(String option) throws IOException {
        Fixture rich = fixtures.get(0);
        TransferSyntax ts = DcmtkFixtures.syntaxOf(option.substring(1));
        Path bare = dir.resolve("bare-" + option.substring(1) + ".dcm");
        DcmtkFixtures.run("dcmconv", "-F", option, rich.file().toString(), bare.toString()).assertOk();
        Path out = dir.resolve("from-bare-" + option.substring(1) + ".dcm");
        Attributes meta = org.qrarchive.dicom.data.FileMetaInformation.create(
                org.qrarchive.dicom.data.UID.CTImageStorage, "1.2.826.0.1.3680043.9.7133.1.1", ts.uid(), "BARE");
        Transcoder.transcode(bare, ts, out, TransferSyntax.EXPLICIT_LE, EncodingOptions.DEFAULT, meta);
        Map<String, String> ours = DcmtkFixtures.cleanDump(out);
        Map<String, String> expected = ts.explicitVR() ? SOURCE_DUMPS.get(rich.name()) : expectedDump(rich, ts);
        assertEquals("", DumpMap.diff(DumpMap.filter(expected, k -> comparable(k) && !k.startsWith("(0002,")),
                DumpMap.filter(ours, k -> comparable(k) && !k.startsWith("(0002,")), 20));
    }

    static Stream<String> bareSyntaxes() {
        return Stream.of("+te", "+ti", "+tb", "+td");
    }

    @Test
    void encapsulatedPixelDataIsNeverDecoded() throws IOException {
        Fixture jpeg = fixtures.get(1);
        Path out = dir.resolve("jpeg-to-native.dcm");
        DicomStreamException e = assertThrows(DicomStreamException.class, () -> Transcoder.transcode(jpeg.file(),
                null, out, TransferSyntax.EXPLICIT_LE, EncodingOptions.DEFAULT, fileMetaOf(jpeg.file())));
        assertTrue(e.getMessage().contains("cannot convert"), e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    static Fixture fixture(String name) {
        return fixtures.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    static Attributes fileMetaOf(Path file) throws IOException {
        try (DicomInputStream in = DicomInputStream.open(file)) {
            return in.fileMetaInformation();
        }
    }

    /**
     * Byte equality of two Part 10 files, reporting the first difference with its neighbourhood; deflated
     * files are compared as meta bytes plus inflated data set (the deflate streams of zlib settings may
     * legitimately differ).
     */
    static void assertSameBytes(Path expectedFile, Path actualFile, boolean deflated) throws IOException {
        byte[] expected = Files.readAllBytes(expectedFile);
        byte[] actual = Files.readAllBytes(actualFile);
        String what = "bytes of " + actualFile.getFileName() + " vs DCMTK's " + expectedFile.getFileName();
        if (deflated) {
            int metaEnd = DcmtkFixtures.metaEnd(expected);
            assertEquals(metaEnd, DcmtkFixtures.metaEnd(actual), "meta information length");
            assertFirstDifference(what + " (meta)", Arrays.copyOf(expected, metaEnd), Arrays.copyOf(actual, metaEnd), 0);
            assertFirstDifference(what + " (inflated data set)", inflate(expected, metaEnd), inflate(actual, metaEnd),
                    metaEnd);
        } else {
            assertFirstDifference(what, expected, actual, 0);
        }
    }

    private static void assertFirstDifference(String what, byte[] expected, byte[] actual, int base) {
        int at = Arrays.mismatch(expected, actual);
        if (at < 0) {
            return;
        }
        HexFormat hex = HexFormat.ofDelimiter(" ");
        int from = Math.max(0, at - 16);
        throw new AssertionError(what + ": first difference at " + (base == 0 ? "file offset " : "inflated offset ")
                + at + " (lengths " + expected.length + " vs " + actual.length + ")"
                + "\n  expected: " + hex.formatHex(expected, from, Math.min(expected.length, at + 32))
                + "\n  actual:   " + hex.formatHex(actual, from, Math.min(actual.length, at + 32)));
    }

    static byte[] inflate(byte[] file, int from) throws IOException {
        try (InputStream in = new InflaterInputStream(
                new java.io.ByteArrayInputStream(file, from, file.length - from), new Inflater(true))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
