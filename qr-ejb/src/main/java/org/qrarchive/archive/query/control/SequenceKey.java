package org.qrarchive.archive.query.control;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.ElementDictionary;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;

/**
 * A sequence used as a key (PS3.4 C.2.2.2.6). The request's single item holds item keys; an entity
 * matches when one of its items matches every item key, and its response carries the matching items with
 * only the requested attributes. An empty item is universal matching and returns the whole sequence.
 *
 * <p>The index keeps sequences as encoded data sets, not columns, so this runs in Java on the rows the
 * database selected with the other keys. Item keys that are sequences themselves are returned (whole), not
 * matched.
 *
 * @param key        the supported sequence key
 * @param requested  the tags of the request item, in its order; empty for the whole sequence
 * @param conditions the item keys with a value, all of which one item must match
 */
public record SequenceKey(QueryKey key, List<Integer> requested, List<Condition> conditions) {

    public SequenceKey {
        requested = List.copyOf(requested);
        conditions = List.copyOf(conditions);
    }

    static SequenceKey parse(QueryKey key, Attributes item, boolean strict) throws QueryFailure {
        List<Integer> requested = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        List<QueryFailure> failures = new ArrayList<>();
        item.forEachTag(tag -> {
            if ((tag & 0xFFFF) == 0 || tag == Tag.SpecificCharacterSet) {
                return;
            }
            requested.add(tag);
            VR vr = item.getVR(tag);
            if (vr == VR.SQ || item.getSequence(tag) != null || item.getBytes(tag) == null) {
                return;
            }
            VR dictionaryVr = ElementDictionary.vrOf(tag);
            QueryKey itemKey = new QueryKey(tag, dictionaryVr != null ? dictionaryVr : vr, key.level(), null, null,
                    false, null);
            try {
                Condition condition = ConditionParser.parse(itemKey, item.getStrings(tag), strict);
                if (condition != null) {
                    conditions.add(condition);
                }
            } catch (QueryFailure f) {
                failures.add(f);
            }
        });
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return new SequenceKey(key, requested, conditions);
    }

    /**
     * The test an item must pass, prepared once per query: every item key matches
     * ({@link ValueMatching}).
     */
    public Predicate<Attributes> itemTest(PersonNameMatching pnMatching) {
        List<Predicate<Attributes>> tests = new ArrayList<>(conditions.size());
        for (Condition c : conditions) {
            Predicate<String[]> values = ValueMatching.of(c, pnMatching);
            int tag = c.key().tag();
            tests.add(item -> values.test(item.getStrings(tag)));
        }
        return item -> tests.stream().allMatch(t -> t.test(item));
    }

    /**
     * The items of {@code kept} (the entity's sequences, {@code null} when it has none) that pass
     * {@code itemTest} (from {@link #itemTest}), reduced to the requested attributes, as children of a data set
     * with the kept character set (so that their text decodes); {@code null} when the entity does not match.
     */
    public List<Attributes> match(Attributes kept, Predicate<Attributes> itemTest) {
        List<Attributes> items = kept == null ? null : kept.getSequence(key.tag());
        if (!conditions.isEmpty() && (items == null || items.isEmpty())) {
            return null;
        }
        Attributes holder = new Attributes(kept != null && kept.bigEndian(), 2);
        if (kept != null) {
            holder.copyFrom(kept, Tag.SpecificCharacterSet);
        }
        List<Attributes> result = holder.newSequence(key.tag());
        if (items == null) {
            return result;
        }
        for (Attributes item : items) {
            if (itemTest.test(item)) {
                result.add(reduced(item));
            }
        }
        return conditions.isEmpty() || !result.isEmpty() ? result : null;
    }

    /** A copy of the requested attributes; an absent one is zero length, as for any return key. */
    private Attributes reduced(Attributes item) {
        Attributes copy = new Attributes(item.bigEndian(), Math.max(requested.size(), item.size()));
        if (requested.isEmpty()) {
            item.forEachTag(tag -> copy.copyFrom(item, tag));
            return copy;
        }
        for (int tag : requested) {
            if (!copy.copyFrom(item, tag)) {
                VR vr = ElementDictionary.vrOf(tag);
                if (vr == VR.SQ) {
                    copy.newSequence(tag);
                } else {
                    copy.setBytes(tag, vr != null ? vr : VR.UN, null);
                }
            }
        }
        return copy;
    }
}
