package org.qrarchive.archive.config.control;

import java.util.Locale;

import org.qrarchive.dicom.data.SpecificCharacterSet;

/**
 * The character set of C-FIND responses (dcmqrscp's SpecificCharacterSet parameter and -Cr, +A7/+U8/+L1/+C,
 * -Ct, -Cd options).
 *
 * @param useRequest  answer in the request's set when it holds every value (+Cr); false: -Cr
 * @param convertTo   "stored" (the default, lossless: the set the values were stored in when they share one,
 *                    else UTF-8), or dcmqrscp's lossy choices "ascii", "utf8", "latin1" or a defined term
 * @param unencodable with a fixed set: "replace" (by '?'), "transliterate" (-Ct) or "discard" (-Cd)
 */
public record CharsetOptions(boolean useRequest, String convertTo, String unencodable) {
    public static final CharsetOptions DEFAULTS = new CharsetOptions(true, "stored", "replace");

    public CharsetOptions {
        convertTo = convertTo == null || convertTo.isBlank() ? "stored" : convertTo.trim();
        unencodable = unencodable == null || unencodable.isBlank() ? "replace"
                : unencodable.trim().toLowerCase(Locale.ROOT);
    }

    /** The Specific Character Set defined term(s) to convert to, "" for ASCII, {@code null} for "stored". */
    public String term() {
        return switch (convertTo.toLowerCase(Locale.ROOT)) {
            case "stored" -> null;
            case "ascii" -> "";
            case "utf8", "utf-8" -> "ISO_IR 192";
            case "latin1" -> "ISO_IR 100";
            default -> convertTo;
        };
    }

    void validate(String field) {
        String term = term();
        if (term != null && !term.isEmpty()
                && !SpecificCharacterSet.valueOf(term.split("\\\\", -1)).unknownTerms().isEmpty()) {
            throw new InvalidConfiguration(field + ".convertTo", "not a Specific Character Set the archive knows: "
                    + convertTo);
        }
        if (!unencodable.equals("replace") && !unencodable.equals("transliterate")
                && !unencodable.equals("discard")) {
            throw new InvalidConfiguration(field + ".unencodable", "replace, transliterate or discard: " + unencodable);
        }
    }
}
