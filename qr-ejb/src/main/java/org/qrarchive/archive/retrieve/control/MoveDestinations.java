package org.qrarchive.archive.retrieve.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.qrarchive.archive.config.control.AeConfig;
import org.qrarchive.archive.config.control.PeerEntry;
import org.qrarchive.archive.config.control.PeerGroup;

/**
 * Where a C-MOVE may send: a configured peer entry with that AE title, a host and a port, within the AE's
 * restriction (dcmqrscp --move-aetitle, --move-host, --move-vendor).
 */
public final class MoveDestinations {
    private MoveDestinations() {
    }

    /** The destination, or empty with {@code why} filled in. */
    public static Optional<PeerEntry> resolve(AeConfig ae, String destination, String requester,
            InetAddress requesterAddress, StringBuilder why) {
        List<PeerEntry> known = ae.configuration().peers().stream()
                .filter(p -> p.aeTitle().equals(destination) && p.host() != null && p.port() > 0).toList();
        if (known.isEmpty()) {
            why.append("move destination ").append(destination).append(" unknown");
            return Optional.empty();
        }
        String rule = ae.ae().retrieve().moveDestinations();
        List<PeerEntry> allowed = known.stream().filter(p -> switch (rule) {
            case "aetitle" -> destination.equals(requester);
            case "host" -> sameHost(p.host(), requesterAddress);
            case "vendor" -> sameVendor(ae, p, requester);
            default -> true;
        }).toList();
        if (allowed.isEmpty()) {
            why.append("move to ").append(destination).append(" not allowed (").append(rule).append(")");
            return Optional.empty();
        }
        return Optional.of(allowed.get(0));
    }

    private static boolean sameHost(String host, InetAddress requester) {
        try {
            return requester != null && Arrays.asList(InetAddress.getAllByName(host)).contains(requester);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean sameVendor(AeConfig ae, PeerEntry destination, String requester) {
        for (PeerGroup vendor : ae.configuration().vendors()) {
            List<PeerEntry> members = ae.configuration().expand(vendor.members());
            if (members.contains(destination) && members.stream().anyMatch(p -> p.aeTitle().equals(requester))) {
                return true;
            }
        }
        return false;
    }
}
