package org.qrarchive.archive.query.control;

import java.util.List;

/**
 * One matching key of a C-FIND identifier (PS3.4 C.2.2.2), already validated. Universal matching (an
 * empty key, or "*") produces no condition at all.
 */
public sealed interface Condition {
    QueryKey key();

    /** Single Value Matching; dates are in the index form "YYYYMMDD". */
    record SingleValue(QueryKey key, String value) implements Condition {
    }

    /** Wild Card Matching; {@code pattern} as received, with DICOM's '*' and '?'. */
    record Wildcard(QueryKey key, String pattern) implements Condition {
    }

    /** List of UID Matching: the key matches any of the UIDs. */
    record UidList(QueryKey key, List<String> uids) implements Condition {
        public UidList {
            uids = List.copyOf(uids);
        }
    }

    /**
     * Range Matching, with both bounds inclusive and already in the form of the index column, so that a
     * string comparison decides ({@link RangeBounds}); a {@code null} bound is open.
     */
    record Range(QueryKey key, String lower, String upper) implements Condition {
    }

    /**
     * A key with several values that is not a UID list: the key matches when any value matches. PS3.4 leaves
     * multiple values undefined without extended negotiation (C.2.2.2.8); "any" is what SCUs sending
     * "CT\MR" in Modalities in Study expect.
     */
    record AnyOf(QueryKey key, List<Condition> alternatives) implements Condition {
        public AnyOf {
            alternatives = List.copyOf(alternatives);
        }
    }
}
