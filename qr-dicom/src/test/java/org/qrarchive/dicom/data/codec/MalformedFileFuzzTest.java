package org.qrarchive.dicom.data.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.DicomInputStream;
import org.qrarchive.dicom.data.DicomStreamException;
import org.qrarchive.dicom.data.ElementDictionary;
import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.VR;
import org.qrarchive.dicom.data.codec.DcmtkFixtures.Fixture;

/**
 * Deterministic mutation fuzzing of DCMTK-made files: byte flips, truncations, length fields set to
 * undefined/odd/huge/zero, inserted and deleted bytes, tags replaced by delimiters, the transfer syntax UID
 * swapped. Each mutant is read whole from a file ({@code open(Path)}) and from a stream
 * ({@code open(InputStream)}), with a 1 MiB value limit. The reader's promise: a data set or an
 * {@link IOException} that is a {@link DicomStreamException} or {@link EOFException} naming the offset;
 * nothing else, within seconds, without allocating much more than the value limit.
 */
class MalformedFileFuzzTest {
    private static final long SEED = 20240131L;
    private static final int MUTATIONS_PER_FIXTURE = 500;
    private static final int MAX_VALUE_LENGTH = 1 << 20;
    /** Per parse: the value limit plus buffers (2-3 x 64 KiB) and the parsed data set, with room to spare. */
    private static final long MAX_ALLOCATION = 4L * MAX_VALUE_LENGTH;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> FUZZED = List.of("rich", "rich_te-e+g", "rich_tb+e+g", "rich_ti-e-g",
            "rich_td+e-g", "jpeg");

    @TempDir
    static Path dir;
    private static List<Fixture> fixtures;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @BeforeAll
    static void buildFixtures() throws IOException {
        fixtures = DcmtkFixtures.build(dir).stream().filter(f -> FUZZED.contains(f.name())).toList();
        assertEquals(FUZZED.size(), fixtures.size());
        // load the dictionary and classes outside the measured parses
        for (Fixture f : fixtures) {
            byte[] bytes = Files.readAllBytes(f.file());
            assertEquals("parsed", parse(() -> DicomInputStream.open(f.file())).kind(), "unmutated " + f);
            assertEquals("parsed", parse(() -> DicomInputStream.open(new ByteArrayInputStream(bytes))).kind());
        }
    }

    /** What happened to one parse. */
    record Outcome(String kind, Throwable error, long allocated) {
        boolean acceptable() {
            return kind.equals("parsed") || kind.equals("rejected");
        }
    }

    private interface Opener {
        DicomInputStream open() throws IOException;
    }

    @Test
    void mutantsParseOrFailWithTheOffset() throws IOException {
        Random random = new Random(SEED);
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, String> problems = new LinkedHashMap<>(); // category -> first example
        Map<String, Integer> problemCounts = new TreeMap<>();
        Path mutantFile = dir.resolve("mutant.dcm");
        int total = 0;
        for (Fixture f : fixtures) {
            byte[] original = Files.readAllBytes(f.file());
            Structure structure = Structure.of(original, f.ts());
            for (int i = 0; i < MUTATIONS_PER_FIXTURE; i++) {
                Mutation m = Mutation.random(random, original, structure);
                Files.write(mutantFile, m.bytes());
                Outcome fromFile = parse(() -> DicomInputStream.open(mutantFile));
                Outcome fromStream = parse(() -> DicomInputStream.open(new ByteArrayInputStream(m.bytes())));
                total++;
                for (Outcome o : List.of(fromFile, fromStream)) {
                    String mode = o == fromFile ? "open(Path)" : "open(InputStream)";
                    counts.merge(mode + " " + o.kind(), 1, Integer::sum);
                    if (!o.acceptable()) {
                        String category = mode + " " + o.kind() + ": " + describe(o.error());
                        problemCounts.merge(category, 1, Integer::sum);
                        problems.putIfAbsent(category, f + " #" + i + " " + m.description() + " -> "
                                + o.error() + (o.kind().equals("allocation") ? " after allocating "
                                + o.allocated() + " bytes" : ""));
                    }
                }
            }
        }
        assertEquals(FUZZED.size() * MUTATIONS_PER_FIXTURE, total);
        StringBuilder report = new StringBuilder("outcomes of " + total + " mutants x 2 modes: " + counts);
        problems.forEach((category, example) -> report.append("\n").append(problemCounts.get(category))
                .append(" x ").append(category).append("\n      e.g. ").append(example));
        assertTrue(problems.isEmpty(), report::toString);
        assertTrue(counts.getOrDefault("open(Path) parsed", 0) > 100, report::toString);
        assertTrue(counts.getOrDefault("open(Path) rejected", 0) > 100, report::toString);
    }

