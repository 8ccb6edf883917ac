package org.qrarchive.archive.query.control;

import java.text.Normalizer;
import java.util.Collection;

import org.qrarchive.dicom.data.SpecificCharacterSet;

/**
 * The character set of C-FIND responses, as dcmqrscp's options choose it: the request's when it can hold
 * the values (--use-request-charset, the default) or always the configured one (--override-charset); the
 * configured one defaults to ASCII (--convert-to-ascii). Characters the chosen set cannot hold are
 * approximated (--transliterate), dropped (--discard-illegal), or become '?'.
 */
public record ResponseCharset(boolean useRequest, SpecificCharacterSet target, Unencodable unencodable) {

    public enum Unencodable {
        REPLACE, TRANSLITERATE, DISCARD
    }

    /** The set to answer in, for a response holding {@code values}. */
    public SpecificCharacterSet choose(SpecificCharacterSet request, Collection<String> values) {
        if (useRequest && request != null && values.stream().allMatch(request::canEncode)) {
            return request;
        }
        return target;
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
