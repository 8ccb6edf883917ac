package org.qrarchive.dicom.data.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.UID;

/**
 * DCMTK as the reference implementation: runs its command line tools (failing, never skipping, when one
 * is missing) and builds the fixture files the codec tests read, write and mutate.
 *
 * <p>Fixtures, all generated into a caller's temporary directory:
 * <ul>
 * <li>{@code rich}: {@code dump2dcm} from {@link #RICH_DUMP}, a CT image holding every VR DCMTK 3.6.7 can
 * write (SV, UV and OV included), nested sequences with empty items, an empty sequence, a private block,
 * multi-valued strings and 80 KiB of OW pixel data (read from a file with dump2dcm's {@code =file}
 * syntax), explicit VR little endian with explicit lengths and no group lengths;</li>
 * <li>{@code jpeg}: {@code img2dcm} from a 400x300 JPEG written by ImageIO (JPEG baseline, two
 * fragments: an empty basic offset table and a 72 KiB frame);</li>
 * <li>{@code rich_<ts><e><g>}: {@code rich} converted by {@code dcmconv} to each native transfer syntax
 * ({@code te ti tb td}) with explicit ({@code +e}) or undefined ({@code -e}) sequence lengths, with
 * ({@code +g}) or without ({@code -g}) group lengths.</li>
 * </ul>
 */
final class DcmtkFixtures {
    static final long TIMEOUT_SECONDS = 60;

    /** Pixel data of {@code rich}: Rows x Columns 16-bit words. */
    static final int ROWS = 160;
    static final int COLUMNS = 256;
    static final int JPEG_WIDTH = 400;
    static final int JPEG_HEIGHT = 300;

    /** The dump {@code rich} is made from; values chosen to print exactly in dcmdump and Java alike. */
    static final String RICH_DUMP = """
            (0008,0005) CS [ISO_IR 100]
            (0008,0008) CS [ORIGINAL\\PRIMARY\\AXIAL]
            (0008,0016) UI =CTImageStorage
            (0008,0018) UI [1.2.826.0.1.3680043.9.7133.1.1]
            (0008,0020) DA [20240131]
            (0008,0030) TM [101530.123]
            (0008,002a) DT [20240131101530.123456+0100]
            (0008,0054) AE [QRARCHIVE]
            (0008,0081) ST [1 Main Street\\Springfield]
            (0008,0090) PN [Smith^John^^Dr]
            (0008,1010) SH [STATION1]
            (0008,1030) LO [Study description]
            (0008,1140) SQ (Sequence with explicit length #=2)
              (fffe,e000) na (Item with explicit length #=2)
                (0008,1150) UI =CTImageStorage
                (0008,1155) UI [1.2.3.4.5]
              (fffe,e00d) na (ItemDelimitationItem for re-encoding)
              (fffe,e000) na (Item with explicit length #=0)
              (fffe,e00d) na (ItemDelimitationItem for re-encoding)
            (fffe,e0dd) na (SequenceDelimitationItem for re-encod.)
            (0008,1199) SQ (Sequence with explicit length #=0)
            (fffe,e0dd) na (SequenceDelimitationItem for re-encod.)
            (0009,0010) LO [QRARCHIVE PRIVATE]
            (0009,1001) LO [private text]
            (0009,1002) UN 01\\02\\03\\04
            (0009,1003) SL 42
            (0010,0010) PN [Doe^Jane]
            (0010,0020) LO [PAT-0001]
            (0010,1010) AS [042Y]
            (0010,21b0) LT [Line one]
            (0018,0050) DS [1.25]
            (0018,1020) LO [v1\\v2\\v3]
            (0020,000d) UI [1.2.826.0.1.3680043.9.7133.2]
            (0020,000e) UI [1.2.826.0.1.3680043.9.7133.3]
            (0020,0013) IS [7]
            (0020,0032) DS [-125.5\\-125.5\\0]
            (0028,0002) US 1
            (0028,0004) CS [MONOCHROME2]
            (0028,0009) AT (0018,1063)\\(0018,1065)
            (0028,0010) US %d
            (0028,0011) US %d
            (0028,0030) DS [0.5\\0.5]
            (0028,0100) US 16
            (0028,0101) US 12
            (0028,0102) US 11
            (0028,0103) US 0
            (0028,1052) DS [-1024]
            (0028,1053) DS [1]
            (0040,a730) SQ (Sequence with undefined length #=1)
              (fffe,e000) na (Item with undefined length #=2)
                (0040,a010) CS [CONTAINS]
                (0040,a730) SQ (Sequence with explicit length #=1)
                  (fffe,e000) na (Item with explicit length #=1)
                    (0040,a160) UT [nested unlimited text]
                  (fffe,e00d) na (ItemDelimitationItem for re-encoding)
                (fffe,e0dd) na (SequenceDelimitationItem for re-encod.)
              (fffe,e00d) na (ItemDelimitationItem)
            (fffe,e0dd) na (SequenceDelimitationItem)
            (0072,0060) AT (0010,0010)
            (0072,0065) OB 01\\02\\03\\ff
            (0072,0067) OF 1.5\\-2.25
            (0072,0069) OW 0001\\abcd
            (0072,006d) UN 0a\\0b
            (0072,006f) UC [long code value\\second]
            (0072,0070) UT [unlimited text value]
            (0072,0071) UR [http://example.com/x]
            (0072,0073) OD 2.25\\-0.5
            (0072,0074) FD 1000.5\\-0.125
            (0072,0075) OL 1\\4294967295
            (0072,0076) FL 3.5\\-7.75
            (0072,0078) UL 4294967295\\1
            (0072,007c) SL -70000\\70000
            (0072,007e) SS -5\\7
            (0072,0081) OV 18446744073709551615
            (0072,0082) SV -9000000000000000000\\5
            (0072,0083) UV 18000000000000000000
            (7fe0,0010) OW =%s
            """;

