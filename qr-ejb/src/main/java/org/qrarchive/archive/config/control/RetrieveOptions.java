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
 * @param propose          the transfer syntaxes a C-MOVE proposes for an object (dcmqrscp --propose-*):
 *                         "stored" (the default: the syntax it is stored in, then explicit and implicit VR little
 *                         endian), "uncompr"/"little" (all uncompressed, explicit little endian first), "big"
 *                         (explicit big endian first), "implicit" (implicit VR little endian only), "deflated"
 *                         (deflated first, then all uncompressed). A compressed object is always proposed in its
 *                         own syntax (the archive does not decode or encode pixel data), except with "implicit".
 * @param moveAssociations how many sub-associations a C-MOVE opens to its destination (1-8, default 1), the
 *                         instances dealt out among them: for destinations that serve parallel associations
 */
public record RetrieveOptions(boolean get, boolean requireFind, String moveDestinations, int pendingInterval,
        String propose, int moveAssociations) {
    public static final RetrieveOptions DEFAULTS = new RetrieveOptions(true, false, "any", 1000, "stored", 1);
    public static final java.util.Set<String> PROPOSALS = java.util.Set.of("stored", "uncompr", "little", "big",
            "implicit", "deflated");

    public RetrieveOptions {
        moveDestinations = moveDestinations == null || moveDestinations.isBlank() ? "any"
                : moveDestinations.trim().toLowerCase(Locale.ROOT);
        propose = propose == null || propose.isBlank() ? "stored" : propose.trim().toLowerCase(Locale.ROOT);
        moveAssociations = moveAssociations == 0 ? 1 : moveAssociations;
    }

    void validate(String field) {
        if (!PROPOSALS.contains(propose)) {
            throw new InvalidConfiguration(field + ".propose", "one of " + new java.util.TreeSet<>(PROPOSALS) + ": "
                    + propose);
        }
        if (moveAssociations < 1 || moveAssociations > 8) {
            throw new InvalidConfiguration(field + ".moveAssociations", "1-8: " + moveAssociations);
        }
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
