package org.qrarchive.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Looks at DICOM files from the outside, without qr-dicom: the Part 10 structure by hand (preamble,
 * "DICM", the explicit VR little endian meta group), the rest through DCMTK ({@code dcmdump},
 * {@code dcmftest}).
 */
public final class DicomFiles {

    public static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
    public static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
    public static final int TRANSFER_SYNTAX_UID = 0x00020010;

    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC",
            "UN", "UR", "UT", "UV");

    private DicomFiles() {
    }

    /** A Part 10 file split into its meta information (text values by tag) and its data set bytes. */
    public record Part10(Map<Integer, String> meta, byte[] dataSet) {
        public String meta(int tag) {
            return meta.get(tag);
        }
    }

    /**
     * Parses {@code file} as a Part 10 file: 128-byte preamble, "DICM", then the group 0002 elements
     * in explicit VR little endian; everything after them is the data set, returned as bytes.
     *
     * @return empty when the file has no "DICM" prefix (a bare data set)
     */
    public static Optional<Part10> readPart10(Path file) {
        byte[] bytes = read(file);
        if (bytes.length < 132 || !"DICM".equals(new String(bytes, 128, 4, StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.position(132);
        Map<Integer, String> meta = new LinkedHashMap<>();
        while (b.remaining() >= 8) {
            int start = b.position();
            int group = b.getShort() & 0xFFFF;
            if (group != 0x0002) {
                b.position(start);
                break;
            }
            int element = b.getShort() & 0xFFFF;
            String vr = new String(new byte[] {b.get(), b.get()}, StandardCharsets.US_ASCII);
            long length;
            if (LONG_VRS.contains(vr)) {
                b.getShort();
                length = b.getInt() & 0xFFFFFFFFL;
            } else {
                length = b.getShort() & 0xFFFF;
            }
            byte[] value = new byte[(int) length];
            b.get(value);
            meta.put(group << 16 | element, "UI".equals(vr) || "SH".equals(vr) || "AE".equals(vr)
                    ? trim(new String(value, StandardCharsets.US_ASCII)) : hex(value));
        }
        return Optional.of(new Part10(meta, Arrays.copyOfRange(bytes, b.position(), bytes.length)));
    }

    /** The data set bytes of a Part 10 file (an {@link AssertionError} if it is not one). */
    public static byte[] dataSetBytes(Path part10File) {
        return readPart10(part10File).orElseThrow(() -> new AssertionError("Not a Part 10 file: " + part10File))
                .dataSet();
    }

    /**
     * Replaces the NUL padding of the UI values {@code tags} (top-level elements of an explicit VR
     * little endian data set, odd-length values padded to even) with a space: what a peer that
     * space-pads UIDs sends. DCMTK removes such spaces when it reads a file, so storescu cannot send
     * them; the raw client ({@link RawStore}) sends these bytes as they are.
     */
    public static byte[] spacePadUids(byte[] explicitLeDataSet, int... tags) {
        byte[] out = explicitLeDataSet.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> wanted = new ArrayList<>();
        for (int t : tags) {
            wanted.add(t);
        }
        while (b.remaining() >= 8 && !wanted.isEmpty()) {
            int tag = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
            String vr = new String(new byte[] {b.get(), b.get()}, StandardCharsets.US_ASCII);
            long length;
            if (LONG_VRS.contains(vr)) {
                b.getShort();
                length = b.getInt() & 0xFFFFFFFFL;
                if (length == 0xFFFFFFFFL) {
                    throw new IllegalArgumentException("undefined length at " + Integer.toHexString(tag));
                }
            } else {
                length = b.getShort() & 0xFFFF;
            }
            if (wanted.remove((Integer) tag)) {
                int last = b.position() + (int) length - 1;
                if (!"UI".equals(vr) || out[last] != 0) {
                    throw new IllegalArgumentException(String.format(
                            "(%04X,%04X) is not a NUL-padded UI value (VR %s, last byte %d)",
                            tag >>> 16, tag & 0xFFFF, vr, out[last]));
                }
                out[last] = ' ';
            }
            b.position(b.position() + (int) length);
        }
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException("not found: " + wanted);
        }
        return out;
    }

    /** What a DCMTK file tool printed (stdout and stderr, read as ISO 8859-1: values are not UTF-8). */
    public record ToolRun(List<String> command, int exitCode, String output) {
        public String describe() {
            return "$ " + String.join(" ", command) + "\nexit code " + exitCode + "\n--- output ---\n" + output
                    + "--------------";
        }
    }

    /**
     * Runs a DCMTK file tool (dump2dcm, dcmdump, ...) to its end. Unlike {@link ProcessRunner} its
     * output is read as ISO 8859-1, since dcmdump prints values in the character set of the object.
     * Most of a run is loading the data dictionaries (dicom.dic and private.dic, as text): with
     * DCMDICTPATH naming dicom.dic alone it takes half the time, and the test objects use standard
     * tags only.
     */
    public static ToolRun runTool(Duration timeout, List<String> command) {
        Path out = null;
        try {
            out = Files.createTempFile("qr-it-tool-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (STANDARD_DICTIONARY != null) {
                builder.environment().put("DCMDICTPATH", STANDARD_DICTIONARY);
            }
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms: " + String.join(" ", command));
            }
            return new ToolRun(List.copyOf(command), process.exitValue(),
                    new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** DCMTK's dicom.dic (/usr/share/libdcmtk<N>/dicom.dic), unless DCMDICTPATH is set already. */
    private static final String STANDARD_DICTIONARY = standardDictionary();

    private static String standardDictionary() {
        if (System.getenv("DCMDICTPATH") != null) {
            return null;
        }
        try (var dirs = Files.newDirectoryStream(Path.of("/usr/share"), "libdcmtk*")) {
            for (Path dir : dirs) {
                Path dic = dir.resolve("dicom.dic");
                if (Files.isRegularFile(dic)) {
                    return dic.toString();
                }
            }
        } catch (IOException e) {
            // no such directory: DCMTK's built-in default then
        }
        return null;
    }

    /** dcmftest: whether DCMTK considers {@code file} a Part 10 file ("yes: ..." and exit code 0). */
    public static ToolRun dcmftest(Path file) {
        return runTool(Duration.ofSeconds(30), List.of(Dcmtk.require("dcmftest").toString(), file.toString()));
    }

    /** {@code dcmdump +L [extra] file}; fails the test when dcmdump fails. */
    public static String dcmdump(Path file, String... extra) {
        List<String> command = new ArrayList<>();
        command.add(Dcmtk.require("dcmdump").toString());
        command.add("+L"); // long values in full: pixel data compared word by word
        command.addAll(List.of(extra));
        command.add(file.toString());
        ToolRun result = runTool(Duration.ofSeconds(30), command);
        if (result.exitCode() != 0) {
            throw new AssertionError("dcmdump failed:\n" + result.describe());
        }
        return result.output();
    }

    /** The transfer syntax dcmdump reports for the data set ("# Used TransferSyntax: ..." after "# Dicom-Data-Set"). */
    public static String dumpedDataSetSyntax(String dump) {
        int ds = dump.indexOf("# Dicom-Data-Set");
        int at = dump.indexOf("# Used TransferSyntax: ", Math.max(ds, 0));
        if (at < 0) {
            throw new AssertionError("no transfer syntax in dump:\n" + dump);
        }
        int end = dump.indexOf('\n', at);
        return dump.substring(at + "# Used TransferSyntax: ".length(), end < 0 ? dump.length() : end).trim();
    }

    /**
     * The data set part of a dcmdump output, without what depends on the transfer syntax: the meta
     * information, the "Used TransferSyntax" line, and the value length column ("#  26, 1 Name"
     * becomes "# 1 Name"), which differs for sequences and items between explicit and implicit VR.
     * Tag, VR, value, VM and keyword stay.
     */
    public static List<String> dataSetLinesWithoutLengths(String dump) {
        int ds = dump.indexOf("# Dicom-Data-Set");
        String body = ds < 0 ? dump : dump.substring(ds);
        List<String> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("# ")) {
                continue;
            }
            // "(gggg,eeee) VR value    #  len, vm Keyword": drop "len," keeping VM and keyword
            lines.add(line.replaceAll("#\\s*(u/l|\\d+),\\s*(\\d+)\\s+", "# $2 ").stripTrailing());
        }
        return lines;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String trim(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\0' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String hex(byte[] value) {
        StringBuilder sb = new StringBuilder();
        for (byte v : value) {
            sb.append(String.format("%02x", v));
        }
        return sb.toString();
    }
}
