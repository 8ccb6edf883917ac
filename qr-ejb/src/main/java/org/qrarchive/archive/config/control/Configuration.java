package org.qrarchive.archive.config.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole configuration, immutable and valid: global settings, peer entries, groups, vendors and archive
 * AEs (dcmqrscp.cfg's four parts). The association, store and find paths read one snapshot per association;
 * a change builds a new one, which {@link #validate} must accept before it is stored.
 */
public record Configuration(GlobalSettings global, List<PeerEntry> peers, List<PeerGroup> groups,
        List<PeerGroup> vendors, List<ArchiveAe> aes) {

    public Configuration {
        global = global == null ? GlobalSettings.DEFAULTS : global;
        peers = List.copyOf(peers);
        groups = List.copyOf(groups);
        vendors = List.copyOf(vendors);
        aes = List.copyOf(aes);
    }

    /** The archive AE called {@code aeTitle}, or {@code null}. */
    public ArchiveAe ae(String aeTitle) {
        return aes.stream().filter(a -> a.aeTitle().equals(aeTitle)).findFirst().orElse(null);
    }

    public PeerEntry peer(String name) {
        return peers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    public PeerGroup group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    public PeerGroup vendor(String name) {
        return vendors.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }

    /** The storage area of {@code ae}: as configured, else {@code <storageRoot>/<AE title>}. */
    public static Path storageArea(ArchiveAe ae, Path storageRoot) {
        return ae.storageArea() != null ? Path.of(ae.storageArea()) : storageRoot.resolve(ae.aeTitle());
    }

    /**
     * The peer entries a list of names stands for: each entry itself, each group expanded, in order, without
     * repeats. The names must exist ({@link #validate} makes sure).
     */
    public List<PeerEntry> expand(List<String> names) {
        Set<PeerEntry> result = new LinkedHashSet<>();
        for (String name : names) {
            expandInto(name, result, new HashSet<>());
        }
        return List.copyOf(result);
    }

    private void expandInto(String name, Set<PeerEntry> result, Set<String> seen) {
        PeerEntry p = peer(name);
        if (p != null) {
            result.add(p);
            return;
        }
        PeerGroup g = group(name);
        if (g != null && seen.add(name)) {
            g.members().forEach(m -> expandInto(m, result, seen));
        }
    }

    /** Throws {@link InvalidConfiguration} at the first value that is wrong, naming its field. */
    public Configuration validate() {
        global.validate("settings");
        Map<String, String> hostNames = new LinkedHashMap<>(); // the HostTable's one namespace: entries and groups
        for (PeerEntry p : peers) {
            String field = "peers[" + p.name() + "]";
            p.validate(field);
            if (hostNames.put(p.name(), "peer") != null) {
                throw new InvalidConfiguration(field + ".name", "defined twice: " + p.name());
            }
        }
        for (PeerGroup g : groups) {
            String field = "groups[" + g.name() + "]";
            g.validate(field);
            String before = hostNames.put(g.name(), "group");
            if (before != null) {
                throw new InvalidConfiguration(field + ".name", "already the name of a " + before + ": " + g.name());
            }
        }
        for (PeerGroup g : groups) {
            checkMembers("groups[" + g.name() + "].members", g.members());
            checkAcyclic(g.name(), new ArrayList<>());
        }
        Set<String> vendorNames = new HashSet<>();
        for (PeerGroup v : vendors) {
            String field = "vendors[" + v.name() + "]";
            if (v.name() == null || v.name().isBlank() || v.name().length() > 64 || v.name().contains("\"")) {
                throw new InvalidConfiguration(field + ".name", "a vendor name has 1-64 characters, no '\"'");
            }
            if (!vendorNames.add(v.name())) {
                throw new InvalidConfiguration(field + ".name", "defined twice: " + v.name());
            }
            if (v.members().isEmpty()) {
                throw new InvalidConfiguration(field + ".members", "a vendor needs at least one member");
            }
            checkMembers(field + ".members", v.members());
        }
        Set<String> titles = new HashSet<>();
        for (ArchiveAe ae : aes) {
            String field = "aes[" + ae.aeTitle() + "]";
            AeTitles.check(field + ".aeTitle", ae.aeTitle());
            if (!titles.add(ae.aeTitle())) {
                throw new InvalidConfiguration(field + ".aeTitle", "defined twice: " + ae.aeTitle());
            }
            ae.quota().validate(field + ".quota");
            if (!ae.anyPeer()) {
                if (ae.peers().stream().anyMatch(ArchiveAe.ANY::equalsIgnoreCase)) {
                    throw new InvalidConfiguration(field + ".peers", "ANY stands alone");
                }
                checkMembers(field + ".peers", ae.peers());
            }
            ae.store().toSettings(field + ".store");
            ae.find().validate(field + ".find");
            ae.retrieve().validate(field + ".retrieve");
            try {
                TransferSyntaxPreference.forStorage(ae.preferredTransferSyntax());
            } catch (IllegalStateException e) {
                throw new InvalidConfiguration(field + ".preferredTransferSyntax", e.getMessage());
            }
            if (ae.storageArea() != null && !isAbsolutePath(ae.storageArea())) {
                throw new InvalidConfiguration(field + ".storageArea", "must be an absolute path: " + ae.storageArea());
            }
        }
        return this;
    }

    private static boolean isAbsolutePath(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private void checkMembers(String field, List<String> members) {
        for (String m : members) {
            if (peer(m) == null && group(m) == null) {
                throw new InvalidConfiguration(field, "no peer or group is called '" + m + "'");
            }
        }
    }

    private void checkAcyclic(String name, List<String> path) {
        PeerGroup g = group(name);
        if (g == null) {
            return;
        }
        if (path.contains(name)) {
            path.add(name);
            throw new InvalidConfiguration("groups[" + path.get(0) + "].members",
                    "groups contain each other: " + String.join(" > ", path));
        }
        path.add(name);
        for (String m : g.members()) {
            checkAcyclic(m, new ArrayList<>(path));
        }
    }
}
