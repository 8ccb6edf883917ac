package org.qrarchive.dicom.data.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.BulkData;
import org.qrarchive.dicom.data.Fragments;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;

/**
 * One canonical text form of a data set, made either from {@code dcmdump -Un +L} output or from our
 * {@link Attributes}, so that the two can be compared with {@code assertEquals}.
 *
 * <p>Keys are tag paths: {@code (0010,0010)} at top level, {@code (0008,1140)[0]} for an item,
 * {@code (0008,1140)[0].(0008,1150)} inside it, {@code (7FE0,0010)[1]} for a fragment. Values:
 * <ul>
 * <li>an element: {@code VR value #length}, the value as dcmdump prints it ({@code [text]}, numbers
 * separated by backslash, hex bytes or words, {@code (no value available)}); dcmdump's {@code ??} (a VR
 * unknown in implicit VR) becomes {@code UN}; floating point numbers are re-printed by Java
 * ({@link Float#toString}/{@link Double#toString}) so that precision conventions do not matter; values
 * longer than {@value #MAX_TEXT} characters are replaced by their SHA-256;</li>
 * <li>a sequence: {@code SQ #=items}, an item: {@code item} (lengths vary with the encoding
 * options, so they are left out);</li>
 * <li>encapsulated pixel data: {@code VR fragments #=n}, a fragment: {@code pi value #length}.</li>
 * </ul>
 */
final class DumpMap {
    static final int MAX_TEXT = 256;
    static final String NO_VALUE = "(no value available)";

    private static final Pattern LINE = Pattern.compile(
            "^( *)\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\S\\S) (.*?) *# *(u/l|\\d+), *(\\d+) (.*)$");
    private static final Pattern ITEM_COUNT = Pattern.compile("#=(\\d+)\\)");

    private DumpMap() {
    }

    // ------------------------------------------------------------------ dcmdump side

    /** Parses {@code dcmdump -Un +L} output (indented format) into the canonical map. */
    static Map<String, String> parse(String dcmdumpOutput) {
        Map<String, String> map = new LinkedHashMap<>();
        List<String> prefixAtDepth = new ArrayList<>(List.of(""));
        List<String> sequenceAtDepth = new ArrayList<>();
        List<Integer> itemsAtDepth = new ArrayList<>();
        for (String line : dcmdumpOutput.split("\r?\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("unexpected dcmdump line: " + DcmtkFixtures.abbreviate(line));
            }
            int depth = m.group(1).length() / 2;
            String tag = "(" + m.group(2).toUpperCase() + "," + m.group(3).toUpperCase() + ")";
            String vr = m.group(4);
            String value = m.group(5);
            String length = m.group(6);
            if (tag.equals("(FFFE,E00D)") || tag.equals("(FFFE,E0DD)")) {
                continue;
            }
            if (tag.equals("(FFFE,E000)")) {
                // an item of the sequence (or pixel sequence) one level up
                String sequence = sequenceAtDepth.get(depth - 1);
                int index = itemsAtDepth.get(depth - 1);
                itemsAtDepth.set(depth - 1, index + 1);
                String key = sequence + "[" + index + "]";
                if (vr.equals("pi")) {
                    map.put(key, "pi " + shorten(value) + " #" + length);
                } else {
                    map.put(key, "item");
                    setAt(prefixAtDepth, depth + 1, key + ".");
                }
                continue;
            }
            String key = prefixAtDepth.get(depth) + tag;
            if (vr.equals("SQ") || value.startsWith("(PixelSequence")) {
                Matcher count = ITEM_COUNT.matcher(value);
                if (!count.find()) {
                    throw new IllegalArgumentException("no item count in: " + line);
                }
                map.put(key, vr.equals("SQ") ? "SQ #=" + count.group(1) : vr + " fragments #=" + count.group(1));
                setAt(sequenceAtDepth, depth, key);
                setAt(itemsAtDepth, depth, 0);
                continue;
            }
            if (vr.equals("??")) {
                vr = "UN";
            }
            map.put(key, vr + " " + canonicalValue(vr, value) + " #" + length);
        }
        return map;
    }

    private static String canonicalValue(String vr, String value) {
        if (value.equals(NO_VALUE)) {
            return value;
        }
        boolean isFloat = vr.equals("FL") || vr.equals("OF");
        if (isFloat || vr.equals("FD") || vr.equals("OD")) {
            String[] tokens = value.split("\\\\", -1);
            StringBuilder sb = new StringBuilder();
            for (String t : tokens) {
                double d = Double.parseDouble(t);
                sb.append(sb.length() == 0 ? "" : "\\").append(isFloat ? Float.toString((float) d) : Double.toString(d));
            }
            return sb.toString();
        }
        return shorten(value);
    }

    private static <T> void setAt(List<T> list, int index, T value) {
        while (list.size() <= index) {
            list.add(null);
        }
        list.set(index, value);
    }

    // ------------------------------------------------------------------ our side

