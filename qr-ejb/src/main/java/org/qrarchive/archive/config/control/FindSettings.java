package org.qrarchive.archive.config.control;

import java.util.Locale;

/**
 * dcmqrscp's C-FIND options as one value.
 *
 * @param strict             reject identifiers that break the strict rules (--check-find)
 * @param caseSensitiveNames match person names case-sensitively, as dcmqrscp does (default: ignore case)
 * @param maxMatches         refuse queries with more matches (A700)
 * @param useRequestCharset  answer in the request's character set when it can hold the values (+Cr) or
 *                           always in {@code convertTo} (-Cr)
 * @param convertTo          the Specific Character Set defined term(s) to fall back to ("" for ASCII);
 *                           {@code null} ("stored", the default): the set the values were stored in when
 *                           they share one, else UTF-8, so that no character is lost
 * @param unencodable        REPLACE, TRANSLITERATE (-Ct) or DISCARD (-Cd) characters the set cannot hold
 */
public record FindSettings(boolean strict, boolean caseSensitiveNames, int maxMatches, boolean useRequestCharset,
        String convertTo, String unencodable) {

    public static FindSettings of(FindOptions find, CharsetOptions charset) {
        return new FindSettings(find.strict(), find.caseSensitiveNames(), find.maxMatches(), charset.useRequest(),
                charset.term(), charset.unencodable().toUpperCase(Locale.ROOT));
    }
}
