package org.qrarchive.it.support;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

/**
 * Makes the DICOM objects of the storage tests at test time, with DCMTK, in a directory of the
 * test (nothing binary is kept in the repository):
 * <ul>
 * <li>CT, MR, CR images and Basic Text SR: a dcmdump-style text, then {@code dump2dcm +ti/+te/+tb/+td}
 *     (pixel data read from a raw file with dump2dcm's {@code =file} syntax);</li>
 * <li>encapsulated PDF: a tiny hand-written PDF, then {@code pdf2dcm};</li>
 * <li>secondary capture in JPEG baseline: a JPEG written with javax.imageio, then {@code img2dcm}.</li>
 * </ul>
 * Sequences are written with explicit lengths (dump2dcm's default): storescu always sends
 * sequences and items with explicit lengths, so only such files reach the archive byte for byte as
 * they are in the file (see {@link StoreScu}).
 */
public final class TestObjects {

    public static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    public static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    public static final String CR = "1.2.840.10008.5.1.4.1.1.1";
    public static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    public static final String BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11";
    public static final String ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1";

    public static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    public static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    public static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    /** A patient. {@code name} may hold ISO 8859-1 characters (the objects say ISO_IR 100). */
    public record Patient(String id, String name) {
    }

    public record Study(Patient patient, String uid, String date) {
    }

    /** A series: one modality and one SOP class. */
    public record Series(Study study, String uid, String modality, String sopClassUid, int number) {
    }

    /** What to make: one instance of {@code series}, written in {@code transferSyntaxUid}. */
    public record Spec(Series series, String sopInstanceUid, int instanceNumber, String transferSyntaxUid,
                       int rows, int columns) {
    }

    /** A generated object and what the archive should index for it. */
    public record DicomObject(Path file, Spec spec) {
        public String sopInstanceUid() {
            return spec.sopInstanceUid();
        }

        public String sopClassUid() {
            return spec.series().sopClassUid();
        }

        public String transferSyntaxUid() {
            return spec.transferSyntaxUid();
        }

        public Series series() {
            return spec.series();
        }

        public Study study() {
            return spec.series().study();
        }

        public Patient patient() {
            return spec.series().study().patient();
        }

        public String instanceNumber() {
            return Integer.toString(spec.instanceNumber());
        }

        @Override
        public String toString() {
            return file.getFileName() + " (" + sopInstanceUid() + ", " + transferSyntaxUid() + ")";
        }
    }

    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;

    public TestObjects(Path dir) {
        this.dir = dir;
    }

