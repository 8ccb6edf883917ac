package org.qrarchive.archive.query.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Person names as case-insensitive matching sees them.
 *
 * <p>{@link #normalize} must give exactly what {@code index.entity.DicomText.normalizedName} stores in the
 * {@code *_norm} columns (PersonNamesTest compares the two): change both together.
 */
final class PersonNames {
    private PersonNames() {
    }

    /** Upper case, without empty trailing components: "Doe^John^^^" becomes "DOE^JOHN". */
    static String normalize(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.replaceAll("[\\^=]+$", "").replaceAll("\\^+=", "=");
        return trimmed.toUpperCase(Locale.ROOT);
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