    /**
     * The file meta information of a stream is read by {@code open(InputStream)}, before the caller can set
     * {@code maxValueLength}: a meta element claiming 48 MB makes the reader allocate 48 MB for a 200-byte
     * input.
     */
    @Test
    void metaInformationOfAStreamCannotAllocateMuch() {
        byte[] file = new byte[132 + 12 + 12 + 8];
        file[128] = 'D';
        file[129] = 'I';
        file[130] = 'C';
        file[131] = 'M';
        int at = 132;
        at = putHeader(file, at, 0x0002, 0x0000, "UL", 4);
        file[at] = 20; // any value: it is not used to find the end of the meta
        at += 4;
        at = putHeader(file, at, 0x0002, 0x0001, "OB", 48 << 20);
        Outcome o = parse(() -> DicomInputStream.open(new ByteArrayInputStream(file)));
        assertEquals("rejected", o.kind(), () -> "outcome: " + o.kind() + " " + o.error() + ", allocated "
                + o.allocated() + " bytes for a " + file.length + "-byte input");
    }

    /** Parses with the value limit, on a thread of its own that is abandoned after {@link #TIMEOUT}. */
    private static Outcome parse(Opener opener) {
        try {
            return assertTimeoutPreemptively(TIMEOUT, () -> {
                long tid = Thread.currentThread().getId();
                long before = THREADS.getThreadAllocatedBytes(tid);
                String kind;
                Throwable error = null;
                try (DicomInputStream in = opener.open()) {
                    in.maxValueLength(MAX_VALUE_LENGTH);
                    Attributes ds = in.readDataset();
                    kind = ds != null ? "parsed" : "null data set";
                } catch (DicomStreamException | EOFException e) {
                    error = e;
                    kind = e.getMessage() != null && e.getMessage().contains("offset") ? "rejected"
                            : "message without offset";
                } catch (Throwable e) {
                    error = e;
                    kind = "wrong exception type";
                }
                long allocated = THREADS.getThreadAllocatedBytes(tid) - before;
                if (allocated > MAX_ALLOCATION) {
                    kind = "allocation";
                }
                return new Outcome(kind, error, allocated);
            });
        } catch (org.opentest4j.AssertionFailedError timeout) {
            return new Outcome("timeout", timeout, 0);
        }
    }

    /** An exception's class and message with numbers blanked, to group like failures. */
    private static String describe(Throwable t) {
        if (t == null) {
            return "-";
        }
        String message = String.valueOf(t.getMessage()).replaceAll("\\d+", "N").replaceAll("\\(.*?\\)", "(..)");
        return t.getClass().getName() + ": " + message;
    }

    private static int putHeader(byte[] b, int at, int group, int element, String vr, int length) {
        b[at] = (byte) group;
        b[at + 1] = (byte) (group >>> 8);
        b[at + 2] = (byte) element;
        b[at + 3] = (byte) (element >>> 8);
        b[at + 4] = (byte) vr.charAt(0);
        b[at + 5] = (byte) vr.charAt(1);
        if (VR.valueOf(vr).longHeader()) {
            putLE(b, at + 8, length, 4);
            return at + 12;
        }
        putLE(b, at + 6, length, 2);
        return at + 8;
    }