    /** A new UID under the 2.25 root (PS3.5 B.2): a random UUID as one decimal number. */
    public static String newUid() {
        UUID uuid = UUID.randomUUID();
        byte[] bits = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bits);
    }

    /** A short token that makes patient IDs of this test run unique (the server's data outlives runs). */
    public static String runToken() {
        return Long.toString(System.currentTimeMillis(), 36).toUpperCase(java.util.Locale.ROOT);
    }

    public static Series newSeries(Study study, String modality, String sopClassUid, int number) {
        return new Series(study, newUid(), modality, sopClassUid, number);
    }

    /** One object per spec, made by up to {@code threads} DCMTK processes at a time. */
    public List<DicomObject> generate(List<Spec> specs, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<DicomObject>> futures = new ArrayList<>();
            for (Spec spec : specs) {
                futures.add(pool.submit(() -> generate(spec)));
            }
            List<DicomObject> objects = new ArrayList<>();
            for (Future<DicomObject> f : futures) {
                objects.add(f.get());
            }
            return objects;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Makes the object of {@code spec}. */
    public DicomObject generate(Spec spec) {
        String sopClass = spec.series().sopClassUid();
        Path file = dir.resolve(spec.sopInstanceUid() + ".dcm");
        try {
            switch (sopClass) {
                case ENCAPSULATED_PDF -> pdf(spec, file);
                case SECONDARY_CAPTURE -> jpegSecondaryCapture(spec, file);
                default -> dump2dcm(dumpText(spec), spec, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DicomObject(file, spec);
    }

    /**
     * The dcmdump-style text of an image (CT, MR, CR: 16 bits allocated, 12 stored, a procedure
     * code sequence on CT) or of a Basic Text SR with a content tree. Pixel data are written to a
     * raw file next to it and referenced with dump2dcm's {@code =file}.
     */
    public String dumpText(Spec spec) throws IOException {
        Series series = spec.series();
        Study study = series.study();
        Patient patient = study.patient();
        StringBuilder d = new StringBuilder();
        line(d, "(0008,0005) CS [ISO_IR 100]");
        line(d, "(0008,0016) UI [" + series.sopClassUid() + "]");
        line(d, "(0008,0018) UI [" + spec.sopInstanceUid() + "]");
        line(d, "(0008,0020) DA [" + study.date() + "]");
        line(d, "(0008,0030) TM [101500]");
        line(d, "(0008,0050) SH [A" + Math.abs(study.uid().hashCode() % 100000) + "]");
        line(d, "(0008,0060) CS [" + series.modality() + "]");
        line(d, "(0008,0090) PN [Referring^Doctor]");
        line(d, "(0008,1030) LO [Study of " + patient.name() + "]");
        line(d, "(0010,0010) PN [" + patient.name() + "]");
        line(d, "(0010,0020) LO [" + patient.id() + "]");
        line(d, "(0010,0030) DA [19700101]");
        line(d, "(0010,0040) CS [O]");
        line(d, "(0020,000d) UI [" + study.uid() + "]");
        line(d, "(0020,000e) UI [" + series.uid() + "]");
        line(d, "(0020,0010) SH [1]");
        line(d, "(0020,0011) IS [" + series.number() + "]");
        line(d, "(0020,0013) IS [" + spec.instanceNumber() + "]");
        if (BASIC_TEXT_SR.equals(series.sopClassUid())) {
            srContent(d, spec);
            return d.toString();
        }
        if (CT.equals(series.sopClassUid())) {
            line(d, "(0008,1032) SQ (Sequence with explicit length #=1)");
            line(d, "  (fffe,e000) na (Item with explicit length #=3)");
            line(d, "    (0008,0100) SH [CTHEAD]");
            line(d, "    (0008,0102) SH [99QRIT]");
            line(d, "    (0008,0104) LO [CT head without contrast]");
            line(d, "  (fffe,e00d) na (ItemDelimitationItem for re-encoding)");
            line(d, "(fffe,e0dd) na (SequenceDelimitationItem for re-encoding)");
            line(d, "(0018,0050) DS [2.5]");
            line(d, "(0020,0032) DS [-125\\-125\\" + spec.instanceNumber() * 2.5 + "]");
        }
        // binary VRs whose byte order a conversion to or from big endian must get right
        line(d, "(0008,1163) FD 0.5\\2.25");
        line(d, "(0018,0013) FL 3.5");
        line(d, "(0018,6016) UL 123456");
        line(d, "(0018,6020) SL -12");
        line(d, "(0018,9219) SS -7");
        line(d, "(0028,0009) AT (0018,1063)\\(0020,9165)");
        line(d, "(0064,0009) OF 1.5\\-2.25\\3");
        line(d, "(0072,0082) SV -5\\6");
        line(d, "(0072,0083) UV 7");
        line(d, "(0028,0002) US 1");
        line(d, "(0028,0004) CS [MONOCHROME2]");
        line(d, "(0028,0010) US " + spec.rows());
        line(d, "(0028,0011) US " + spec.columns());
        line(d, "(0028,0100) US 16");
        line(d, "(0028,0101) US 12");
        line(d, "(0028,0102) US 11");
        line(d, "(0028,0103) US 0");
        Path pixels = dir.resolve(spec.sopInstanceUid() + ".raw");
        Files.write(pixels, pixelData(spec));
        line(d, "(7fe0,0010) OW =" + pixels);
        return d.toString();
    }

    private static void srContent(StringBuilder d, Spec spec) {
        line(d, "(0040,a040) CS [CONTAINER]");
        line(d, "(0040,a043) SQ (Sequence with explicit length #=1)");
        line(d, "  (fffe,e000) na (Item with explicit length #=3)");
        line(d, "    (0008,0100) SH [11528-7]");
        line(d, "    (0008,0102) SH [LN]");
        line(d, "    (0008,0104) LO [Radiology Report]");
        line(d, "  (fffe,e00d) na (ItemDelimitationItem for re-encoding)");
        line(d, "(fffe,e0dd) na (SequenceDelimitationItem for re-encoding)");
        line(d, "(0040,a050) CS [SEPARATE]");
        line(d, "(0040,a491) CS [PARTIAL]");
        line(d, "(0040,a493) CS [UNVERIFIED]");
        line(d, "(0040,a730) SQ (Sequence with explicit length #=2)");
        for (int i = 1; i <= 2; i++) {
            line(d, "  (fffe,e000) na (Item with explicit length #=4)");
            line(d, "    (0040,a010) CS [CONTAINS]");
            line(d, "    (0040,a040) CS [TEXT]");
            line(d, "    (0040,a043) SQ (Sequence with explicit length #=1)");
            line(d, "      (fffe,e000) na (Item with explicit length #=3)");
            line(d, "        (0008,0100) SH [121071]");
            line(d, "        (0008,0102) SH [DCM]");
            line(d, "        (0008,0104) LO [Finding]");
            line(d, "      (fffe,e00d) na (ItemDelimitationItem for re-encoding)");
            line(d, "    (fffe,e0dd) na (SequenceDelimitationItem for re-encoding)");
            line(d, "    (0040,a160) UT [Finding " + i + " of report " + spec.instanceNumber()
                    + ": Größe und Dichte unauffällig.]");
            line(d, "  (fffe,e00d) na (ItemDelimitationItem for re-encoding)");
        }
        line(d, "(fffe,e0dd) na (SequenceDelimitationItem for re-encoding)");
    }

    private static byte[] pixelData(Spec spec) {
        byte[] bytes = new byte[spec.rows() * spec.columns() * 2];
        Random random = new Random(spec.sopInstanceUid().hashCode());
        for (int i = 0; i < bytes.length; i += 2) {
            int value = random.nextInt(4096); // 12 bits stored
            bytes[i] = (byte) value;
            bytes[i + 1] = (byte) (value >> 8);
        }
        return bytes;
    }

    private static void line(StringBuilder d, String line) {
        d.append(line).append('\n');
    }

    /** dump2dcm with the transfer syntax of {@code spec}; the dump file is ISO 8859-1 like the names in it. */
    private void dump2dcm(String dump, Spec spec, Path file) throws IOException {
        Path dumpFile = dir.resolve(spec.sopInstanceUid() + ".dump");
        Files.writeString(dumpFile, dump, StandardCharsets.ISO_8859_1);
        run(List.of(Dcmtk.require("dump2dcm").toString(), writeOption(spec.transferSyntaxUid()),
                dumpFile.toString(), file.toString()));
    }

    /** Writes {@code dump} (a dcmdump-style text) with dump2dcm as {@code file}, in {@code transferSyntaxUid}. */
    public Path dump2dcm(String dump, String transferSyntaxUid, Path file) throws IOException {
        Path dumpFile = dir.resolve(file.getFileName() + ".dump");
        Files.writeString(dumpFile, dump, StandardCharsets.ISO_8859_1);
        run(List.of(Dcmtk.require("dump2dcm").toString(), writeOption(transferSyntaxUid),
                dumpFile.toString(), file.toString()));
        return file;
    }

    private static String writeOption(String ts) {
        return switch (ts) {
            case IMPLICIT_LE -> "+ti";
            case EXPLICIT_LE -> "+te";
            case EXPLICIT_BE -> "+tb";
            case DEFLATED_LE -> "+td";
            default -> throw new IllegalArgumentException("dump2dcm cannot write " + ts);
        };
    }

    private void pdf(Spec spec, Path file) throws IOException {
        String ts = spec.transferSyntaxUid();
        if (!List.of(IMPLICIT_LE, EXPLICIT_LE, EXPLICIT_BE).contains(ts)) {
            throw new IllegalArgumentException("pdf2dcm cannot write " + ts);
        }
        Path pdf = dir.resolve(spec.sopInstanceUid() + ".pdf");
        // the smallest PDF pdf2dcm takes: header, catalog, empty page tree, trailer, %%EOF
        String text = "%PDF-1.4\n"
                + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                + "% report " + spec.sopInstanceUid() + "\n"
                + "trailer << /Root 1 0 R >>\n"
                + "%%EOF\n";
        Files.writeString(pdf, text, StandardCharsets.US_ASCII);
        Series series = spec.series();
        Study study = series.study();
        requireAscii(study.patient().name());
        run(List.of(Dcmtk.require("pdf2dcm").toString(), writeOption(ts),
                "+pn", study.patient().name(), "+pi", study.patient().id(), "+t", "Report",
                "-k", "StudyInstanceUID=" + study.uid(), "-k", "SeriesInstanceUID=" + series.uid(),
                "-k", "SOPInstanceUID=" + spec.sopInstanceUid(), "-k", "StudyDate=" + study.date(),
                "-k", "SeriesNumber=" + series.number(), "-k", "InstanceNumber=" + spec.instanceNumber(),
                "-k", "Modality=" + series.modality(),
                pdf.toString(), file.toString()));
    }

    private void jpegSecondaryCapture(Spec spec, Path file) throws IOException {
        if (!JPEG_BASELINE.equals(spec.transferSyntaxUid())) {
            throw new IllegalArgumentException("img2dcm writes JPEG baseline only, not " + spec.transferSyntaxUid());
        }
        Path jpeg = dir.resolve(spec.sopInstanceUid() + ".jpg");
        BufferedImage image = new BufferedImage(spec.columns(), spec.rows(), BufferedImage.TYPE_BYTE_GRAY);
        int seed = spec.instanceNumber();
        for (int y = 0; y < spec.rows(); y++) {
            for (int x = 0; x < spec.columns(); x++) {
                image.getRaster().setSample(x, y, 0, (x * 7 + y * 3 + seed * 11) & 0xFF);
            }
        }
        if (!ImageIO.write(image, "jpeg", jpeg.toFile())) {
            throw new IllegalStateException("No JPEG writer in javax.imageio");
        }
        Series series = spec.series();
        Study study = series.study();
        requireAscii(study.patient().name());
        run(List.of(Dcmtk.require("img2dcm").toString(),
                "-k", "PatientName=" + study.patient().name(), "-k", "PatientID=" + study.patient().id(),
                "-k", "StudyInstanceUID=" + study.uid(), "-k", "SeriesInstanceUID=" + series.uid(),
                "-k", "SOPInstanceUID=" + spec.sopInstanceUid(), "-k", "StudyDate=" + study.date(),
                "-k", "Modality=" + series.modality(), "-k", "SeriesNumber=" + series.number(),
                "-k", "InstanceNumber=" + spec.instanceNumber(),
                jpeg.toString(), file.toString()));
    }

    /** Command-line arguments reach DCMTK in the platform encoding, not ISO 8859-1: keep them ASCII. */
    private static void requireAscii(String s) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(s)) {
            throw new IllegalArgumentException("Use an ASCII patient name for pdf2dcm/img2dcm objects: " + s);
        }
    }

    private static void run(List<String> command) {
        DicomFiles.ToolRun result = DicomFiles.runTool(TOOL_TIMEOUT, command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("Cannot make a test object:\n" + result.describe());
        }
    }
}
