package org.qrarchive.archive.query.control;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Set;

import org.qrarchive.dicom.data.SpecificCharacterSet;

/**
 * The character set of a C-FIND response. By default no character is lost: the response is in the request's
 * set when that holds every value of it, otherwise in the set the values were stored in when they share one,
 * otherwise in UTF-8 (PS3.4 C.4.1.1.3.2 lets an SCP answer in another set than the request's).
 *
 * <p>dcmqrscp's lossy conversions stay available when configured: a fixed set to fall back to
 * (--convert-to-ascii/-utf8/-latin1/-charset) or to use always (--override-charset); characters it cannot
 * hold become '?', are approximated (--transliterate) or dropped (--discard-illegal).
 *
 * @param useRequest  answer in the request's set when it holds the values (+Cr); {@code false}: -Cr
 * @param target      the set to fall back to, or always to use without {@code useRequest}; {@code null}:
 *                    the values' stored set or UTF-8, which never loses a character
 * @param unencodable what becomes of characters the chosen set cannot hold (only with a {@code target})
 */
public record ResponseCharset(boolean useRequest, SpecificCharacterSet target, Unencodable unencodable) {
    private static final SpecificCharacterSet UTF8 = SpecificCharacterSet.valueOf("ISO_IR 192");

    public enum Unencodable {
        REPLACE, TRANSLITERATE, DISCARD
    }

    /**
     * The set to answer in.
     *
     * @param request    the Specific Character Set of the request
     * @param values     every text value of the response
     * @param storedSets the stored (0008,0005) of each row whose values lie outside the default repertoire,
     *                   values joined with backslash ({@code null}: not known)
     */
    public SpecificCharacterSet choose(SpecificCharacterSet request, Collection<String> values,
            Set<String> storedSets) {
        if (useRequest && request != null && request.unknownTerms().isEmpty() && holds(request, values)) {
            return request;
        }
        if (target != null) {
            return target;
        }
        if (holds(SpecificCharacterSet.DEFAULT, values)) {
            return SpecificCharacterSet.DEFAULT;
        }
        if (storedSets.size() == 1) {
            String codes = storedSets.iterator().next();
            if (codes != null) {
                SpecificCharacterSet stored = SpecificCharacterSet.valueOf(codes.split("\\\\", -1));
                if (stored.unknownTerms().isEmpty() && holds(stored, values)) {
                    return stored;
                }
            }
        }
        return UTF8;
    }

    /** Whether a value lies outside the default repertoire, so that its stored set matters. */
    public static boolean isExtended(String value) {
        return value != null && !SpecificCharacterSet.DEFAULT.canEncode(value);
    }

    private static boolean holds(SpecificCharacterSet charset, Collection<String> values) {
        return values.stream().allMatch(charset::canEncode);
    }

    /** {@code value} made encodable in {@code charset}, as the configured handling says. */
    public String adapt(String value, SpecificCharacterSet charset) {
        if (value == null || charset.canEncode(value) || unencodable == Unencodable.REPLACE) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            if (charset.canEncode(c)) {
                sb.append(c);
            } else if (unencodable == Unencodable.TRANSLITERATE) {
                String approx = approximate(c);
                sb.append(charset.canEncode(approx) ? approx : "?");
            }
        });
        return sb.toString();
    }

    /** The letter without its diacritics (é → e, Ł → L), or the character itself. */
    private static String approximate(String c) {
        String base = Normalizer.normalize(c, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return switch (base) {
            case "Ł" -> "L";
            case "ł" -> "l";
            case "ß" -> "ss";
            case "Æ" -> "AE";
            case "æ" -> "ae";
            case "Ø" -> "O";
            case "ø" -> "o";
            default -> base;
        };
    }
}
