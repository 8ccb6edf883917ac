package org.qrarchive.dicom.data;

import static org.qrarchive.dicom.data.CharsetGraphicSet.ESC;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.qrarchive.dicom.data.SpecificCharacterSet.Decoded;
import org.qrarchive.dicom.data.SpecificCharacterSet.Encoded;

/**
 * The character sets built from ISO 2022 graphic sets: the single-byte ones without code extensions (a fixed
 * G0 and G1, escape sequences are not interpreted) and every combination with code extensions (PS3.5
 * §6.1.2.5).
 *
 * <p>With code extensions, G0 and G1 start with the designations of value 1 of (0008,0005) and return to them
 * at each delimiter; the encoder therefore re-designates G0 before a delimiter and at the end of the value,
 * as in the examples of PS3.5 Annex H, and a G1 set again after a delimiter, as in Annex I and K.
 */
final class CharsetIso2022 implements CharsetCodec {
    private static final char REPLACEMENT = '\uFFFD';
    private static final int SPACE = 0x20;
    private static final int DEL = 0x7F;

    /** In the order of (0008,0005): the encoder uses the first one that has a character. */
    private final CharsetGraphicSet[] sets;
    private final CharsetGraphicSet initialG0;
    private final CharsetGraphicSet initialG1;
    private final boolean codeExtensions;

    /**
     * @param sets           {@code sets.get(0)} is the initial G0, a single-byte set mapping ASCII to itself
     *                       (ASCII or JIS X 0201 Roman), which the fast paths rely on
     * @param initialG1      the initial G1, or {@code null} when value 1 designates none
     * @param codeExtensions whether escape sequences are interpreted and written
     */
    CharsetIso2022(List<CharsetGraphicSet> sets, CharsetGraphicSet initialG1, boolean codeExtensions) {
        this.sets = sets.toArray(CharsetGraphicSet[]::new);
        this.initialG0 = this.sets[0];
        this.initialG1 = initialG1;
        this.codeExtensions = codeExtensions;
    }

    boolean codeExtensions() {
        return codeExtensions;
    }

    @Override
    public Decoded decode(byte[] value, String delimiters) {
        if (isPlainAscii(value)) {
            return new Decoded(new String(value, StandardCharsets.ISO_8859_1), false);
        }
        return new Decoding(value, delimiters).run();
    }

