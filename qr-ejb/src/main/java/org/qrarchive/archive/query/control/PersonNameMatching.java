package org.qrarchive.archive.query.control;

/**
 * How PN keys match (PS3.4 C.2.2.2.4 leaves it to the implementation): case-insensitive by default, on the
 * upper-cased {@code *_norm} columns, so that the comparison can use their index.
 */
public enum PersonNameMatching {
    /** Upper-cased key against the normalized column ({@code upper(column)} where there is none). */
    CASE_INSENSITIVE,
    /** The key as received against the name as stored. */
    CASE_SENSITIVE
}
