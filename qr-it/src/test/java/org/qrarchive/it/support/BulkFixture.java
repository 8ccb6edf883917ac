package org.qrarchive.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Many tiny objects for the big C-FIND tests: {@code count} Secondary Capture instances without pixel data,
 * each in a study and series of its own, all of one patient ({@code QRIT-FIND-BULK-<count>}).
 *
 * <p>The UIDs are derived from names ({@link UUID#nameUUIDFromBytes}), so every run makes the same objects:
 * when the archive already holds all of them (the test server's data outlives a run), {@link #ensureStored}
 * does not send them again, and runs do not pile up tens of thousands of studies in the index. System property
 * {@code qr.it.find.bulk.fresh=true} forces the store (same UIDs: the archive replaces the objects).
 *
 * <p>The files are written directly in Java (Part 10, explicit VR little endian, ten elements): making 10,000
 * of them with dump2dcm would take minutes of process starts.
 */
public final class BulkFixture {

    public static final String SOP_CLASS = TestObjects.SECONDARY_CAPTURE;
    private static final LocalDate FIRST_DATE = LocalDate.of(1990, 1, 1);

    private final int count;

    public BulkFixture(int count) {
        this.count = count;
    }

    public int count() {
        return count;
    }

    public String patientId() {
        return "QRIT-FIND-BULK-" + count;
    }

    public String studyUid(int i) {
        return uid("study/" + i);
    }

    public String seriesUid(int i) {
        return uid("series/" + i);
    }

    public String sopInstanceUid(int i) {
        return uid("instance/" + i);
    }

    /** Study i's date: one day after the other from 1990-01-01. */
    public String studyDate(int i) {
        return FIRST_DATE.plusDays(i).format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    public Set<String> studyUids() {
        Set<String> uids = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            uids.add(studyUid(i));
        }
        return uids;
    }

    private String uid(String name) {
        UUID uuid = UUID.nameUUIDFromBytes(("qr-it/find-bulk/" + count + "/" + name).getBytes(StandardCharsets.UTF_8));
        byte[] bits = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bits);
    }

    /** What {@link #ensureStored} did. */
    public record Outcome(boolean reused, int stored, Duration writeTime, Duration storeTime) {
        @Override
        public String toString() {
            return reused ? "reused (already in the archive)"
                    : String.format("%d objects written in %d ms, stored with one storescu association in %d ms"
                            + " (%.0f objects/s)", stored, writeTime.toMillis(), storeTime.toMillis(),
                            stored * 1000.0 / Math.max(1, storeTime.toMillis()));
        }
    }

    /**
     * Makes sure QRSCP holds every object: asks with C-FIND (Number of Patient Related Studies and Instances of
     * the bulk patient) and, unless all are there, writes them under {@code dir} and sends them with one
     * storescu association ({@code +sd dir}), with {@code qr.store.fsync=false} for the time of the store.
     */
    public Outcome ensureStored(Path dir) {
        boolean fresh = Boolean.getBoolean("qr.it.find.bulk.fresh");
        if (!fresh && alreadyStored(dir)) {
            return new Outcome(true, 0, Duration.ZERO, Duration.ZERO);
        }
        long t0 = System.nanoTime();
        Path files = dir.resolve("bulk-objects");
        write(files);
        long t1 = System.nanoTime();
        List<String> command = StoreScu.command(StoreScu.proposalFor(TestObjects.EXPLICIT_LE), List.of("+sd"),
                List.of(files));
        ProcessRunner.Result r;
        try (AdminApi.Change noFsync = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("store", "fsync").set(false))) {
            r = ProcessRunner.run(Duration.ofMinutes(8), command);
        }
        long t2 = System.nanoTime();
        int successes = StoreScu.successes(r);
        if (r.exitCode() != 0 || successes != count) {
            String out = r.output();
            throw new AssertionError("storing the bulk fixture failed: " + successes + " of " + count
                    + " stored, exit code " + r.exitCode() + "\n" + out.substring(Math.max(0, out.length() - 4000)));
        }
        StoreChecks.deleteTree(files);
        return new Outcome(false, count, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1));
    }

    private boolean alreadyStored(Path dir) {
        FindScu.Result r = FindScu.query(FindScu.Model.PATIENT_ROOT).level("PATIENT").key("PatientID", patientId())
                .key("NumberOfPatientRelatedStudies").key("NumberOfPatientRelatedInstances").run(dir);
        if (r.status() != FindScu.SUCCESS) {
            throw new AssertionError("cannot ask for the bulk patient\n" + r.describe());
        }
        if (r.responses().size() != 1) {
            return false;
        }
        FindScu.Response rsp = r.responses().get(0);
        String n = Integer.toString(count);
        return n.equals(rsp.string("NumberOfPatientRelatedStudies"))
                && n.equals(rsp.string("NumberOfPatientRelatedInstances"));
    }

    /** Writes the {@code count} Part 10 files into {@code dir}. */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < count; i++) {
                Files.write(dir.resolve(String.format("bulk%06d.dcm", i)), part10(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] part10(int i) {
        String sop = sopInstanceUid(i);
        ByteArrayOutputStream ds = new ByteArrayOutputStream(512);
        element(ds, 0x00080016, "UI", SOP_CLASS);
        element(ds, 0x00080018, "UI", sop);
        element(ds, 0x00080020, "DA", studyDate(i));
        element(ds, 0x00080030, "TM", "120000");
        element(ds, 0x00080060, "CS", "OT");
        element(ds, 0x00100010, "PN", "Bulk^Find");
        element(ds, 0x00100020, "LO", patientId());
        element(ds, 0x0020000D, "UI", studyUid(i));
        element(ds, 0x0020000E, "UI", seriesUid(i));
        element(ds, 0x00200013, "IS", "1");

        ByteArrayOutputStream meta = new ByteArrayOutputStream(256);
        meta.writeBytes(new byte[] {0x02, 0x00, 0x01, 0x00, 'O', 'B', 0, 0, 2, 0, 0, 0, 0, 1});
        element(meta, 0x00020002, "UI", SOP_CLASS);
        element(meta, 0x00020003, "UI", sop);
        element(meta, 0x00020010, "UI", TestObjects.EXPLICIT_LE);
        element(meta, 0x00020012, "UI", "2.25.1");

        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0x02, 0x00, 0x00, 0x00, 'U', 'L', 4, 0});
        int groupLength = meta.size();
        out.writeBytes(new byte[] {(byte) groupLength, (byte) (groupLength >> 8), (byte) (groupLength >> 16),
                (byte) (groupLength >> 24)});
        out.writeBytes(meta.toByteArray());
        out.writeBytes(ds.toByteArray());
        return out.toByteArray();
    }

    /** One explicit VR little endian element with a 2-byte length, padded to even length. */
    private static void element(ByteArrayOutputStream out, int tag, String vr, String value) {
        List<Byte> bytes = new ArrayList<>();
        for (byte b : value.getBytes(StandardCharsets.US_ASCII)) {
            bytes.add(b);
        }
        if (bytes.size() % 2 != 0) {
            bytes.add("UI".equals(vr) ? (byte) 0 : (byte) ' ');
        }
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        out.write(group);
        out.write(group >> 8);
        out.write(element);
        out.write(element >> 8);
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes.size());
        out.write(bytes.size() >> 8);
        for (byte b : bytes) {
            out.write(b);
        }
    }
}
