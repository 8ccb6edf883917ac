package org.qrarchive.dicom.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Specific Character Set (0008,0005): decoding and encoding of the text VRs it applies to, SH, LO, UC, ST, LT,
 * UT and PN (PS3.5 §6.1, Annexes H to K). Other VRs always use the default repertoire.
 *
 * <p>Supported: the default repertoire (absent value, ISO_IR 6), the single-byte sets ISO_IR 100, 101, 109,
 * 110, 144, 127, 126, 138, 148, 203, 13 and 166 with and without code extensions, the double-byte ISO 2022
 * sets IR 87, 159, 149 and 58, and ISO_IR 192 (UTF-8), GB18030 and GBK. Unknown defined terms fall back to
 * the default repertoire and are listed by {@link #unknownTerms()}.
 *
 * <p>Values are decoded and encoded whole, with their backslash delimiters: callers split the decoded
 * {@code String} at '\' and join values with '\' before encoding, never split bytes, because a GBK, GB18030
 * or ISO 2022 double-byte character may contain the byte 0x5C (PS3.5 §6.1.2.3). Padding is left to callers.
 *
 * <p>Decoding never throws: bytes the character set cannot decode become U+FFFD; encoding writes '?' for
 * characters no declared set has. The {@code ...Reporting} methods tell whether that happened.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SpecificCharacterSet {
    /** A decoded value, {@code replaced} when some bytes were undecodable and became U+FFFD. */
    public record Decoded(String text, boolean replaced) {
    }

    /** An encoded value, {@code replaced} when some characters were unencodable and became '?'. */
    public record Encoded(byte[] bytes, boolean replaced) {
    }

    private static final CharsetCodec DEFAULT_CODEC =
            new CharsetIso2022(CharsetTerm.IR_6.sets(), null, false);

    /** The default repertoire: (0008,0005) absent or empty. */
    public static final SpecificCharacterSet DEFAULT =
            new SpecificCharacterSet(new String[0], List.of(), DEFAULT_CODEC);

    /** Enough for every combination an archive meets; a cap, since codes come from untrusted data. */
    private static final int MAX_CACHED = 64;
    private static final Map<List<String>, SpecificCharacterSet> CACHE = new ConcurrentHashMap<>();

    /** PS3.5 §6.1.2.5.3: where the ISO 2022 state returns to the initial designation. */
    private static final String LINE_DELIMITERS = "\r\n\f\t";
    private static final String MULTI_VALUE_DELIMITERS = "\\" + LINE_DELIMITERS;
    private static final String PERSON_NAME_DELIMITERS = "\\^=" + LINE_DELIMITERS;

    private final String[] codes;
    private final List<String> unknownTerms;
    private final CharsetCodec codec;

    private SpecificCharacterSet(String[] codes, List<String> unknownTerms, CharsetCodec codec) {
        this.codes = codes;
        this.unknownTerms = unknownTerms;
        this.codec = codec;
    }

    /**
     * @param codes the values of (0008,0005); {@code null} or blank values are empty, trailing empty values
     *              are dropped, and none at all means {@link #DEFAULT}
     */
    public static SpecificCharacterSet valueOf(String... codes) {
        List<String> key = normalize(codes);
        if (key.isEmpty()) {
            return DEFAULT;
        }
        SpecificCharacterSet cs = CACHE.get(key);
        if (cs == null) {
            cs = create(key);
            if (CACHE.size() < MAX_CACHED) {
                CACHE.putIfAbsent(key, cs);
            }
        }
        return cs;
    }

    private static List<String> normalize(String[] codes) {
        List<String> list = new ArrayList<>();
        if (codes != null) {
            for (String code : codes) {
                list.add(code == null ? "" : code.trim());
            }
        }
        while (!list.isEmpty() && list.get(list.size() - 1).isEmpty()) {
            list.remove(list.size() - 1);
        }
        return List.copyOf(list);
    }

    private static SpecificCharacterSet create(List<String> codes) {
        List<String> unknown = new ArrayList<>();
        List<CharsetTerm> terms = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            CharsetTerm term = code.isEmpty() && i == 0 ? CharsetTerm.IR_6 : CharsetTerm.forCode(code);
            if (term == null && !code.isEmpty()) {
                unknown.add(code);
            }
            // an unknown value 1 still holds the place of the initial designation: the default repertoire
            terms.add(term == null && i == 0 ? CharsetTerm.IR_6 : term);
        }
        CharsetCodec codec = codecFor(terms, codes, unknown);
        return new SpecificCharacterSet(codes.toArray(String[]::new), List.copyOf(unknown), codec);
    }

    private static CharsetCodec codecFor(List<CharsetTerm> terms, List<String> codes, List<String> unknown) {
        CharsetTerm first = terms.get(0);
        if (first.multiByte() != null) {
            // ISO_IR 192, GB18030 and GBK exclude code extensions: further values cannot be honoured
            for (int i = 1; i < terms.size(); i++) {
                if (terms.get(i) != null) {
                    unknown.add(codes.get(i));
                }
            }
            return first.multiByte();
        }
        boolean codeExtensions = codes.size() > 1 || first.isExtensionName(codes.get(0));
        if (!codeExtensions && first == CharsetTerm.IR_6) {
            return DEFAULT_CODEC;
        }
        return iso2022(terms, codes, unknown, codeExtensions);
    }

    /**
     * The initial G0 is value 1's single-byte G0 set (ASCII unless ISO 2022 IR 13), the initial G1 value 1's
     * G1 set if any; the encoder prefers the sets in the order of the values.
     */
    private static CharsetCodec iso2022(List<CharsetTerm> terms, List<String> codes, List<String> unknown,
            boolean codeExtensions) {
        List<CharsetGraphicSet> firstSets = terms.get(0).sets();
        CharsetGraphicSet initialG0 = firstSets.stream()
                .filter(s -> s.element() == 0 && s.width() == 1).findFirst().orElse(CharsetGraphicSet.ASCII);
        CharsetGraphicSet initialG1 = firstSets.stream()
                .filter(s -> s.element() == 1).findFirst().orElse(null);
        Set<CharsetGraphicSet> sets = new LinkedHashSet<>();
        sets.add(initialG0);
        for (int i = 0; i < terms.size(); i++) {
            CharsetTerm term = terms.get(i);
            if (term != null && term.multiByte() != null) {
                unknown.add(codes.get(i)); // UTF-8 and GB18030 cannot be combined with ISO 2022 sets
            } else if (term != null) {
                sets.addAll(term.sets());
            }
        }
        return new CharsetIso2022(List.copyOf(sets), initialG1, codeExtensions);
    }

    /** The values of (0008,0005) as given (trimmed); empty for {@link #DEFAULT}. */
    public String[] codes() {
        return codes.clone();
    }

    /**
     * Values of (0008,0005) that are no defined term this class supports, or that cannot be combined with
     * value 1; their characters are decoded as U+FFFD. Empty when every value is understood.
     */
    public List<String> unknownTerms() {
        return unknownTerms;
    }

    /** Whether escape sequences are interpreted (an "ISO 2022 ..." term or several values). */
    public boolean containsCodeExtensions() {
        return codec instanceof CharsetIso2022 iso && iso.codeExtensions();
    }

    /** Whether the values are UTF-8 (ISO_IR 192). */
    public boolean isUTF8() {
        return codec == CharsetTerm.IR_192.multiByte();
    }

    /**
     * Decodes a whole value of the given VR; never throws.
     *
     * @param value the value bytes, all values with their delimiters; {@code null} is empty
     */
    public Decoded decodeReporting(byte[] value, VR vr) {
        if (value == null || value.length == 0) {
            return new Decoded("", false);
        }
        String delimiters = delimiters(vr);
        return delimiters == null
                ? DEFAULT_CODEC.decode(value, LINE_DELIMITERS)
                : codec.decode(value, delimiters);
    }

    /** {@link #decodeReporting} that replaces undecodable bytes with U+FFFD silently. */
    public String decode(byte[] value, VR vr) {
        return decodeReporting(value, vr).text();
    }

    /**
     * Encodes a whole value (values joined with '\') of the given VR, designating the first declared character
     * set that has each character; never throws. Padding to even length is left to the caller.
     *
     * @param value {@code null} is empty
     */
    public Encoded encodeReporting(String value, VR vr) {
        if (value == null || value.isEmpty()) {
            return new Encoded(new byte[0], false);
        }
        String delimiters = delimiters(vr);
        return delimiters == null
                ? DEFAULT_CODEC.encode(value, LINE_DELIMITERS)
                : codec.encode(value, delimiters);
    }

    /** {@link #encodeReporting} that replaces unencodable characters with '?' silently. */
    public byte[] encode(String value, VR vr) {
        return encodeReporting(value, vr).bytes();
    }

    /** Whether every character of {@code value} is in one of the declared character sets. */
    public boolean canEncode(String value) {
        return value == null || codec.canEncode(value);
    }

    /** The characters after which the ISO 2022 state resets; {@code null} for VRs not using (0008,0005). */
    private static String delimiters(VR vr) {
        return switch (vr) {
            case PN -> PERSON_NAME_DELIMITERS;
            case SH, LO, UC -> MULTI_VALUE_DELIMITERS;
            case ST, LT, UT -> LINE_DELIMITERS;
            default -> null;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet other && Arrays.equals(codes, other.codes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codes);
    }

    /** The value of (0008,0005), values joined with '\'; "ISO_IR 6" for {@link #DEFAULT}. */
    @Override
    public String toString() {
        return codes.length == 0 ? "ISO_IR 6" : String.join("\\", codes);
    }
}
