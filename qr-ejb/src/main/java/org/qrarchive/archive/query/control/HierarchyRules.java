package org.qrarchive.archive.query.control;

import java.util.List;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;

/**
 * The structure rules of a hierarchical C-FIND identifier (PS3.4 C.4.1.2.1 and C.6): the level, and the
 * unique keys of the levels above it. The archive supports hierarchical search only (no relational
 * queries are negotiated), so a unique key above the query level must be one single value: no wild
 * cards, no list, not empty.
 */
final class HierarchyRules {
    private HierarchyRules() {
    }

    /** The Query/Retrieve Level (0008,0052), which must name a level of {@code model}. */
    static QueryLevel level(Attributes identifier, InformationModel model, boolean strict) throws QueryFailure {
        String[] values = identifier.getStrings(Tag.QueryRetrieveLevel);
        if (values == null || values.length == 0 || values[0].isEmpty()) {
            throw QueryFailure.doesNotMatch("Missing Query/Retrieve Level", Tag.QueryRetrieveLevel);
        }
        if (values.length > 1) {
            throw QueryFailure.doesNotMatch("Query/Retrieve Level must be one value", Tag.QueryRetrieveLevel);
        }
        QueryLevel level = QueryLevel.ofCode(values[0], !strict);
        if (level == null) {
            throw QueryFailure.doesNotMatch("Unknown Query/Retrieve Level " + values[0], Tag.QueryRetrieveLevel);
        }
        if (!model.allows(level)) {
            throw QueryFailure.doesNotMatch("No " + level + " level in " + model.title() + " model",
                    Tag.QueryRetrieveLevel);
        }
        return level;
    }

    /** Each level above the query level needs its unique key, as one single value. */
    static void checkUniqueKeysAbove(Attributes identifier, InformationModel model, QueryLevel level)
            throws QueryFailure {
        for (QueryLevel above : model.levelsAbove(level)) {
            int tag = above.uniqueKey();
            String name = QueryKeys.nameOf(tag);
            String[] values = identifier.getStrings(tag);
            if (values == null || values.length == 0 || values.length == 1 && values[0].isEmpty()) {
                throw QueryFailure.doesNotMatch("Missing " + name + " for level " + level, tag);
            }
            if (values.length > 1) {
                throw QueryFailure.doesNotMatch(name + " above query level must be one value", tag);
            }
            if (Wildcards.hasWildcard(values[0])) {
                throw QueryFailure.doesNotMatch(name + " above query level has wild cards", tag);
            }
        }
    }

    /**
     * Strict mode (dcmqrscp --check-find), as dcmqrscp checks: no key of a level below the query level,
     * only unique keys of the levels above it, and sequence keys with at most one item (PS3.4 C.2.2.2.6).
     * Keys the archive does not know are not checked: they are optional keys it does not support. Also
     * refused: a zero-length Specific Character Set (PS3.4 C.2.2.2 forbids it).
     */
    static void checkStrict(Attributes identifier, InformationModel model, QueryLevel level, List<Integer> tags)
            throws QueryFailure {
        String[] charset = identifier.getStrings(Tag.SpecificCharacterSet);
        if (charset != null && charset.length == 0) {
            throw QueryFailure.doesNotMatch("Specific Character Set is empty", Tag.SpecificCharacterSet);
        }
        for (int tag : tags) {
            List<Attributes> items = identifier.getSequence(tag);
            if (items != null && items.size() > 1) {
                throw QueryFailure.doesNotMatch("Sequence key " + QueryKeys.nameOf(tag)
                        + " has more than one item", tag);
            }
            QueryKey key = QueryKeys.get(tag);
            if (key == null) {
                continue;
            }
            QueryLevel keyLevel = model.levelOf(key);
            if (level.isAbove(keyLevel)) {
                throw QueryFailure.doesNotMatch(key + " is below query level " + level, tag);
            }
            if (keyLevel.isAbove(level) && keyLevel.uniqueKey() != tag) {
                throw QueryFailure.doesNotMatch(key + " not allowed at level " + level, tag);
            }
        }
    }
}
