package org.qrarchive.archive.config.control;

import java.util.regex.Pattern;

/** Symbolic names of peers, groups and vendors: what dcmqrscp.cfg can write without quotes, or a quoted string. */
final class Names {
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E&&[^\"'()=,\\\\]]{1,64}");

    private Names() {
    }

    static void checkSymbolicName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidConfiguration(field, "a name is required");
        }
        if (!PRINTABLE.matcher(name).matches() || !name.equals(name.strip())) {
            throw new InvalidConfiguration(field, "a name has 1-64 printable ASCII characters, none of \" ' ( ) = , \\"
                    + " and no leading or trailing space: '" + name + "'");
        }
        if (name.equalsIgnoreCase("ANY")) {
            throw new InvalidConfiguration(field, "ANY is reserved (every peer)");
        }
    }
}
