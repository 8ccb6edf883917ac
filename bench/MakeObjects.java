import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Test objects for bench/store.sh: COUNT CT images (Part 10, explicit VR little endian, 16 bit
 * MONOCHROME2, ROWS x COLUMNS) with distinct UIDs, written directly (no DICOM library, no DCMTK), so
 * 1,000 objects of 512 KiB take a second or two.
 *
 * <pre>
 * java bench/MakeObjects.java OUT_DIR COUNT ROWS COLUMNS PER_STUDY [LABEL]
 * </pre>
 *
 * Objects are grouped in studies of PER_STUDY instances (one patient and two series per study), files
 * are named 000000.dcm, 000001.dcm, ... in study order. UIDs are below a fresh random 2.25 root (so two
 * runs never collide). OUT_DIR/series.txt lists "studyUID seriesUID instances" per series (used to count
 * what an archive holds with C-FIND), OUT_DIR/uids.txt the SOP Instance UIDs, one a line.
 */
public class MakeObjects {
    static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final String EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";
    static final String IMPL_CLASS_UID = "1.2.826.0.1.3680043.2.1143.107.104.103.115.3.6.7";

    public static void main(String[] args) throws IOException {
        if (args.length < 5) {
            System.err.println("usage: java MakeObjects.java OUT_DIR COUNT ROWS COLUMNS PER_STUDY [LABEL]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        int cols = Integer.parseInt(args[3]);
        int perStudy = Math.max(1, Integer.parseInt(args[4]));
        String label = args.length > 5 ? args[5] : "BENCH";
        Files.createDirectories(out);

        // 2.25.<96 random bits>: a UUID-derived root of our own, arcs appended below it
        String root = "2.25." + new BigInteger(96, new SecureRandom()).add(BigInteger.ONE);
        byte[] pixels = new byte[rows * cols * 2];
        ByteBuffer px = ByteBuffer.wrap(pixels).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                px.putShort((short) (((x ^ y) & 0xff) * 16)); // 12 bit values, a visible pattern
            }
        }

        long start = System.nanoTime();
        long bytes = 0;
        int seriesPerStudy = perStudy >= 2 ? 2 : 1;
        java.util.Map<String, Integer> perSeries = new java.util.LinkedHashMap<>();
        java.util.List<String> sopUids = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int study = i / perStudy;
            int inStudy = i % perStudy;
            int studySize = Math.min(perStudy, count - study * perStudy);
            int seriesNo = inStudy * seriesPerStudy / studySize + 1;
            String studyUid = root + "." + (study + 1);
            String seriesUid = studyUid + "." + seriesNo;
            String sopUid = seriesUid + "." + (inStudy + 1);
            perSeries.merge(studyUid + " " + seriesUid, 1, Integer::sum);
            sopUids.add(sopUid);
            byte[] header = header(label, study + 1, seriesNo, inStudy + 1, studyUid, seriesUid, sopUid,
                    root + "." + (study + 1) + ".0", rows, cols, pixels.length);
            Path file = out.resolve(String.format("%06d.dcm", i));
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                os.write(header);
                os.write(pixels);
            }
            bytes += header.length + pixels.length;
        }
        try (PrintWriter series = new PrintWriter(Files.newBufferedWriter(out.resolve("series.txt")))) {
            perSeries.forEach((key, n) -> series.println(key + " " + n));
        }
        Files.write(out.resolve("uids.txt"), sopUids);
        System.out.printf("MakeObjects: %d objects, %d bytes (%.1f KiB each), %d studies, in %s, %.1f s%n",
                count, bytes, bytes / 1024.0 / Math.max(1, count), (count + perStudy - 1) / perStudy, out,
                (System.nanoTime() - start) / 1e9);
    }

    /** Preamble, file meta information and the data set up to and including the pixel data header. */
    static byte[] header(String label, int study, int seriesNo, int instance, String studyUid, String seriesUid,
            String sopUid, String frameOfReferenceUid, int rows, int cols, int pixelBytes) {
        Writer meta = new Writer();
        meta.ob(0x00020001, new byte[] {0, 1});
        meta.str(0x00020002, "UI", CT_IMAGE_STORAGE);
        meta.str(0x00020003, "UI", sopUid);
        meta.str(0x00020010, "UI", EXPLICIT_VR_LE);
        meta.str(0x00020012, "UI", IMPL_CLASS_UID);
        meta.str(0x00020013, "SH", "QRBENCH");
        meta.str(0x00020016, "AE", "MAKEOBJECTS");

        String patientId = label + "-" + study;
        // one study a day back from 2024-03-15, so that date ranges select a part of the archive
        String date = java.time.LocalDate.of(2024, 3, 15).minusDays(study % 20000)
                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        Writer ds = new Writer();
        ds.str(0x00080005, "CS", "ISO_IR 100");
        ds.str(0x00080008, "CS", "ORIGINAL\\PRIMARY\\AXIAL");
        ds.str(0x00080012, "DA", date);
        ds.str(0x00080013, "TM", "101500");
        ds.str(0x00080016, "UI", CT_IMAGE_STORAGE);
        ds.str(0x00080018, "UI", sopUid);
        ds.str(0x00080020, "DA", date);
        ds.str(0x00080021, "DA", date);
        ds.str(0x00080022, "DA", date);
        ds.str(0x00080023, "DA", date);
        ds.str(0x00080030, "TM", "101010");
        ds.str(0x00080031, "TM", "101200");
        ds.str(0x00080032, "TM", "101300");
        ds.str(0x00080033, "TM", "101400");
        ds.str(0x00080050, "SH", "ACC" + study);
        ds.str(0x00080060, "CS", "CT");
        ds.str(0x00080070, "LO", "QR Bench");
        ds.str(0x00080080, "LO", "Loopback Hospital");
        ds.str(0x00080090, "PN", "Referring^Doctor");
        ds.str(0x00081010, "SH", "CT01");
        ds.str(0x00081030, "LO", "Benchmark study " + study);
        ds.str(0x0008103E, "LO", "Axial " + seriesNo);
        ds.str(0x00081090, "LO", "BenchModel");
        ds.str(0x00100010, "PN", label + "^Patient" + study);
        ds.str(0x00100020, "LO", patientId);
        ds.str(0x00100030, "DA", "19700101");
        ds.str(0x00100040, "CS", study % 2 == 0 ? "F" : "M");
        ds.str(0x00180050, "DS", "1.25");
        ds.str(0x00180060, "DS", "120");
        ds.str(0x00181020, "LO", "1.0");
        ds.str(0x00181150, "IS", "500");
        ds.str(0x00181151, "IS", "200");
        ds.str(0x00181152, "IS", "100");
        ds.str(0x00185100, "CS", "HFS");
        ds.str(0x0020000D, "UI", studyUid);
        ds.str(0x0020000E, "UI", seriesUid);
        ds.str(0x00200010, "SH", String.valueOf(study));
        ds.str(0x00200011, "IS", String.valueOf(seriesNo));
        ds.str(0x00200013, "IS", String.valueOf(instance));
        ds.str(0x00200032, "DS", "-250\\-250\\" + (-1.25 * instance));
        ds.str(0x00200037, "DS", "1\\0\\0\\0\\1\\0");
        ds.str(0x00200052, "UI", frameOfReferenceUid);
        ds.str(0x00201041, "DS", String.valueOf(-1.25 * instance));
        ds.us(0x00280002, 1);
        ds.str(0x00280004, "CS", "MONOCHROME2");
        ds.us(0x00280010, rows);
        ds.us(0x00280011, cols);
        ds.str(0x00280030, "DS", "0.9765625\\0.9765625");
        ds.us(0x00280100, 16);
        ds.us(0x00280101, 12);
        ds.us(0x00280102, 11);
        ds.us(0x00280103, 0);
        ds.str(0x00281050, "DS", "40");
        ds.str(0x00281051, "DS", "400");
        ds.str(0x00281052, "DS", "-1024");
        ds.str(0x00281053, "DS", "1");
        ds.tag(0x7FE00010, "OW", pixelBytes); // the value follows: written by the caller

        byte[] m = meta.bytes();
        Writer all = new Writer();
        all.raw(new byte[128]);
        all.raw("DICM".getBytes(StandardCharsets.US_ASCII));
        all.ul(0x00020000, m.length);
        all.raw(m);
        all.raw(ds.bytes());
        return all.bytes();
    }

    /** Explicit VR little endian element writer. */
    static final class Writer {
        private ByteBuffer buf = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

        void tag(int tag, String vr, int length) {
            ensure(12);
            buf.putShort((short) (tag >>> 16)).putShort((short) tag);
            buf.put(vr.getBytes(StandardCharsets.US_ASCII));
            if (vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN") || vr.equals("UT")) {
                buf.putShort((short) 0).putInt(length);
            } else {
                buf.putShort((short) length);
            }
        }

        void str(int tag, String vr, String value) {
            byte[] b = value.getBytes(StandardCharsets.ISO_8859_1);
            int len = b.length + (b.length & 1);
            tag(tag, vr, len);
            raw(b);
            if ((b.length & 1) != 0) {
                raw(new byte[] {(byte) (vr.equals("UI") ? 0 : ' ')});
            }
        }

        void us(int tag, int value) {
            tag(tag, "US", 2);
            ensure(2);
            buf.putShort((short) value);
        }

        void ul(int tag, int value) {
            tag(tag, "UL", 4);
            ensure(4);
            buf.putInt(value);
        }

        void ob(int tag, byte[] value) {
            tag(tag, "OB", value.length);
            raw(value);
        }

        void raw(byte[] b) {
            ensure(b.length);
            buf.put(b);
        }

        byte[] bytes() {
            return Arrays.copyOf(buf.array(), buf.position());
        }

        private void ensure(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n))
                        .order(ByteOrder.LITTLE_ENDIAN);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }
    }
}
