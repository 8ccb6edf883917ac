package org.qrarchive.archive.config.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code qr.*} system properties of earlier versions, read once: on the first start with an empty
 * configuration they become its content, so that an installation configured through them keeps working.
 * Afterwards the database is the truth and these properties are not read again, except the storage root,
 * which belongs to the deployment ({@code qr.storage.root}, default {@code <jboss.server.data.dir>/qr-storage}).
 */
public final class PropertySeed {
    private PropertySeed() {
    }

    public static Path storageRoot() {
        return Path.of(System.getProperty("qr.storage.root",
                System.getProperty("jboss.server.data.dir", ".") + "/qr-storage"));
    }

    /** The configuration the properties describe; throws {@link InvalidConfiguration} for a bad value. */
    public static Configuration configuration() {
        GlobalSettings global = new GlobalSettings(intValue("qr.dicom.port", 11112), text("qr.dicom.bind", ""),
                intValue("qr.max.associations", 16), Math.max(4096, intValue("qr.max.pdu", 262144)),
                intValue("qr.timeout.acse", 30), intValue("qr.timeout.dimse", 300), intValue("qr.timeout.connect", 10),
                new CharsetOptions(!text("qr.find.charset", "request").equalsIgnoreCase("override"),
                        text("qr.find.convert-to", "stored"), text("qr.find.unencodable", "replace")));
        StoreOptions store = new StoreOptions(flag("qr.store.ignore", false), flag("qr.store.no-parallel", false),
                flag("qr.store.uid-padding", false), flag("qr.store.write-dataset", false),
                flag("qr.store.bit-preserving", false), text("qr.store.write-ts", "same"),
                text("qr.store.group-length", "recalc"), text("qr.store.length", "explicit"),
                text("qr.store.padding", "off"), intValue("qr.store.compression-level", 6),
                flag("qr.store.fsync", true), flag("qr.store.drop-cache", true));
        FindOptions find = new FindOptions(flag("qr.find.patient-root", true), flag("qr.find.study-root", true),
                flag("qr.find.patient-study-only", true), flag("qr.find.check", false),
                flag("qr.find.pn-case-sensitive", false), intValue("qr.find.max-matches", 100_000));
        // qr.ae.peers named calling AE titles only: each becomes a peer entry of that name, from any host
        List<PeerEntry> peers = new ArrayList<>();
        for (String title : list("qr.ae.peers")) {
            peers.add(new PeerEntry(title, title, null, 0));
        }
        List<String> allowed = peers.isEmpty() ? List.of(ArchiveAe.ANY) : peers.stream().map(PeerEntry::name).toList();
        List<ArchiveAe> aes = new ArrayList<>();
        for (String title : list("qr.ae.title").isEmpty() ? List.of("QRSCP") : list("qr.ae.title")) {
            aes.add(ArchiveAe.of(title, null, Access.RW, Quota.NONE, allowed, store, find, text("qr.prefer.ts",
                    "uncompr")));
        }
        return new Configuration(global, peers, List.of(), List.of(), aes).validate();
    }

    private static String text(String key, String defaultValue) {
        String v = System.getProperty(key);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    private static boolean flag(String key, boolean defaultValue) {
        return Boolean.parseBoolean(text(key, Boolean.toString(defaultValue)).toLowerCase(Locale.ROOT));
    }

    private static int intValue(String key, int defaultValue) {
        String v = text(key, Integer.toString(defaultValue));
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidConfiguration(key, "not a number: " + v);
        }
    }

    private static List<String> list(String key) {
        return Arrays.stream(text(key, "").split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
