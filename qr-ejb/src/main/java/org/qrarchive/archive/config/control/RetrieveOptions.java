package org.qrarchive.archive.config.control;

import java.util.Locale;

/**
 * dcmqrscp's C-MOVE/C-GET options of one archive AE. The information models are switched with the
 * {@link FindOptions} ones (-QP, -QS, -QO apply to FIND, MOVE and GET alike).
 *
 * @param get              offer C-GET (false: --disable-get)
 * @param requireFind      refuse MOVE/GET contexts whose FIND context was not proposed too (--require-find)
 * @param moveDestinations which configured peers a C-MOVE may send to: "any" (the default), "aetitle" (only
 *                         the requester's own AE title, --move-aetitle), "host" (peers on the requester's host,
 *                         --move-host), "vendor" (peers of a vendor the requester belongs to, --move-vendor)
 * @param pendingInterval  at least this many milliseconds between pending responses (default 1000); 0: one
 *                         after every sub-operation, as dcmqrscp does. Each costs the requester a round of
 *                         work between two sub-operations: one per object made C-GET ~35 % slower here.
 *                         The final response always carries the exact counts.
 */
public record RetrieveOptions(boolean get, boolean requireFind, String moveDestinations, int pendingInterval) {
    public static final RetrieveOptions DEFAULTS = new RetrieveOptions(true, false, "any", 1000);

    public RetrieveOptions {
        moveDestinations = moveDestinations == null || moveDestinations.isBlank() ? "any"
                : moveDestinations.trim().toLowerCase(Locale.ROOT);
    }

    void validate(String field) {
        if (pendingInterval < 0) {
            throw new InvalidConfiguration(field + ".pendingInterval", "0 or more milliseconds: " + pendingInterval);
        }
        switch (moveDestinations) {
            case "any", "aetitle", "host", "vendor" -> {
            }
            default -> throw new InvalidConfiguration(field + ".moveDestinations",
                    "any, aetitle, host or vendor: " + moveDestinations);
        }
    }
}
