package org.qrarchive.archive.config.control;

import java.util.List;

/**
 * A symbolic name for several peers (a HostTable entry whose right-hand side lists names), or a vendor
 * (a VendorTable entry). Members are names of peer entries or of other groups; cycles are refused.
 */
public record PeerGroup(String name, List<String> members) {
    public PeerGroup {
        members = List.copyOf(members);
    }

    void validate(String field) {
        Names.checkSymbolicName(field + ".name", name);
        if (members.isEmpty()) {
            throw new InvalidConfiguration(field + ".members", "a group needs at least one member");
        }
    }
}