    private static void putLE(byte[] b, int at, long value, int size) {
        for (int i = 0; i < size; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }

    // ------------------------------------------------------------------ where the structure is

    /** Offsets of tags and length fields of an unmutated file, found by an independent little walker. */
    record Structure(List<Integer> tags, List<int[]> lengths, int tsUidOffset, int tsUidLength, boolean bigEndian) {
        static Structure of(byte[] b, TransferSyntax ts) {
            Structure s = new Structure(new ArrayList<>(), new ArrayList<>(), -1, 0, ts.bigEndian());
            int metaEnd = DcmtkFixtures.metaEnd(b);
            new Walker(b, s, true, false).elements(132, metaEnd);
            if (!ts.deflated()) {
                new Walker(b, s, ts.explicitVR(), ts.bigEndian()).elements(metaEnd, b.length);
            }
            String uid = ts.uid();
            int uidAt = indexOf(b, uid.getBytes(StandardCharsets.US_ASCII), 132, metaEnd);
            return new Structure(s.tags, s.lengths, uidAt, uid.length() + (uid.length() & 1), ts.bigEndian());
        }

        private static int indexOf(byte[] b, byte[] what, int from, int to) {
            for (int i = from; i + what.length <= to; i++) {
                if (Arrays.equals(b, i, i + what.length, what, 0, what.length)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static final class Walker {
        private static final long UNDEFINED = 0xFFFFFFFFL;
        private final byte[] b;
        private final Structure s;
        private final boolean explicit;
        private final boolean bigEndian;

        Walker(byte[] b, Structure s, boolean explicit, boolean bigEndian) {
            this.b = b;
            this.s = s;
            this.explicit = explicit;
            this.bigEndian = bigEndian;
        }

        /** Elements from {@code pos} to {@code end} (or to an item delimiter); returns the position after. */
        int elements(int pos, long end) {
            while (pos + 8 <= end && pos + 8 <= b.length) {
                int tag = tag(pos);
                s.tags.add(pos);
                if (tag == 0xFFFEE00D) {
                    s.lengths.add(new int[] {pos + 4, 4});
                    return pos + 8;
                }
                int lengthAt;
                int size;
                boolean sequence;
                if (explicit) {
                    String vr = new String(b, pos + 4, 2, StandardCharsets.US_ASCII);
                    boolean longHeader = "OB OD OF OL OV OW SQ SV UC UN UR UT UV".contains(vr);
                    lengthAt = longHeader ? pos + 8 : pos + 6;
                    size = longHeader ? 4 : 2;
                    sequence = vr.equals("SQ");
                } else {
                    lengthAt = pos + 4;
                    size = 4;
                    sequence = ElementDictionary.vrOf(tag) == VR.SQ;
                }
                s.lengths.add(new int[] {lengthAt, size});
                long length = size == 2 ? u16(lengthAt) : u32(lengthAt);
                pos = lengthAt + size;
                if (length == UNDEFINED && tag == 0x7FE00010) {
                    pos = fragments(pos);
                } else if (length == UNDEFINED) {
                    pos = items(pos, Long.MAX_VALUE);
                } else if (sequence) {
                    items(pos, pos + length);
                    pos += (int) length;
                } else {
                    pos += (int) length;
                }
            }
            return pos;
        }

        private int items(int pos, long end) {
            while (pos + 8 <= end && pos + 8 <= b.length) {
                int tag = tag(pos);
                s.tags.add(pos);
                s.lengths.add(new int[] {pos + 4, 4});
                long length = u32(pos + 4);
                pos += 8;
                if (tag == 0xFFFEE0DD) {
                    return pos;
                }
                if (length == UNDEFINED) {
                    pos = elements(pos, Long.MAX_VALUE);
                } else {
                    elements(pos, pos + length);
                    pos += (int) length;
                }
            }
            return pos;
        }

        private int fragments(int pos) {
            while (pos + 8 <= b.length) {
                int tag = tag(pos);
                s.tags.add(pos);
                s.lengths.add(new int[] {pos + 4, 4});
                long length = u32(pos + 4);
                pos += 8;
                if (tag == 0xFFFEE0DD) {
                    return pos;
                }
                pos += (int) length;
            }
            return pos;
        }

        private int tag(int pos) {
            return (u16(pos) << 16) | u16(pos + 2);
        }

        private int u16(int pos) {
            return bigEndian ? (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF) : (b[pos + 1] & 0xFF) << 8 | (b[pos] & 0xFF);
        }

        private long u32(int pos) {
            long hi = bigEndian ? u16(pos) : u16(pos + 2);
            long lo = bigEndian ? u16(pos + 2) : u16(pos);
            return hi << 16 | lo;
        }
    }

    // ------------------------------------------------------------------ mutations

    record Mutation(String description, byte[] bytes) {
        private static final String[] OTHER_SYNTAXES = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1",
            "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.5"};

        static Mutation random(Random r, byte[] original, Structure s) {
            byte[] b = original.clone();
            int kind = r.nextInt(10);
            switch (kind) {
                case 0, 1 -> {
                    int n = 1 + r.nextInt(4);
                    StringBuilder where = new StringBuilder();
                    for (int k = 0; k < n; k++) {
                        int at = structural(r, s, b.length);
                        b[at] ^= (byte) (1 + r.nextInt(255));
                        where.append(k == 0 ? "" : ",").append(at);
                    }
                    return new Mutation("flip bytes at " + where, b);
                }
                case 2 -> {
                    int at = r.nextBoolean() ? structural(r, s, b.length) : r.nextInt(b.length);
                    return new Mutation("truncate to " + at, Arrays.copyOf(b, at));
                }
                case 3, 4, 5 -> {
                    int[] field = s.lengths().get(r.nextInt(s.lengths().size()));
                    long old = field[1] == 2 ? u(b, field[0], 2, s) : u(b, field[0], 4, s);
                    long value = lengthValue(r, old, field[1], original.length);
                    put(b, field[0], value, field[1], s.bigEndian() && field[0] >= DcmtkFixtures.metaEnd(original));
                    return new Mutation("length at " + field[0] + " " + old + " -> " + value, b);
                }
                case 6 -> {
                    int at = structural(r, s, b.length);
                    byte[] inserted = new byte[1 + r.nextInt(16)];
                    r.nextBytes(inserted);
                    byte[] out = new byte[b.length + inserted.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(inserted, 0, out, at, inserted.length);
                    System.arraycopy(b, at, out, at + inserted.length, b.length - at);
                    return new Mutation("insert " + inserted.length + " bytes at " + at, out);
                }
                case 7 -> {
                    int at = structural(r, s, b.length);
                    int n = Math.min(1 + r.nextInt(16), b.length - at);
                    byte[] out = new byte[b.length - n];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + n, out, at, b.length - at - n);
                    return new Mutation("delete " + n + " bytes at " + at, out);
                }
                case 8 -> {
                    int at = s.tags().get(r.nextInt(s.tags().size()));
                    int[] tags = {0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD, 0x7FE00010, 0x00020010, 0xFFFFFFFF, 0};
                    int tag = tags[r.nextInt(tags.length)];
                    boolean be = s.bigEndian() && at >= DcmtkFixtures.metaEnd(original);
                    put(b, at, tag >>> 16, 2, be);
                    put(b, at + 2, tag & 0xFFFF, 2, be);
                    return new Mutation(String.format("tag at %d -> %08X", at, tag), b);
                }
                default -> {
                    if (s.tsUidOffset() < 0) {
                        return new Mutation("nothing (no TS UID found)", b);
                    }
                    String other = OTHER_SYNTAXES[r.nextInt(OTHER_SYNTAXES.length)];
                    byte[] uid = Arrays.copyOf(other.getBytes(StandardCharsets.US_ASCII), s.tsUidLength());
                    System.arraycopy(uid, 0, b, s.tsUidOffset(), uid.length);
                    return new Mutation("transfer syntax -> " + new String(uid, StandardCharsets.US_ASCII).trim(), b);
                }
            }
        }

        /** Mostly near a tag or length field, sometimes anywhere. */
        private static int structural(Random r, Structure s, int size) {
            if (r.nextInt(5) == 0) {
                return r.nextInt(size);
            }
            int base = r.nextBoolean() ? s.tags().get(r.nextInt(s.tags().size()))
                    : s.lengths().get(r.nextInt(s.lengths().size()))[0];
            return Math.max(0, Math.min(size - 1, base + r.nextInt(12) - 2));
        }

        private static long lengthValue(Random r, long old, int size, int fileLength) {
            long[] choices = size == 2
                    ? new long[] {0xFFFF, 0xFFFE, 0x8000, old + 1, old ^ 1, 0, old + 2, Math.max(0, old - 2)}
                    : new long[] {0xFFFFFFFFL, 0xFFFFFFFEL, 0x7FFFFFFFL, 0x80000000L, 0x3FFFFFFEL, 0x00FFFFFEL,
                        (long) fileLength * 2, fileLength - 2, MAX_VALUE_LENGTH + 2L, old + 1, old ^ 1, 0,
                        old + 2, Math.max(0, old - 2), old + 8};
            return choices[r.nextInt(choices.length)] & (size == 2 ? 0xFFFFL : 0xFFFFFFFFL);
        }

        private static long u(byte[] b, int at, int size, Structure s) {
            boolean be = s.bigEndian() && at >= DcmtkFixtures.metaEnd(b);
            long v = 0;
            for (int i = 0; i < size; i++) {
                int shift = be ? 8 * (size - 1 - i) : 8 * i;
                v |= (long) (b[at + i] & 0xFF) << shift;
            }
            return v;
        }

        private static void put(byte[] b, int at, long value, int size, boolean bigEndian) {
            for (int i = 0; i < size; i++) {
                int shift = bigEndian ? 8 * (size - 1 - i) : 8 * i;
                b[at + i] = (byte) (value >>> shift);
            }
        }
    }
}