    /** One fixture file and how DCMTK encoded it. */
    record Fixture(String name, Path file, TransferSyntax ts, boolean undefinedLengths, boolean groupLengths) {
        boolean encapsulated() {
            return ts.encapsulated();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Output of a tool run. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        Result assertOk() {
            if (exitCode != 0) {
                fail(String.join(" ", command) + " exited with " + exitCode + "\nstderr: " + stderr
                        + "\nstdout: " + abbreviate(stdout));
            }
            return this;
        }
    }

    private DcmtkFixtures() {
    }

    // ------------------------------------------------------------------ tools

    /** The absolute path of a DCMTK tool; fails the test (never skips it) when the tool is not installed. */
    static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.isFile() && f.canExecute()) {
                return f.getPath();
            }
        }
        throw new AssertionError("DCMTK tool '" + name + "' not found on PATH ("
                + System.getenv("PATH") + "): install DCMTK 3.6.7 (e.g. `apt-get install -y dcmtk`)");
    }

    /** Runs a DCMTK tool (first element: its name) with a timeout, capturing stdout and stderr apart. */
    static Result run(String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.set(0, tool(cmd.get(0)));
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("dcmtk", ".out");
            err = Files.createTempFile("dcmtk", ".err");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(List.of(command), p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command[0], e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** dcmdump output of a file: the parsed elements, stderr and exit code. */
    record Dump(Map<String, String> elements, String stderr, int exitCode, String text) {
    }

    /**
     * Runs {@code dcmdump -Un +L} (no UID names, long values in full) and parses its output with
     * {@link DumpMap#parse}.
     */
    static Dump dcmdump(Path file) {
        Result r = run("dcmdump", "-Un", "+L", file.toString());
        return new Dump(r.exitCode() == 0 ? DumpMap.parse(r.stdout()) : Map.of(), r.stderr(), r.exitCode(),
                r.stdout());
    }

    /**
     * dcmdump of several files in one run ({@code +F} separates them); when dcmdump fails or prints anything
     * on stderr, each file is dumped on its own so that the complaint is attributed to its file.
     */
    static Map<Path, Dump> dcmdumpAll(List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of("dcmdump", "-Un", "+L", "+F"));
        files.forEach(f -> cmd.add(f.toString()));
        Result r = run(cmd.toArray(String[]::new));
        Map<Path, Dump> dumps = new LinkedHashMap<>();
        if (r.exitCode() != 0 || !r.stderr().isEmpty()) {
            files.forEach(f -> dumps.put(f, dcmdump(f)));
            return dumps;
        }
        String[] parts = FILE_HEADER.split(r.stdout());
        if (parts.length != files.size() + 1) {
            fail("dcmdump +F printed " + (parts.length - 1) + " file sections for " + files.size() + " files");
        }
        for (int i = 0; i < files.size(); i++) {
            dumps.put(files.get(i), new Dump(DumpMap.parse(parts[i + 1]), "", 0, parts[i + 1]));
        }
        return dumps;
    }

    private static final Pattern FILE_HEADER = Pattern.compile("(?m)^# dcmdump \\(\\d+/\\d+\\): .*$");

    /** dcmdump of each fixture (by name), which DCMTK must read without a complaint. */
    static Map<String, Map<String, String>> cleanDumps(List<Fixture> fixtures) {
        Map<Path, Dump> dumps = dcmdumpAll(fixtures.stream().map(Fixture::file).toList());
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (Fixture f : fixtures) {
            Dump d = dumps.get(f.file());
            assertEquals(0, d.exitCode(), () -> "dcmdump " + f.file() + " failed: " + d.stderr());
            assertEquals("", d.stderr(), () -> "dcmdump " + f.file() + " printed warnings/errors");
            byName.put(f.name(), d.elements());
        }
        return byName;
    }

    /** dcmdump of a file DCMTK must read without a complaint; fails otherwise. */
    static Map<String, String> cleanDump(Path file) {
        Dump d = dcmdump(file);
        assertEquals(0, d.exitCode(), () -> "dcmdump " + file + " failed: " + d.stderr());
        assertEquals("", d.stderr(), () -> "dcmdump " + file + " printed warnings/errors");
        return d.elements();
    }

    // ------------------------------------------------------------------ fixtures

    /** Builds every fixture into {@code dir}; {@code rich} first, {@code jpeg} second, then the variants. */
    static List<Fixture> build(Path dir) throws IOException {
        List<Fixture> fixtures = new ArrayList<>();
        Fixture rich = buildRich(dir);
        fixtures.add(rich);
        fixtures.add(buildJpeg(dir));
        for (String ts : List.of("te", "ti", "tb", "td")) {
            for (boolean undefined : new boolean[] {false, true}) {
                for (boolean groups : new boolean[] {true, false}) {
                    String name = "rich_" + ts + (undefined ? "-e" : "+e") + (groups ? "+g" : "-g");
                    Path file = dir.resolve(name + ".dcm");
                    run("dcmconv", "+" + ts, undefined ? "-e" : "+e", groups ? "+g" : "-g",
                            rich.file().toString(), file.toString()).assertOk();
                    fixtures.add(new Fixture(name, file, syntaxOf(ts), undefined, groups));
                }
            }
        }
        return fixtures;
    }

    static TransferSyntax syntaxOf(String dcmconvOption) {
        return switch (dcmconvOption) {
            case "te" -> TransferSyntax.EXPLICIT_LE;
            case "ti" -> TransferSyntax.IMPLICIT_LE;
            case "tb" -> TransferSyntax.EXPLICIT_BE;
            case "td" -> TransferSyntax.DEFLATED_LE;
            default -> throw new IllegalArgumentException(dcmconvOption);
        };
    }

    /** The dcmconv option writing {@code ts}. */
    static String dcmconvOption(TransferSyntax ts) {
        if (ts.deflated()) {
            return "+td";
        }
        return !ts.explicitVR() ? "+ti" : ts.bigEndian() ? "+tb" : "+te";
    }

    /** The 16-bit little endian pixel data of {@code rich}: a ramp within 12 bits stored. */
    static byte[] richPixels() {
        byte[] b = new byte[ROWS * COLUMNS * 2];
        for (int i = 0; i < ROWS * COLUMNS; i++) {
            int v = (i * 7 + i / COLUMNS) & 0x0FFF;
            b[2 * i] = (byte) v;
            b[2 * i + 1] = (byte) (v >>> 8);
        }
        return b;
    }

    private static Fixture buildRich(Path dir) throws IOException {
        Path pixels = dir.resolve("rich-pixels.raw");
        Files.write(pixels, richPixels());
        Path dump = dir.resolve("rich.dump");
        Files.writeString(dump, RICH_DUMP.formatted(ROWS, COLUMNS, pixels.toAbsolutePath()),
                StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("rich.dcm");
        Result r = run("dump2dcm", "+te", dump.toString(), file.toString()).assertOk();
        assertEquals("", r.stderr(), "dump2dcm complained about the fixture dump");
        return new Fixture("rich", file, TransferSyntax.EXPLICIT_LE, false, false);
    }

    /** The JPEG given to img2dcm for {@code jpeg}: noise, so that the frame is above 64 KiB. */
    static Path jpegInput(Path dir) {
        return dir.resolve("noise.jpg");
    }

    private static Fixture buildJpeg(Path dir) throws IOException {
        BufferedImage img = new BufferedImage(JPEG_WIDTH, JPEG_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < JPEG_HEIGHT; y++) {
            for (int x = 0; x < JPEG_WIDTH; x++) {
                img.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        Path jpg = jpegInput(dir);
        if (!ImageIO.write(img, "jpeg", jpg.toFile())) {
            fail("ImageIO has no JPEG writer");
        }
        Path file = dir.resolve("jpeg.dcm");
        run("img2dcm", "-q", "-k", "PatientName=Jpeg^Fixture", "-k", "PatientID=JPEG-1", jpg.toString(),
                file.toString()).assertOk();
        return new Fixture("jpeg", file, TransferSyntax.of(UID.JPEGProcess1TransferSyntax), false, false);
    }

    /**
     * The frame img2dcm stores for a JFIF file: the JPEG without its JFIF APP0 segment (img2dcm drops it
     * unless {@code -ka}), padded to even length.
     */
    static byte[] expectedJpegFrame(Path jpg) throws IOException {
        byte[] b = Files.readAllBytes(jpg);
        int start = 2;
        if ((b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0xE0) {
            start = 4 + (((b[4] & 0xFF) << 8) | (b[5] & 0xFF));
        }
        int length = 2 + b.length - start;
        byte[] frame = new byte[length + (length & 1)];
        frame[0] = b[0];
        frame[1] = b[1];
        System.arraycopy(b, start, frame, 2, b.length - start);
        return frame;
    }

    // ------------------------------------------------------------------ helpers

    /** The offset after a Part 10 file's meta information: preamble, DICM, (0002,0000) and its group. */
    static int metaEnd(byte[] file) {
        int groupLength = (file[140] & 0xFF) | (file[141] & 0xFF) << 8 | (file[142] & 0xFF) << 16
                | (file[143] & 0xFF) << 24;
        return 144 + groupLength;
    }

    static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "... (" + s.length() + " chars)";
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file; nothing to do
            }
        }
    }
}
