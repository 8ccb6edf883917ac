package org.qrarchive.archive.access.control;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.qrarchive.archive.config.control.AeConfig;
import org.qrarchive.archive.config.control.PeerEntry;

/**
 * Whether a calling AE may associate with an archive AE, as dcmqrscp decides it: the AE's peers are ANY, or
 * name the calling AE title (directly or through groups); when the matching entries name a host, the
 * connection must come from it (an IP address is compared as it is, a host name is resolved).
 */
public final class PeerAccess {
    private PeerAccess() {
    }

    /** {@code null} when allowed, else why not (for the log). */
    public static String refusal(AeConfig ae, String callingAETitle, InetSocketAddress remote) {
        if (ae.ae().anyPeer()) {
            return null;
        }
        List<PeerEntry> entries = ae.configuration().expand(ae.ae().peers()).stream()
                .filter(p -> p.aeTitle().equals(callingAETitle)).toList();
        if (entries.isEmpty()) {
            return "calling AE title " + callingAETitle + " is not among the peers of " + ae.ae().aeTitle() + " "
                    + ae.ae().peers();
        }
        InetAddress from = remote == null ? null : remote.getAddress();
        for (PeerEntry p : entries) {
            if (p.host() == null || (from != null && isHost(p.host(), from))) {
                return null;
            }
        }
        return "calling AE title " + callingAETitle + " connects from " + (from == null ? "?" : from.getHostAddress())
                + ", but its peer entries name the hosts " + entries.stream().map(PeerEntry::host).toList();
    }

    private static boolean isHost(String host, InetAddress from) {
        try {
            return Arrays.asList(InetAddress.getAllByName(host)).contains(from);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
