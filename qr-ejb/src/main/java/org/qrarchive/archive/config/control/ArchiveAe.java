package org.qrarchive.archive.config.control;

import java.util.List;

/**
 * An archive AE (a dcmqrscp AETable row): its own storage area and index, who may use it and how.
 *
 * @param aeTitle     the called AE title
 * @param storageArea directory of its objects; {@code null}: {@code <qr.storage.root>/<AE title>}
 * @param access      R, RW or W
 * @param quota       its limits ({@link Quota#NONE} for none)
 * @param peers       names of peer entries and groups that may associate, or just {@code "ANY"}
 * @param store       its store options
 * @param find        its C-FIND options
 * @param preferredTransferSyntax the transfer syntax preferred when a storage context proposes several
 *                    (dcmqrscp --prefer-*: uncompr, little, big, lossless, ..., implicit)
 * @param retrieve    its C-MOVE and C-GET options
 */
public record ArchiveAe(String aeTitle, String storageArea, Access access, Quota quota, List<String> peers,
        StoreOptions store, FindOptions find, String preferredTransferSyntax, RetrieveOptions retrieve) {
    public static final String ANY = "ANY";

    public ArchiveAe {
        access = access == null ? Access.RW : access;
        quota = quota == null ? Quota.NONE : quota;
        peers = peers == null || peers.isEmpty() ? List.of(ANY) : List.copyOf(peers);
        store = store == null ? StoreOptions.DEFAULTS : store;
        find = find == null ? FindOptions.DEFAULTS : find;
        preferredTransferSyntax = preferredTransferSyntax == null || preferredTransferSyntax.isBlank() ? "uncompr"
                : preferredTransferSyntax.trim();
        storageArea = storageArea == null || storageArea.isBlank() ? null : storageArea;
        retrieve = retrieve == null ? RetrieveOptions.DEFAULTS : retrieve;
    }

    /** An AE with the default retrieve options (a factory: JSON-B needs records with one constructor). */
    public static ArchiveAe of(String aeTitle, String storageArea, Access access, Quota quota, List<String> peers,
            StoreOptions store, FindOptions find, String preferredTransferSyntax) {
        return new ArchiveAe(aeTitle, storageArea, access, quota, peers, store, find, preferredTransferSyntax, null);
    }

    /** An AE with every default: RW, any peer, no quota. */
    public static ArchiveAe withDefaults(String aeTitle) {
        return new ArchiveAe(aeTitle, null, Access.RW, Quota.NONE, List.of(ANY), null, null, null, null);
    }

    public boolean anyPeer() {
        return peers.size() == 1 && ANY.equalsIgnoreCase(peers.get(0));
    }
}
