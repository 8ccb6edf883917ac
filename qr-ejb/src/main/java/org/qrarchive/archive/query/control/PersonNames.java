package org.qrarchive.archive.query.control;

import java.util.ArrayList;
import java.util.List;

import org.qrarchive.archive.index.entity.DicomText;

/**
 * Person names as case-insensitive matching sees them.
 *
 * <p>{@link #normalize} is the rule that fills the {@code *_norm} columns
 * ({@link DicomText#normalizedName}): a key and a stored name are compared in the same form.
 */
final class PersonNames {
    private PersonNames() {
    }

    /** Upper case, without empty trailing components: "Doe^John^^^" becomes "DOE^JOHN". */
    static String normalize(String name) {
        return DicomText.normalizedName(name);
    }

    /**
     * The normalized patterns a PN wildcard key becomes. Normalizing drops a stored name's empty trailing
     * components, so "Doe^^^" is stored as "DOE" and "Doe^*" would no longer find it, although it does in
     * case-sensitive matching of the raw name. A pattern that ends in "^*" (or "=*", repeated) therefore
     * also matches the name without those trailing components: {"DOE^*", "DOE"}.
     */
    static List<String> patterns(String pattern) {
        List<String> result = new ArrayList<>(2);
        String normalized = normalize(pattern);
        result.add(normalized);
        String base = normalized;
        while (base.endsWith("^*") || base.endsWith("=*")) {
            base = base.substring(0, base.length() - 2);
        }
        String shorter = normalize(base);
        if (!shorter.isEmpty() && !shorter.equals(normalized)) {
            result.add(shorter);
        }
        return result;
    }
}
