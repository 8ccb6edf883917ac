package org.qrarchive.archive.query.control;

import org.qrarchive.dicom.data.VR;

/**
 * One attribute of every C-FIND response: a key the identifier requested, or one always returned.
 *
 * @param tag  the attribute
 * @param vr   the VR to answer with: the dictionary's for supported keys, else as received
 * @param fill where the value comes from
 * @param key  the supported key behind {@link Fill#INDEX}, {@link Fill#AGGREGATE} and {@link Fill#SEQUENCE};
 *             else {@code null}
 * @param sequence how a {@link Fill#SEQUENCE} key matches and what it returns; else {@code null}
 */
public record ReturnKey(int tag, VR vr, Fill fill, QueryKey key, SequenceKey sequence) {

    public ReturnKey(int tag, VR vr, Fill fill, QueryKey key) {
        this(tag, vr, fill, key, null);
    }

    /** Where a response value comes from. */
    public enum Fill {
        /** The response's character set, always returned. */
        SPECIFIC_CHARACTER_SET,
        /** The query level, always returned. */
        QUERY_RETRIEVE_LEVEL,
        /** The AE title to retrieve from (the called AE), always returned. */
        RETRIEVE_AE_TITLE,
        /** An index column: {@link FindQuery#value}. */
        INDEX,
        /** Computed per match: {@link Aggregate#valueJpql()}. */
        AGGREGATE,
        /** The matching items of a kept sequence: {@link SequenceKey#match}. */
        SEQUENCE,
        /**
         * Zero length: a key the archive does not support, a key of a level below the query level, a
         * sequence key with several items, or a supported key sent as a sequence when it is none.
         */
        EMPTY
    }
}
