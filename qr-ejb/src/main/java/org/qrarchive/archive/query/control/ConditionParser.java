package org.qrarchive.archive.query.control;

import java.util.ArrayList;
import java.util.List;

import org.qrarchive.dicom.data.ElementDictionary;
import org.qrarchive.dicom.data.VR;
import org.qrarchive.dicom.data.ValueChecks;

/**
 * Turns the values of one matching key into a {@link Condition}, choosing the matching type of PS3.4
 * C.2.2.2 from the VR and the value.
 *
 * <p>Strict mode (dcmqrscp --check-find) rejects with A900 what PS3.4 does not allow: invalid values per
 * {@link ValueChecks} (wild cards stripped first), range syntax errors, and several values where the key's
 * VM is 1 and it is no UID list. Lenient mode matches what it can make sense of; it fails with C000 only
 * when a date or time cannot be read at all, since no comparison would mean anything.
 */
final class ConditionParser {
    private ConditionParser() {
    }

    /** @return the condition, or {@code null} for universal matching */
    static Condition parse(QueryKey key, String[] raw, boolean strict) throws QueryFailure {
        List<String> values = nonEmpty(raw);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() == 1) {
            return single(key, values.get(0), strict);
        }
        if (key.vr() == VR.UI) {
            for (String uid : values) {
                check(key, uid, strict);
            }
            return new Condition.UidList(key, values);
        }
        if (strict && !multipleValuesAllowed(key)) {
            throw QueryFailure.doesNotMatch("More than one value in " + key, key.tag());
        }
        List<Condition> alternatives = new ArrayList<>(values.size());
        for (String value : values) {
            Condition c = single(key, value, strict);
            if (c == null) {
                return null; // one universal alternative makes the whole key universal
            }
            alternatives.add(c);
        }
        return new Condition.AnyOf(key, alternatives);
    }

    /** Strict validation of a key that is not matched (an aggregate count): its value is ignored. */
    static void checkOnly(QueryKey key, String[] raw, boolean strict) throws QueryFailure {
        for (String value : nonEmpty(raw)) {
            check(key, value, strict);
        }
    }

    private static Condition single(QueryKey key, String value, boolean strict) throws QueryFailure {
        VR vr = key.vr();
        if (value.equals("*")) {
            // "*" is universal matching (PS3.4 C.2.2.2.4 note); for VRs without wild cards it is invalid
            if (strict && !Wildcards.applies(vr)) {
                throw QueryFailure.doesNotMatch("Invalid value in " + key, key.tag());
            }
            return null;
        }
        if (vr == VR.DA || vr == VR.TM || vr == VR.DT) {
            return DateTimeKeys.condition(key, value, strict);
        }
        if (Wildcards.applies(vr) && Wildcards.hasWildcard(value)) {
            check(key, value.replace("*", "").replace("?", ""), strict);
            return new Condition.Wildcard(key, value);
        }
        check(key, value, strict);
        return new Condition.SingleValue(key, value);
    }

    static void check(QueryKey key, String value, boolean strict) throws QueryFailure {
        if (!strict || value.isEmpty()) {
            return;
        }
        List<String> problems = ValueChecks.check(key.tag(), key.vr(), new String[] {value});
        if (!problems.isEmpty()) {
            // "(0008,0020) DA: not a date YYYYMMDD" -> "Invalid StudyDate: not a date YYYYMMDD"
            String problem = problems.get(0);
            int colon = problem.indexOf(": ");
            String detail = colon < 0 ? problem : problem.substring(colon + 2);
            throw QueryFailure.doesNotMatch("Invalid " + key + ": " + detail, key.tag());
        }
    }

    /** Whether the dictionary allows the key more than one value (VM "1-n" and the like). */
    private static boolean multipleValuesAllowed(QueryKey key) {
        ElementDictionary.Entry entry = ElementDictionary.lookup(key.tag());
        return entry != null && !entry.vm().equals("1");
    }

    /** The values that are not empty: an empty value among others matches nothing more than the rest. */
    private static List<String> nonEmpty(String[] raw) {
        List<String> values = new ArrayList<>();
        if (raw != null) {
            for (String v : raw) {
                if (v != null && !v.isEmpty()) {
                    values.add(v);
                }
            }
        }
        return values;
    }
}
