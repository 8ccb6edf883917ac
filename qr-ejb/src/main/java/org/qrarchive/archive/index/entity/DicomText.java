package org.qrarchive.archive.index.entity;

import java.util.Locale;

import org.qrarchive.dicom.data.Attributes;

/** How DICOM values become index columns: decoded text, multi-values joined, cut to the column size. */
final class DicomText {
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
    static String normalizedName(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.replaceAll("[\\^=]+$", "").replaceAll("\\^+=", "=");
        return trimmed.toUpperCase(Locale.ROOT);
    }
}
