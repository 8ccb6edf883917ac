package org.qrarchive.archive.config.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Import and export of DCMTK dcmqrscp's configuration file (dcmqrscp.cfg, documented in DCMTK's dcmqrcnf.txt):
 * global parameters, then {@code HostTable}, {@code VendorTable} and {@code AETable} blocks, each between
 * {@code <Table> BEGIN} and {@code <Table> END}. Keywords are compared ignoring case, although dcmqrscp
 * 3.6.7 compares them exactly ({@code strcmp}). Where dcmqrscp silently misreads (an integer followed by
 * other text, a size without its {@code b}, a quote inside a word) this is an error instead: see
 * {@link DcmqrscpCfgTokenizer}.
 *
 * <p>Mapping to the model:
 * <ul>
 * <li>{@code NetworkTCPPort}, {@code MaxPDUSize}, {@code MaxAssociations} set the global settings;
 * {@code SpecificCharacterSet} sets {@link CharsetOptions}: a character set sets {@code convertTo} (none: the
 * base's), {@code override} clears {@code useRequest}, {@code transliterate} (preferred) or {@code discard}
 * set {@code unencodable}, else it is {@code replace}; {@code fallback} is what the archive always does.
 * Everything the file does not set comes from the base settings. {@code UserName}, {@code GroupName} and the
 * keywords dcmqrscp ignores are accepted with a warning.</li>
 * <li>{@code Name = (AETitle, HostName, PortNumber)} is a {@link PeerEntry}; {@code Name = a, b, ...} a
 * {@link PeerGroup}; in a mixed list each triple becomes a peer entry {@code Name-<n>}, n its 1-based
 * position in the list (made unique by a further {@code -2}, {@code -3}...). Names may be used before their
 * definition.</li>
 * <li>{@code "Vendor" = Name, ...} is a vendor; inline triples there are named like HostTable ones.</li>
 * <li>{@code AETitle StorageArea Access Quota Peers} is an {@link ArchiveAe} with default store and find
 * options. Peers are {@code ANY}, or HostTable names and inline triples, which become peer entries
 * {@code <AETitle>-peer-<n>}. An inline triple is (AETitle, HostName, PortNumber) as in the HostTable, not
 * the "( Hostname, AETitle, Portnumber )" the dcmqrcnf.txt and Debian comments show: dcmqrscp's
 * readPeerList() (dcmqrdb/libsrc/dcmqrcnf.cc) reads both tables' triples with the same code,
 * ApplicationTitle first, then HostName, then atoi() of the port, and dcmqrscp 3.6.7 accepts a calling AE
 * written first in an AETable triple and refuses it written second.</li>
 * </ul>
 *
 * <p>Extensions, so that everything the model holds can be written (a bare word is the keyword, the same
 * word quoted is a plain value):
 * <ul>
 * <li>storage area {@code default}: {@code null}, the archive's {@code <qr.storage.root>/<AE title>};</li>
 * <li>quota {@code unlimited} for either value, e.g. {@code (unlimited, 1gb)}; sizes take the units
 * {@code b}, {@code kb}, {@code mb}, {@code gb} (1024-based, as dcmqrscp) in any case, or none for bytes;</li>
 * <li>host name {@code *}: a peer that may connect from any host;</li>
 * <li>a doubled quote character inside quotes stands for one; IP addresses are accepted as host names.</li>
 * </ul>
 *
 * <p>{@link #format} writes a canonical text: {@code parse(format(c), base)} equals {@code c} when {@code c}
 * is valid, uses {@code base}'s bind address and timeouts, and has default AE store, find and transfer syntax
 * options (which the format cannot hold and are not written).
 */
public final class DcmqrscpCfg {
    private static final Set<String> KEYWORDS = Set.of("any", "default", "unlimited", "*", "hosttable",
            "vendortable", "aetable", "begin", "end");

    /** A configuration read from a text, and what in it was accepted but has no effect. */
    public record Parsed(Configuration configuration, List<String> warnings) {
        public Parsed {
            warnings = List.copyOf(warnings);
        }
    }

    private DcmqrscpCfg() {
    }

    /**
     * @param base the settings the file does not set (bind address, timeouts...)
     * @throws InvalidConfiguration at the line and column (1-based) of the first error
     */
    public static Configuration parse(String text, GlobalSettings base) {
        return parseWithWarnings(text, base).configuration();
    }

    /** {@link #parse}, and the warnings on entries that are ignored. */
    public static Parsed parseWithWarnings(String text, GlobalSettings base) {
        return new DcmqrscpCfgReader(base).read(text);
    }

    /**
     * The canonical text of a valid configuration.
     *
     * @throws IllegalArgumentException for a value with a line break, which the format cannot hold
     */
    public static String format(Configuration c) {
        StringBuilder out = new StringBuilder()
                .append("# dcmqrscp configuration exported by the QR archive (DCMTK dcmqrcnf.txt format).\n")
                .append("# Not written: bind address, timeouts and AE store, find and transfer syntax options.\n")
                .append("# Extensions: storage area default, quota unlimited, host * (any host).\n\n");
        GlobalSettings g = c.global();
        CharsetOptions cs = g.findCharset();
        List<String[]> global = List.of(
                new String[] {"NetworkTCPPort", "= " + g.port()},
                new String[] {"MaxPDUSize", "= " + g.maxPdu()},
                new String[] {"MaxAssociations", "= " + g.maxAssociations()},
                new String[] {"SpecificCharacterSet", "= " + charset(cs)});
        rows(out, global);

        List<String[]> hosts = new ArrayList<>();
        for (PeerEntry p : c.peers()) {
            hosts.add(new String[] {quote(p.name()), "= (" + quote(p.aeTitle()) + ", "
                    + (p.host() == null ? "*" : quote(p.host())) + ", " + p.port() + ")"});
        }
        c.groups().forEach(gr -> hosts.add(new String[] {quote(gr.name()), "= " + names(gr.members())}));
        table(out, "HostTable", hosts);

        List<String[]> vendors = new ArrayList<>();
        c.vendors().forEach(v -> vendors.add(new String[] {quote(v.name()), "= " + names(v.members())}));
        table(out, "VendorTable", vendors);

        List<String[]> aes = new ArrayList<>();
        for (ArchiveAe ae : c.aes()) {
            aes.add(new String[] {quote(ae.aeTitle()),
                    ae.storageArea() == null ? "default" : quote(ae.storageArea()), ae.access().name(),
                    "(" + count(ae.quota().maxStudies()) + ", " + size(ae.quota().maxBytesPerStudy()) + ")",
                    ae.anyPeer() ? ArchiveAe.ANY : names(ae.peers())});
        }
        table(out, "AETable", aes);
        return out.toString();
    }

    private static String charset(CharsetOptions cs) {
        String s = quote(cs.convertTo(), true) + (cs.useRequest() ? ", fallback" : ", override");
        return switch (cs.unencodable()) {
            case "transliterate" -> s + ", transliterate";
            case "discard" -> s + ", discard";
            default -> s;
        };
    }

    private static String count(Integer n) {
        return n == null ? "unlimited" : n.toString();
    }

    // the largest unit that divides exactly, so the size reads as it was probably written
    private static String size(Long bytes) {
        if (bytes == null) {
            return "unlimited";
        }
        String[] units = {"gb", "mb", "kb"};
        for (int i = 0; i < units.length; i++) {
            long factor = 1L << (10 * (3 - i));
            if (bytes != 0 && bytes % factor == 0) {
                return bytes / factor + units[i];
            }
        }
        return bytes + "b";
    }

    private static String names(List<String> names) {
        return String.join(", ", names.stream().map(DcmqrscpCfg::quote).toList());
    }

    private static void table(StringBuilder out, String keyword, List<String[]> rows) {
        out.append('\n').append(keyword).append(" BEGIN\n");
        rows(out, rows);
        out.append(keyword).append(" END\n");
    }

    // columns padded to their widest value, the last one not, for a readable file without trailing spaces
    private static void rows(StringBuilder out, List<String[]> rows) {
        int columns = rows.isEmpty() ? 0 : rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns - 1; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            for (int i = 0; i < columns - 1; i++) {
                out.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 1));
            }
            out.append(row[columns - 1]).append('\n');
        }
    }

    private static String quote(String value) {
        return quote(value, false);
    }

    private static String quote(String value, boolean always) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("dcmqrscp.cfg cannot hold a line break: '" + value + "'");
        }
        if (!always && bare(value)) {
            return value;
        }
        char q = value.indexOf('"') < 0 || value.indexOf('\'') >= 0 ? '"' : '\'';
        return q + value.replace(String.valueOf(q), String.valueOf(q) + q) + q;
    }

    // what the tokenizer reads back as the same word, and not as one of the keywords
    private static boolean bare(String value) {
        if (value.isEmpty() || KEYWORDS.contains(value.toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c == 0x7F || "=,\"'()#".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