    /** Bytes that the initial G0 alone decodes, each to the same char: the common case, without state. */
    private boolean isPlainAscii(byte[] value) {
        for (byte b : value) {
            if (b < 0 || b == ESC && codeExtensions) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Encoded encode(String value, String delimiters) {
        if (isPlainAscii(value)) {
            return new Encoded(value.getBytes(StandardCharsets.ISO_8859_1), false);
        }
        return new Encoding(value, delimiters).run();
    }

    private boolean isPlainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || isEscapeChar(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean canEncode(String value) {
        return value.codePoints().allMatch(cp -> isControl(cp) ? !isEscapeChar(cp) : setFor(cp) != null);
    }

    /** C0 controls and SPACE are the same bytes whatever G0 and G1 hold (they are not graphic characters). */
    private static boolean isControl(int cp) {
        return cp <= SPACE || cp == DEL;
    }

    /** A raw ESC in the text would start an escape sequence the decoder misreads. */
    private boolean isEscapeChar(int cp) {
        return cp == ESC && codeExtensions;
    }

    private CharsetGraphicSet setFor(int cp) {
        for (CharsetGraphicSet set : sets) {
            if (set.table().encode(cp) >= 0) {
                return set;
            }
        }
        return null;
    }

    /** One decoding call: the designations change as escape sequences and delimiters pass by. */
    private final class Decoding {
        private final byte[] in;
        private final String delimiters;
        private final StringBuilder out;
        private CharsetGraphicSet g0 = initialG0;
        private CharsetGraphicSet g1 = initialG1;
        private boolean replaced;

        Decoding(byte[] in, String delimiters) {
            this.in = in;
            this.delimiters = delimiters;
            this.out = new StringBuilder(in.length);
        }

        Decoded run() {
            int i = 0;
            while (i < in.length) {
                int b = in[i] & 0xFF;
                if (b == ESC && codeExtensions) {
                    i = designate(i);
                } else if (isControl(b)) {
                    append(b);
                    i++;
                } else if (b < 0x80) {
                    i = graphic(g0, i, 0x21, 0x7E);
                } else {
                    i = graphic(g1, i, 0xA1, 0xFE);
                }
            }
            return new Decoded(out.toString(), replaced);
        }

        /** ESC, intermediate bytes 02/00..02/15, a final byte 03/00..07/14 (ISO 2022 §13.1). */
        private int designate(int start) {
            int end = start + 1;
            while (end < in.length && in[end] >= 0x20 && in[end] <= 0x2F) {
                end++;
            }
            if (end == in.length || in[end] < 0x30 || in[end] > 0x7E) {
                replace(); // truncated or malformed: drop ESC and its intermediates, go on with what follows
                return end;
            }
            CharsetGraphicSet set = CharsetGraphicSet.forEscape(in, start + 1, end + 1);
            if (set == null) {
                replace();
            } else if (set.element() == 0) {
                g0 = set;
            } else {
                g1 = set;
            }
            return end + 1;
        }

        /**
         * Decodes the character at {@code start} in {@code set}; the second byte of a double-byte character
         * must lie in {@code [low, high]}, the range of the element it is invoked in.
         *
         * @return the index after the character
         */
        private int graphic(CharsetGraphicSet set, int start, int low, int high) {
            if (set == null) { // a G1 byte while value 1 designates no G1 set
                replace();
                return start + 1;
            }
            int p1 = in[start] & 0x7F;
            if (set.width() == 1) {
                appendOrReplace(set.table().decode(p1));
                return start + 1;
            }
            int b2 = start + 1 < in.length ? in[start + 1] & 0xFF : -1;
            if (b2 < low || b2 > high) { // a lone lead byte
                replace();
                return start + 1;
            }
            appendOrReplace(set.table().decode(p1, b2 & 0x7F));
            return start + 2;
        }

        private void appendOrReplace(int c) {
            if (c < 0) {
                replace();
            } else {
                append(c);
            }
        }

        private void append(int c) {
            out.append((char) c);
            if (delimiters.indexOf(c) >= 0) {
                g0 = initialG0;
                g1 = initialG1;
            }
        }

        private void replace() {
            out.append(REPLACEMENT);
            replaced = true;
        }
    }

    /** One encoding call: tracks what the decoder will have designated, to write only needed escapes. */
    private final class Encoding {
        private final String in;
        private final String delimiters;
        private final ByteArrayOutputStream out;
        private CharsetGraphicSet g0 = initialG0;
        private CharsetGraphicSet g1 = initialG1;
        private boolean replaced;

        Encoding(String in, String delimiters) {
            this.in = in;
            this.delimiters = delimiters;
            this.out = new ByteArrayOutputStream(in.length() * 2 + 8);
        }

        Encoded run() {
            int i = 0;
            while (i < in.length()) {
                int cp = in.codePointAt(i);
                i += Character.charCount(cp);
                if (delimiters.indexOf(cp) >= 0) {
                    delimiter(cp);
                } else if (isControl(cp) && !isEscapeChar(cp)) {
                    control(cp);
                } else {
                    graphic(cp);
                }
            }
            restoreG0();
            return new Encoded(out.toByteArray(), replaced);
        }

        /** Delimiters are single-byte characters of the initial G0 (or controls) and reset the decoder. */
        private void delimiter(int cp) {
            restoreG0();
            out.write(cp);
            g1 = initialG1;
        }

        /** SPACE and controls: written as themselves, but not amid a double-byte G0 run. */
        private void control(int cp) {
            if (g0.width() == 2) {
                restoreG0();
            }
            out.write(cp);
        }

        private void graphic(int cp) {
            CharsetGraphicSet set = isEscapeChar(cp) ? null : setFor(cp);
            int code;
            if (set == null) {
                replaced = true;
                set = initialG0;
                code = '?';
            } else {
                code = set.table().encode(cp);
            }
            designate(set);
            int high = set.element() == 0 ? 0 : 0x80;
            if (set.width() == 2) {
                out.write((code >>> 8) | high);
            }
            out.write((code & 0xFF) | high);
        }

        private void designate(CharsetGraphicSet set) {
            if (set.element() == 0 && g0 != set) {
                out.writeBytes(set.escape());
                g0 = set;
            } else if (set.element() == 1 && g1 != set) {
                out.writeBytes(set.escape());
                g1 = set;
            }
        }

        private void restoreG0() {
            if (g0 != initialG0) {
                out.writeBytes(initialG0.escape());
                g0 = initialG0;
            }
        }
    }
}
