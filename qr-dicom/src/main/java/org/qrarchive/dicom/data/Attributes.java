package org.qrarchive.dicom.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A data set: elements sorted by tag, each with its VR and value.
 *
 * <p>A value is kept as the bytes of the encoding it came in ({@link #bigEndian()} tells the byte order
 * of binary values), or as a list of items for SQ. Elements are kept in sorted arrays because data sets
 * are read in tag order, so appending is the common case and costs no search.
 */
public final class Attributes {
    private static final byte[] EMPTY = {};

    private final boolean bigEndian;
    private Attributes parent;
    private SpecificCharacterSet charset;
    private int[] tags;
    private VR[] vrs;
    private Object[] values;
    private int size;

    public Attributes() {
        this(false, 16);
    }

    public Attributes(boolean bigEndian, int capacity) {
        this.bigEndian = bigEndian;
        this.tags = new int[Math.max(capacity, 4)];
        this.vrs = new VR[tags.length];
        this.values = new Object[tags.length];
    }

    public boolean bigEndian() {
        return bigEndian;
    }

    /** The data set holding this one as a sequence item, or {@code null} at the top level. */
    public Attributes parent() {
        return parent;
    }

    void setParent(Attributes parent) {
        this.parent = parent;
        this.charset = null;
    }

    /**
     * The character set of this data set's text: its own Specific Character Set (0008,0005), else the
     * enclosing data set's, else the default repertoire.
     */
    public SpecificCharacterSet specificCharacterSet() {
        SpecificCharacterSet cs = charset;
        if (cs == null) {
            int i = indexOf(Tag.SpecificCharacterSet);
            if (i >= 0 && values[i] instanceof byte[] b) {
                cs = SpecificCharacterSet.valueOf(splitValues(new String(b, StandardCharsets.US_ASCII), VR.CS));
            } else {
                cs = parent != null ? parent.specificCharacterSet() : SpecificCharacterSet.DEFAULT;
            }
            charset = cs;
        }
        return cs;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    public VR getVR(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? vrs[i] : null;
    }

    /** Calls {@code action} with each tag in ascending order. */
    public void forEachTag(IntConsumer action) {
        for (int i = 0; i < size; i++) {
            action.accept(tags[i]);
        }
    }

    /** The raw value bytes, or {@code null} when absent or a sequence. */
    public byte[] getBytes(int tag) {
        int i = indexOf(tag);
        return i >= 0 && values[i] instanceof byte[] b ? b : null;
    }

    /** The items of a sequence, or {@code null} when absent or not a sequence. */
    @SuppressWarnings("unchecked")
    public List<Attributes> getSequence(int tag) {
        int i = indexOf(tag);
        return i >= 0 && values[i] instanceof List<?> l ? (List<Attributes>) l : null;
    }

    /** The first value of a text element with its padding removed, or {@code null} when absent. */
    public String getString(int tag) {
        String[] all = getStrings(tag);
        return all == null ? null : all.length == 0 ? "" : all[0];
    }

    /** All values of a text element (split at backslash, padding removed), or {@code null} when absent. */
    public String[] getStrings(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b)) {
            return null;
        }
        if (b.length == 0) {
            return new String[0];
        }
        VR vr = vrs[i];
        String s = vr.charsetApplies() ? specificCharacterSet().decode(b, vr)
                : new String(b, StandardCharsets.ISO_8859_1);
        return splitValues(s, vr);
    }

    /** Splits at backslash (after decoding: in GBK a backslash byte can be half of a character). */
    private static String[] splitValues(String s, VR vr) {
        String[] parts = vr == VR.UT || vr == VR.LT || vr == VR.ST || vr == VR.UR
                ? new String[] {s} : s.split("\\\\", -1);
        for (int k = 0; k < parts.length; k++) {
            parts[k] = trimPadding(parts[k]);
        }
        return parts;
    }

    /**
     * The first value of an integer element: binary (US, UL, SS, SL) or text (IS).
     *
     * @return {@code defaultValue} when absent, empty or not a number
     */
    public int getInt(int tag, int defaultValue) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b)) {
            return defaultValue;
        }
        return switch (vrs[i]) {
            case US -> b.length >= 2 ? ByteOrder.u16(b, 0, bigEndian) : defaultValue;
            case SS -> b.length >= 2 ? (short) ByteOrder.u16(b, 0, bigEndian) : defaultValue;
            case UL, SL -> b.length >= 4 ? ByteOrder.i32(b, 0, bigEndian) : defaultValue;
            case IS -> parseIntOr(getString(tag), defaultValue);
            default -> defaultValue;
        };
    }

    /**
     * The value as held: {@code byte[]}, {@code List<Attributes>} (sequence), {@link BulkData} or
     * {@link Fragments}; {@code null} when absent.
     */
    public Object getValue(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? values[i] : null;
    }

    /** Sets a large value that stays in its file. */
    public Attributes setBulkData(int tag, VR vr, BulkData value) {
        return put(tag, vr, value);
    }

    /** Sets encapsulated pixel data. */
    public Attributes setFragments(int tag, VR vr, Fragments value) {
        return put(tag, vr, value);
    }

    public Attributes setBytes(int tag, VR vr, byte[] value) {
        return put(tag, vr, value == null ? EMPTY : value);
    }

    /** Sets text values joined with backslash, padded to even length as the VR requires. */
    public Attributes setString(int tag, VR vr, String... values) {
        String joined = values == null ? "" : String.join("\\", values);
        byte[] b = vr.charsetApplies() ? specificCharacterSet().encode(joined, vr)
                : joined.getBytes(StandardCharsets.ISO_8859_1);
        if ((b.length & 1) != 0) {
            b = Arrays.copyOf(b, b.length + 1);
            b[b.length - 1] = (byte) vr.padding();
        }
        return put(tag, vr, b);
    }

    /** Sets binary integer values (US, SS, UL, SL) in this data set's byte order. */
    public Attributes setInt(int tag, VR vr, int... values) {
        int unit = vr.swapUnit();
        if (unit != 2 && unit != 4) {
            throw new IllegalArgumentException("not a binary integer VR: " + vr);
        }
        byte[] b = new byte[values.length * unit];
        for (int k = 0; k < values.length; k++) {
            if (unit == 2) {
                ByteOrder.put16(b, k * 2, values[k], bigEndian);
            } else {
                ByteOrder.put32(b, k * 4, values[k], bigEndian);
            }
        }
        return put(tag, vr, b);
    }

    /**
     * Copies element {@code tag} of {@code from} into this data set as it is: value bytes unchanged (swapped
     * if the two data sets differ in byte order), sequences item by item. Text stays in the bytes of
     * {@code from}'s character set: copy into a data set with the same Specific Character Set.
     *
     * @return whether {@code from} has the element
     */
    public boolean copyFrom(Attributes from, int tag) {
        int i = from.indexOf(tag);
        if (i < 0) {
            return false;
        }
        VR vr = from.vrs[i];
        Object value = from.values[i];
        if (value instanceof Sequence items) {
            List<Attributes> copies = newSequence(tag);
            for (Attributes item : items) {
                Attributes copy = new Attributes(item.bigEndian, item.size);
                copies.add(copy);
                for (int k = 0; k < item.size; k++) {
                    copy.copyFrom(item, item.tags[k]);
                }
            }
        } else if (value instanceof byte[] b && bigEndian != from.bigEndian && vr.swapUnit() > 1) {
            byte[] swapped = b.clone();
            ByteOrder.swap(swapped, vr.swapUnit());
            put(tag, vr, swapped);
        } else {
            put(tag, vr, value); // values are never changed in place: sharing them is safe
        }
        return true;
    }

    /** Creates (or replaces) a sequence element and returns its mutable item list. */
    public List<Attributes> newSequence(int tag) {
        Sequence items = new Sequence(this);
        put(tag, VR.SQ, items);
        return items;
    }

    public Object remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        Object old = values[i];
        int tail = size - i - 1;
        System.arraycopy(tags, i + 1, tags, i, tail);
        System.arraycopy(vrs, i + 1, vrs, i, tail);
        System.arraycopy(values, i + 1, values, i, tail);
        size--;
        values[size] = null;
        return old;
    }

    Object value(int index) {
        return values[index];
    }

    int tagAt(int index) {
        return tags[index];
    }

    VR vrAt(int index) {
        return vrs[index];
    }

    Attributes put(int tag, VR vr, Object value) {
        if (tag == Tag.SpecificCharacterSet) {
            charset = null;
        }
        int i = size > 0 && Integer.compareUnsigned(tags[size - 1], tag) < 0 ? -size - 1 : indexOf(tag);
        if (i >= 0) {
            vrs[i] = vr;
            values[i] = value;
            return this;
        }
        int at = -i - 1;
        if (size == tags.length) {
            int n = size * 2;
            tags = Arrays.copyOf(tags, n);
            vrs = Arrays.copyOf(vrs, n);
            values = Arrays.copyOf(values, n);
        }
        int tail = size - at;
        System.arraycopy(tags, at, tags, at + 1, tail);
        System.arraycopy(vrs, at, vrs, at + 1, tail);
        System.arraycopy(values, at, values, at + 1, tail);
        tags[at] = tag;
        vrs[at] = vr;
        values[at] = value;
        size++;
        return this;
    }

    /** Binary search in unsigned tag order (private and delimiter groups sort above 0x7FFF). */
    private int indexOf(int tag) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(tags[mid], tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    private static String trimPadding(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start, end);
    }

    private static int parseIntOr(String s, int defaultValue) {
        try {
            return s == null || s.isEmpty() ? defaultValue : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            sb.append(Tag.toString(tags[i])).append(' ').append(vrs[i]).append(' ');
            if (values[i] instanceof byte[] b) {
                sb.append(vrs[i].isText() || vrs[i] == VR.UI
                        ? '[' + String.join("\\", getStrings(tags[i])) + ']'
                        : "#" + b.length + (vrs[i] == VR.US || vrs[i] == VR.UL ? " " + getInt(tags[i], 0) : ""));
            } else if (values[i] instanceof List<?> items) {
                sb.append(items.size()).append(" item(s)");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
