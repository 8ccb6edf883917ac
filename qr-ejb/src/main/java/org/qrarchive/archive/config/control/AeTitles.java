package org.qrarchive.archive.config.control;

/** The AE title rule of PS3.5 (VR AE): 1-16 characters of the default repertoire, no backslash or control characters, not only spaces. */
public final class AeTitles {
    private AeTitles() {
    }

    public static void check(String field, String aeTitle) {
        if (aeTitle == null || aeTitle.isEmpty()) {
            throw new InvalidConfiguration(field, "an AE title is required");
        }
        if (aeTitle.length() > 16) {
            throw new InvalidConfiguration(field, "an AE title has at most 16 characters: '" + aeTitle + "'");
        }
        if (aeTitle.isBlank()) {
            throw new InvalidConfiguration(field, "an AE title cannot be only spaces");
        }
        if (!aeTitle.equals(aeTitle.strip())) {
            throw new InvalidConfiguration(field, "leading or trailing spaces are not significant in an AE title: '"
                    + aeTitle + "'");
        }
        for (int i = 0; i < aeTitle.length(); i++) {
            char c = aeTitle.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new InvalidConfiguration(field, String.format(
                        "character U+%04X at %d is not allowed in an AE title (default repertoire, no backslash"
                                + " or control characters)", (int) c, i + 1));
            }
        }
    }
}
