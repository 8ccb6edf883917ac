package org.qrarchive.dicom.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.util.Arrays;

/**
 * The mapping between the positions of one ISO 2022 graphic character set (a 94 or 96 character set, or a
 * 94 x 94 double-byte set) and UTF-16, built once by decoding every position with a JDK charset.
 *
 * <p>Positions are the 7-bit values (0x21..0x7E, or 0x20..0x7F for 96 sets) independent of whether the set is
 * invoked in G0 or G1; a double-byte code is {@code first << 8 | second}. Tables instead of JDK coders keep
 * {@link SpecificCharacterSet} stateless (JDK coders are neither thread-safe nor aware of escape sequences)
 * and give an exact answer to "is this character in this set".
 */
final class CharsetTable {
    private static final char UNASSIGNED = 0;

    private final int first;
    private final int size;
    private final int width;
    /** By position index; {@link #UNASSIGNED} where the set has no character. */
    private final char[] chars;
    /** The assigned characters, ascending, with their codes at the same index: the reverse map. */
    private final char[] sortedChars;
    private final int[] sortedCodes;

    private CharsetTable(int first, int size, int width, char[] chars) {
        this.first = first;
        this.size = size;
        this.width = width;
        this.chars = chars;
        long[] pairs = new long[chars.length];
        int n = 0;
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] != UNASSIGNED) {
                pairs[n++] = ((long) chars[i] << 32) | codeOf(i);
            }
        }
        Arrays.sort(pairs, 0, n);
        char[] sc = new char[n];
        int[] codes = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            char c = (char) (pairs[i] >>> 32);
            if (m == 0 || sc[m - 1] != c) { // a character at two positions encodes to the lower one
                sc[m] = c;
                codes[m++] = (int) pairs[i];
            }
        }
        this.sortedChars = Arrays.copyOf(sc, m);
        this.sortedCodes = Arrays.copyOf(codes, m);
    }

    /**
     * @param jdkCharset decodes the set's characters; a runtime without it gets an empty table, so its bytes
     *                   decode as U+FFFD instead of failing
     * @param prefix     bytes the JDK charset needs before each code (0x8F selects JIS X 0212 in EUC-JP)
     * @param highBit    0x80 when the JDK charset expects the set in the upper half (EUC and ISO 8859 forms)
     * @param set94      {@code true} for 94 positions from 0x21, {@code false} for 96 positions from 0x20
     * @param width      1 or 2 bytes per character
     */
    static CharsetTable build(String jdkCharset, byte[] prefix, int highBit, boolean set94, int width) {
        int first = set94 ? 0x21 : 0x20;
        int size = set94 ? 94 : 96;
        char[] chars = new char[width == 1 ? size : size * size];
        if (Charset.isSupported(jdkCharset)) {
            CharsetDecoder decoder = Charset.forName(jdkCharset).newDecoder();
            ByteBuffer in = ByteBuffer.allocate(prefix.length + width);
            CharBuffer out = CharBuffer.allocate(2);
            for (int i = 0; i < chars.length; i++) {
                in.clear().put(prefix);
                int code = codeOf(i, first, size, width);
                if (width == 2) {
                    in.put((byte) ((code >>> 8) | highBit));
                }
                in.put((byte) ((code & 0xFF) | highBit)).flip();
                chars[i] = decodeOne(decoder, in, out.clear());
            }
        }
        return new CharsetTable(first, size, width, chars);
    }

    private static char decodeOne(CharsetDecoder decoder, ByteBuffer in, CharBuffer out) {
        decoder.reset();
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError() || r.isOverflow() || in.hasRemaining() || out.position() != 1) {
            return UNASSIGNED;
        }
        char c = out.get(0);
        return c == '\uFFFD' ? UNASSIGNED : c;
    }

    int width() {
        return width;
    }

    /** @return the character at a single-byte position (7-bit), or -1 when the set has none there */
    int decode(int position) {
        int i = position - first;
        return i < 0 || i >= size || width != 1 ? -1 : charAt(i);
    }

    /** @return the character at a double-byte position (7-bit bytes), or -1 when the set has none there */
    int decode(int position1, int position2) {
        int i1 = position1 - first;
        int i2 = position2 - first;
        return i1 < 0 || i1 >= size || i2 < 0 || i2 >= size || width != 2 ? -1 : charAt(i1 * size + i2);
    }

    private int charAt(int index) {
        char c = chars[index];
        return c == UNASSIGNED ? -1 : c;
    }

    /** @return the 7-bit code of a code point ({@code first << 8 | second} for double-byte sets), or -1 */
    int encode(int codePoint) {
        if (codePoint > Character.MAX_VALUE) {
            return -1;
        }
        int i = Arrays.binarySearch(sortedChars, (char) codePoint);
        return i < 0 ? -1 : sortedCodes[i];
    }

    private int codeOf(int index) {
        return codeOf(index, first, size, width);
    }

    private static int codeOf(int index, int first, int size, int width) {
        return width == 1 ? first + index : ((first + index / size) << 8) | (first + index % size);
    }
}
