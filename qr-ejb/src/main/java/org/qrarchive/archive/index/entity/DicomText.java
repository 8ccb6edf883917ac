package org.qrarchive.archive.index.entity;

import java.util.Locale;
import java.util.regex.Pattern;

import org.qrarchive.dicom.data.Attributes;

/** How DICOM values become index columns: decoded text, multi-values joined, cut to the column size. */
public final class DicomText {
    private static final Pattern TRAILING_EMPTY_COMPONENTS = Pattern.compile("[\\^=]+$");
    private static final Pattern EMPTY_COMPONENTS_BEFORE_GROUP = Pattern.compile("\\^+=");

    private DicomText() {
    }

    /** All values of {@code tag}, joined with backslash; {@code null} when absent or empty. */
    static String of(Attributes ds, int tag, int maxLength) {
        String[] values = ds.getStrings(tag);
        if (values == null || values.length == 0) {
            return null;
        }
        String joined = String.join("\\", values);
        if (joined.isEmpty()) {
            return null;
        }
        return joined.length() > maxLength ? joined.substring(0, maxLength) : joined;
    }

    /** A value that is part of a key: never null, so that unique constraints see "absent" as one value. */
    static String key(Attributes ds, int tag, int maxLength) {
        String v = of(ds, tag, maxLength);
        return v == null ? "" : v;
    }

    /**
     * The form person names are matched in when matching ignores case: upper case, without the empty
     * trailing components ("Doe^John^^^" = "Doe^John").
     */
    public static String normalizedName(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = EMPTY_COMPONENTS_BEFORE_GROUP.matcher(TRAILING_EMPTY_COMPONENTS.matcher(name).replaceAll(""))
                .replaceAll("=");
        return trimmed.toUpperCase(Locale.ROOT);
    }
}