    /** The canonical map of our file meta information (may be null) and data set. */
    static Map<String, String> of(Attributes fileMeta, Attributes dataset) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        if (fileMeta != null) {
            add(map, "", fileMeta);
        }
        add(map, "", dataset);
        return map;
    }

    private static void add(Map<String, String> map, String prefix, Attributes attrs) throws IOException {
        for (int tag : tags(attrs)) {
            String key = prefix + Tag.toString(tag);
            VR vr = attrs.getVR(tag);
            Object value = attrs.getValue(tag);
            if (value instanceof List<?>) {
                List<Attributes> items = attrs.getSequence(tag);
                map.put(key, "SQ #=" + items.size());
                for (int i = 0; i < items.size(); i++) {
                    String itemKey = key + "[" + i + "]";
                    map.put(itemKey, "item");
                    add(map, itemKey + ".", items.get(i));
                }
            } else if (value instanceof Fragments f) {
                map.put(key, vr + " fragments #=" + f.size());
                for (int i = 0; i < f.size(); i++) {
                    byte[] b = bytesOf(f.items().get(i));
                    map.put(key + "[" + i + "]", "pi " + shorten(text(VR.OB, b, false)) + " #" + b.length);
                }
            } else {
                byte[] b = bytesOf(value);
                map.put(key, vr + " " + shorten(text(vr, b, attrs.bigEndian())) + " #" + b.length);
            }
        }
    }

    static List<Integer> tags(Attributes attrs) {
        List<Integer> tags = new ArrayList<>();
        attrs.forEachTag(tags::add);
        return tags;
    }

    static byte[] bytesOf(Object value) throws IOException {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof BulkData bulk) {
            return bulk.readAll();
        }
        throw new IllegalArgumentException("not a plain value: " + value);
    }

    /** A value as dcmdump prints it (before {@link #shorten}). */
    static String text(VR vr, byte[] b, boolean bigEndian) {
        if (b.length == 0) {
            return NO_VALUE;
        }
        return switch (vr) {
            case AE, AS, CS, DA, DS, DT, IS, LO, LT, PN, SH, ST, TM, UC, UR, UT, UI -> {
                String s = new String(b, StandardCharsets.ISO_8859_1);
                int end = s.length();
                while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
                    end--;
                }
                yield "[" + s.substring(0, end) + "]";
            }
            case US -> join(b, 2, off -> String.valueOf(u16(b, off, bigEndian)));
            case SS -> join(b, 2, off -> String.valueOf((short) u16(b, off, bigEndian)));
            case UL, OL -> join(b, 4, off -> Integer.toUnsignedString(i32(b, off, bigEndian)));
            case SL -> join(b, 4, off -> String.valueOf(i32(b, off, bigEndian)));
            case UV, OV -> join(b, 8, off -> Long.toUnsignedString(i64(b, off, bigEndian)));
            case SV -> join(b, 8, off -> String.valueOf(i64(b, off, bigEndian)));
            case FL, OF -> join(b, 4, off -> Float.toString(Float.intBitsToFloat(i32(b, off, bigEndian))));
            case FD, OD -> join(b, 8, off -> Double.toString(Double.longBitsToDouble(i64(b, off, bigEndian))));
            case AT -> join(b, 4, off -> String.format("(%04x,%04x)", u16(b, off, bigEndian),
                    u16(b, off + 2, bigEndian)));
            case OW -> join(b, 2, off -> String.format("%04x", u16(b, off, bigEndian)));
            case OB, UN -> join(b, 1, off -> String.format("%02x", b[off] & 0xFF));
            default -> throw new IllegalArgumentException("no dcmdump text for VR " + vr);
        };
    }

    /** The values of each {@code unit}-byte word, separated by backslash as dcmdump does. */
    private static String join(byte[] b, int unit, IntFunction<String> valueAt) {
        StringBuilder sb = new StringBuilder();
        for (int off = 0; off + unit <= b.length; off += unit) {
            if (off > 0) {
                sb.append('\\');
            }
            sb.append(valueAt.apply(off));
        }
        return sb.toString();
    }

    static int u16(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF) : ((b[off + 1] & 0xFF) << 8) | (b[off] & 0xFF);
    }

    static int i32(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? (u16(b, off, true) << 16) | u16(b, off + 2, true)
                : (u16(b, off + 2, false) << 16) | u16(b, off, false);
    }

    static long i64(byte[] b, int off, boolean bigEndian) {
        long first = i32(b, off, bigEndian) & 0xFFFFFFFFL;
        long second = i32(b, off + 4, bigEndian) & 0xFFFFFFFFL;
        return bigEndian ? (first << 32) | second : (second << 32) | first;
    }

    // ------------------------------------------------------------------ comparing

    static String shorten(String value) {
        if (value.length() <= MAX_TEXT) {
            return value;
        }
        return "<sha256 " + sha256(value.getBytes(StandardCharsets.ISO_8859_1)).substring(0, 16) + ", "
                + value.length() + " chars>";
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entries whose key {@code keep} accepts, sorted by key. */
    static Map<String, String> filter(Map<String, String> map, Predicate<String> keep) {
        Map<String, String> out = new TreeMap<>();
        map.forEach((k, v) -> {
            if (keep.test(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Whether a key is a group length element at any level, e.g. {@code (0008,1140)[0].(0008,0000)}. */
    static boolean isGroupLength(String key) {
        return key.endsWith(",0000)");
    }

    /** Whether a key is (or is inside) data set trailing padding (FFFC,FFFC). */
    static boolean isPadding(String key) {
        return key.endsWith("(FFFC,FFFC)");
    }

    /**
     * A readable difference of two canonical maps ("" when equal): missing, unexpected and different
     * entries, at most {@code limit} lines.
     */
    static String diff(Map<String, String> expected, Map<String, String> actual, int limit) {
        List<String> lines = new ArrayList<>();
        Map<String, String> all = new TreeMap<>(expected);
        actual.forEach(all::putIfAbsent);
        for (String key : all.keySet()) {
            String e = expected.get(key);
            String a = actual.get(key);
            if (e == null) {
                lines.add("  unexpected " + key + " = " + a);
            } else if (a == null) {
                lines.add("  missing    " + key + " = " + e);
            } else if (!e.equals(a)) {
                lines.add("  different  " + key + ": expected " + e + " but was " + a);
            }
        }
        if (lines.isEmpty()) {
            return "";
        }
        int shown = Math.min(limit, lines.size());
        return lines.size() + " difference(s):\n" + String.join("\n", lines.subList(0, shown))
                + (shown < lines.size() ? "\n  ..." : "");
    }
}
