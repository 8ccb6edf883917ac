package org.qrarchive.archive.query.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.SpecificCharacterSet;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;

/**
 * A validated C-FIND identifier: what to match and what to return.
 *
 * @param model      the information model of the request's SOP class
 * @param level      the Query/Retrieve Level
 * @param conditions the matching keys, in tag order; universal keys have none
 * @param returnKeys what each response holds, in tag order: every key of the identifier (supported or not,
 *                   sequences included) plus Specific Character Set, Query/Retrieve Level and Retrieve AE Title
 * @param charset    the Specific Character Set of the identifier, whose values are already decoded
 */
public record QueryRequest(InformationModel model, QueryLevel level, List<Condition> conditions,
                           List<ReturnKey> returnKeys, SpecificCharacterSet charset) {

    public QueryRequest {
        conditions = List.copyOf(conditions);
        returnKeys = List.copyOf(returnKeys);
    }

    /**
     * Validates an identifier. Always refused (A900): a missing, unknown or multi-valued level, a level the
     * model lacks, a missing, empty, multi-valued or wild-carded unique key of a level above. With {@code strict}
     * also (A900): keys below the query level, non-unique keys of levels above, invalid values, range syntax
     * errors, several values where the VM is 1, sequences of several items. Lenient mode ignores keys below
     * the query level (returned empty) and matches the other keys of levels above; it refuses (C000) only
     * dates and times it cannot read.
     *
     * @throws QueryFailure with the status, Error Comment and Offending Element of the failure response
     */
    public static QueryRequest parse(Attributes identifier, InformationModel model, boolean strict)
            throws QueryFailure {
        QueryLevel level = HierarchyRules.level(identifier, model, strict);
        HierarchyRules.checkUniqueKeysAbove(identifier, model, level);
        List<Integer> tags = new ArrayList<>(identifier.size());
        identifier.forEachTag(tag -> {
            if ((tag & 0xFFFF) != 0 && !isAlwaysReturned(tag)) { // group lengths are encoding, not keys
                tags.add(tag);
            }
        });
        if (strict) {
            HierarchyRules.checkStrict(identifier, model, level, tags);
        }
        List<Condition> conditions = new ArrayList<>();
        List<ReturnKey> returnKeys = new ArrayList<>(tags.size() + 3);
        returnKeys.add(new ReturnKey(Tag.SpecificCharacterSet, VR.CS, ReturnKey.Fill.SPECIFIC_CHARACTER_SET, null));
        returnKeys.add(new ReturnKey(Tag.QueryRetrieveLevel, VR.CS, ReturnKey.Fill.QUERY_RETRIEVE_LEVEL, null));
        returnKeys.add(new ReturnKey(Tag.RetrieveAETitle, VR.AE, ReturnKey.Fill.RETRIEVE_AE_TITLE, null));
        for (int tag : tags) {
            QueryKey key = QueryKeys.get(tag);
            List<Attributes> items = identifier.getSequence(tag);
            boolean sequence = items != null;
            if (key == null || sequence != (key.vr() == VR.SQ) || level.isAbove(model.levelOf(key))
                    || sequence && items.size() > 1) {
                VR vr = sequence ? VR.SQ : key != null ? key.vr() : identifier.getVR(tag);
                returnKeys.add(new ReturnKey(tag, vr, ReturnKey.Fill.EMPTY, null));
                continue;
            }
            if (sequence) {
                Attributes item = items.isEmpty() ? new Attributes() : items.get(0);
                returnKeys.add(new ReturnKey(tag, VR.SQ, ReturnKey.Fill.SEQUENCE, key,
                        SequenceKey.parse(key, item, strict)));
                continue;
            }
            String[] values = identifier.getStrings(tag);
            if (key.matchable()) {
                Condition condition = ConditionParser.parse(key, values, strict);
                if (condition != null) {
                    conditions.add(condition);
                }
            } else {
                ConditionParser.checkOnly(key, values, strict);
            }
            ReturnKey.Fill fill = key.aggregate() != null ? ReturnKey.Fill.AGGREGATE : ReturnKey.Fill.INDEX;
            returnKeys.add(new ReturnKey(tag, key.vr(), fill, key));
        }
        returnKeys.sort(Comparator.comparing(ReturnKey::tag, Integer::compareUnsigned));
        return new QueryRequest(model, level, conditions, returnKeys, identifier.specificCharacterSet());
    }

    private static boolean isAlwaysReturned(int tag) {
        return tag == Tag.SpecificCharacterSet || tag == Tag.QueryRetrieveLevel || tag == Tag.RetrieveAETitle;
    }

    /** The return keys whose values are index columns (kept sequences included), in response order. */
    public List<QueryKey> indexKeys() {
        return returnKeys.stream().filter(k -> k.fill() == ReturnKey.Fill.INDEX || k.fill() == ReturnKey.Fill.SEQUENCE)
                .map(ReturnKey::key).toList();
    }

    /** The sequence keys that restrict the matches (not those with an empty item). */
    public List<SequenceKey> sequenceConditions() {
        return returnKeys.stream().map(ReturnKey::sequence).filter(k -> k != null && !k.conditions().isEmpty())
                .toList();
    }
}
