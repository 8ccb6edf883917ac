package org.qrarchive.archive.retrieve.control;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.qrarchive.archive.query.control.InformationModel;
import org.qrarchive.archive.query.control.QueryFailure;
import org.qrarchive.archive.query.control.QueryLevel;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;

/**
 * A C-MOVE or C-GET identifier (PS3.4 C.4.2.2.1, C.4.3.2.1): the retrieve level, and the unique keys of that
 * level (one or a list of values) and of every level above it (one value each; a missing one is accepted, as
 * dcmqrscp does, e.g. a study by its UID in the Patient Root model). Other keys are ignored, unless
 * {@code strict} (--check-move), which refuses them and requires every unique key above the level.
 *
 * @param uniqueKeys the values of each level's unique key, from the top level down to {@code level}
 */
public record RetrieveRequest(InformationModel model, QueryLevel level, Map<QueryLevel, List<String>> uniqueKeys) {

    public static RetrieveRequest parse(Attributes identifier, InformationModel model, boolean strict)
            throws QueryFailure {
        String code = identifier.getString(Tag.QueryRetrieveLevel);
        QueryLevel level = QueryLevel.ofCode(code, !strict);
        if (level == null || !model.allows(level)) {
            throw QueryFailure.doesNotMatch("level " + code + " not in " + model.title(), Tag.QueryRetrieveLevel);
        }
        Map<QueryLevel, List<String>> keys = new EnumMap<>(QueryLevel.class);
        for (QueryLevel l : model.levels()) {
            if (l.isAbove(level) || l == level) {
                List<String> values = values(identifier, l.uniqueKey());
                if (values.isEmpty() && l != level && !strict) {
                    // dcmqrscp takes a study by its UID alone in the Patient Root model too: so do we, unless strict
                    continue;
                }
                if (values.isEmpty()) {
                    throw QueryFailure.unableToProcess("no " + name(l) + " for a "
                            + level + " retrieve", l.uniqueKey());
                }
                if (l != level && values.size() > 1) {
                    throw QueryFailure.unableToProcess("one " + name(l)
                            + " above the retrieve level", l.uniqueKey());
                }
                keys.put(l, values);
            }
        }
        if (strict) {
            checkNoOtherKeys(identifier, model, level);
        }
        return new RetrieveRequest(model, level, keys);
    }

    private static List<String> values(Attributes identifier, int tag) {
        String[] v = identifier.getStrings(tag);
        if (v == null) {
            return List.of();
        }
        return java.util.Arrays.stream(v).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** --check-move: only the level and the unique keys (and the character set) may be present. */
    private static void checkNoOtherKeys(Attributes identifier, InformationModel model, QueryLevel level)
            throws QueryFailure {
        java.util.Set<Integer> allowed = new java.util.HashSet<>(List.of(Tag.QueryRetrieveLevel,
                Tag.SpecificCharacterSet));
        model.levels().stream().filter(l -> l.isAbove(level) || l == level).forEach(l -> allowed.add(l.uniqueKey()));
        int[] offending = {0};
        identifier.forEachTag(tag -> {
            if (offending[0] == 0 && !allowed.contains(tag)) {
                offending[0] = tag;
            }
        });
        if (offending[0] != 0) {
            throw QueryFailure.doesNotMatch("only unique keys in a C-MOVE/C-GET identifier", offending[0]);
        }
    }

    private static String name(QueryLevel l) {
        return switch (l) {
            case PATIENT -> "PatientID";
            case STUDY -> "StudyInstanceUID";
            case SERIES -> "SeriesInstanceUID";
            case IMAGE -> "SOPInstanceUID";
        };
    }
}
