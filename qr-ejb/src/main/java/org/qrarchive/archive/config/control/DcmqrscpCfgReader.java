package org.qrarchive.archive.config.control;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.qrarchive.archive.config.control.DcmqrscpCfgTokenizer.Kind;
import org.qrarchive.archive.config.control.DcmqrscpCfgTokenizer.Token;

/**
 * Reads one dcmqrscp.cfg text (see {@link DcmqrscpCfg} for the format). Two passes: the lines are checked and
 * kept as tokens first, so syntax errors come in line order and names can be used before their definition;
 * then the model is built, names are generated for inline peers, and {@link Configuration#validate}'s field
 * errors are mapped back to the token they came from. One instance reads one text.
 */
final class DcmqrscpCfgReader {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,18}");
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,18})([kmg]?b)?", Pattern.CASE_INSENSITIVE);
    private static final String[] AE_COLUMNS = {"AETitle", "StorageArea", "Access", "Quota", "Peers"};
    private static final Set<String> OBSOLETE = Set.of("applicationtitle", "applicationcontext",
            "implementationclass", "implementationversion", "networktype", "display", "displayport");

    private enum Table {
        HOST("HostTable"), VENDOR("VendorTable"), AE("AETable");

        final String keyword;

        Table(String keyword) {
            this.keyword = keyword;
        }
    }

    private record Triple(Token token, String aeTitle, String host, int port) {
    }

    /** A right-hand side element: a name ({@code triple == null}) or an inline peer. */
    private record Member(Token token, String name, Triple triple) {
    }

    private record Entry(Token name, List<Member> members) {
    }

    private record AeRow(List<Token> tokens, String aeTitle, String storageArea, Access access, Quota quota,
            List<Member> peers) {
    }

    private final GlobalSettings base;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Integer> globalLines = new HashMap<>();
    private Integer port;
    private Integer maxPdu;
    private Integer maxAssociations;
    private CharsetOptions charset;
    private final List<Entry> hostEntries = new ArrayList<>();
    private final List<Entry> vendorEntries = new ArrayList<>();
    private final List<AeRow> aeRows = new ArrayList<>();

    private final List<PeerEntry> peers = new ArrayList<>();
    private final Set<String> hostNames = new HashSet<>();
    // validate()'s field paths -> where they were written; a list because a name may be defined twice
    private final Map<String, List<Token>> where = new HashMap<>();
    private final Map<String, Map<String, Token>> memberTokens = new HashMap<>();

    DcmqrscpCfgReader(GlobalSettings base) {
        this.base = base == null ? GlobalSettings.DEFAULTS : base;
    }

    DcmqrscpCfg.Parsed read(String text) {
        if (text == null) {
            throw new InvalidConfiguration(0, 0, "no configuration text");
        }
        List<String> lines = DcmqrscpCfgTokenizer.lines(text);
        Table table = null;
        Token begin = null;
        for (int i = 0; i < lines.size(); i++) {
            if (DcmqrscpCfgTokenizer.ignorable(lines.get(i))) {
                continue;
            }
            List<Token> tokens = DcmqrscpCfgTokenizer.tokenize(lines.get(i), i + 1);
            if (tokens.isEmpty()) {
                continue; // only separators
            }
            if (table == null) {
                table = globalLine(tokens);
                begin = tokens.get(0);
            } else if (endsTable(table, tokens)) {
                table = null;
            } else {
                switch (table) {
                    case HOST -> hostEntries.add(entry(tokens, "a symbolic name"));
                    case VENDOR -> vendorEntries.add(entry(tokens, "a vendor name"));
                    case AE -> aeRows.add(aeRow(tokens));
                }
            }
        }
        if (table != null) {
            throw error(begin, table.keyword + " BEGIN has no " + table.keyword + " END");
        }
        Configuration c = build();
        try {
            c.validate();
        } catch (InvalidConfiguration e) {
            throw locate(e);
        }
        return new DcmqrscpCfg.Parsed(c, List.copyOf(warnings));
    }

    // ---- first pass: lines

    /** Reads a global parameter line; returns the table it opens, or {@code null}. */
    private Table globalLine(List<Token> tokens) {
        Token keyword = tokens.get(0);
        if (keyword.kind() != Kind.WORD) {
            throw error(keyword, "a line starts with a keyword, not a quoted value or a list");
        }
        for (Table t : Table.values()) {
            if (keyword.is(t.keyword)) {
                if (tokens.size() == 2 && tokens.get(1).is("END")) {
                    throw error(keyword, t.keyword + " END without " + t.keyword + " BEGIN");
                }
                if (tokens.size() != 2 || !tokens.get(1).is("BEGIN")) {
                    throw error(tokens.size() > 1 ? tokens.get(1) : keyword, "expected " + t.keyword + " BEGIN");
                }
                return t;
            }
        }
        String name = keyword.text().toLowerCase(Locale.ROOT);
        Integer before = globalLines.put(name, keyword.line());
        if (before != null) {
            warnings.add("line " + keyword.line() + ": " + keyword.text() + " is set again; line " + before
                    + "'s value is replaced");
        }
        switch (name) {
            case "networktcpport" -> port = integer(single(tokens), "NetworkTCPPort", "settings.port");
            case "maxpdusize" -> maxPdu = integer(single(tokens), "MaxPDUSize", "settings.maxPdu");
            case "maxassociations" ->
                    maxAssociations = integer(single(tokens), "MaxAssociations", "settings.maxAssociations");
            case "specificcharacterset" -> charset = charset(tokens);
            case "username", "groupname" -> {
                string(single(tokens), "a name");
                warnings.add("line " + keyword.line() + ": " + keyword.text() + " is ignored: the archive runs"
                        + " with the user and group of the WildFly server");
            }
            default -> {
                if (!OBSOLETE.contains(name)) {
                    throw error(keyword, "unknown keyword '" + keyword.text() + "'");
                }
                // dcmqrscp itself still accepts and ignores these keywords of older versions
                warnings.add("line " + keyword.line() + ": " + keyword.text() + " is obsolete and ignored");
            }
        }
        return null;
    }

    private boolean endsTable(Table table, List<Token> tokens) {
        Token first = tokens.get(0);
        if (first.is(table.keyword)) {
            if (tokens.size() != 2 || !tokens.get(1).is("END")) {
                throw error(tokens.size() > 1 ? tokens.get(1) : first, "expected " + table.keyword + " END");
            }
            return true;
        }
        for (Table t : Table.values()) {
            if (first.is(t.keyword) && tokens.size() > 1 && (tokens.get(1).is("BEGIN") || tokens.get(1).is("END"))) {
                throw error(first, table.keyword + " END is missing before " + t.keyword + " "
                        + tokens.get(1).text());
            }
        }
        return false;
    }

    private Token single(List<Token> tokens) {
        Token keyword = tokens.get(0);
        if (tokens.size() < 2) {
            throw new InvalidConfiguration(keyword.line(), keyword.end(), keyword.text() + " needs a value");
        }
        if (tokens.size() > 2) {
            throw error(tokens.get(2), keyword.text() + " takes one value");
        }
        return tokens.get(1);
    }

    private CharsetOptions charset(List<Token> tokens) {
        if (tokens.size() < 2) {
            single(tokens); // throws: a value is needed
        }
        mark("settings.findCharset", tokens.get(1));
        String term = null;
        boolean override = false;
        boolean transliterate = false;
        boolean discard = false;
        for (Token t : tokens.subList(1, tokens.size())) {
            String option = t.kind() == Kind.WORD ? t.text().toLowerCase(Locale.ROOT) : "";
            switch (option) {
                case "fallback" -> {
                    // dcmqrscp's retry with another set: the archive always falls back (to UTF-8)
                }
                case "override" -> override = true;
                case "transliterate" -> transliterate = true;
                case "discard" -> discard = true;
                default -> {
                    // a bare word is a term too (GB18030): validate() refuses a misspelled option
                    if (term != null) {
                        throw error(t, "SpecificCharacterSet takes one character set: '" + term + "' is given");
                    }
                    term = string(t, "a character set or an option");
                }
            }
        }
        return new CharsetOptions(!override, term != null ? term : base.findCharset().convertTo(),
                transliterate ? "transliterate" : discard ? "discard" : "replace");
    }

    private Entry entry(List<Token> tokens, String what) {
        Token name = tokens.get(0);
        string(name, what);
        if (tokens.size() < 2) {
            throw new InvalidConfiguration(name.line(), name.end(), "'" + name.text()
                    + "' needs a list of symbolic names or (AETitle, HostName, PortNumber) peers");
        }
        return new Entry(name, members(tokens.subList(1, tokens.size())));
    }

    private List<Member> members(List<Token> tokens) {
        List<Member> members = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind() == Kind.LIST) {
                members.add(new Member(t, null, triple(t)));
            } else {
                // ArchiveAe compares ANY ignoring case: spell it one way, quoted or not, so it is written back
                members.add(new Member(t, t.text().equalsIgnoreCase(ArchiveAe.ANY) ? ArchiveAe.ANY : t.text(), null));
            }
        }
        return members;
    }

    /**
     * (AETitle, HostName, PortNumber) in all three tables: dcmqrcnf.cc's readPeerList() reads every inline peer
     * so (ApplicationTitle, HostName, atoi(PortNumber)), although the AETable comments say (Hostname, AETitle,
     * Portnumber); dcmqrscp 3.6.7 accepts a calling AE title written first and refuses it written second.
     */
    private Triple triple(Token list) {
        if (list.items().size() != 3) {
            throw error(list, "a peer is (AETitle, HostName, PortNumber), found " + list.items().size() + " values");
        }
        Token host = list.items().get(1);
        return new Triple(list, string(list.items().get(0), "an AE title"),
                host.is("*") ? null : string(host, "a host name"),
                integer(list.items().get(2), "PortNumber", null));
    }

    private AeRow aeRow(List<Token> tokens) {
        if (tokens.size() < AE_COLUMNS.length) {
            Token last = tokens.get(tokens.size() - 1);
            throw new InvalidConfiguration(last.line(), last.end(), "an AETable row is: AETitle StorageArea Access"
                    + " Quota Peers; " + AE_COLUMNS[tokens.size()] + " is missing");
        }
        String aeTitle = string(tokens.get(0), "an AE title");
        Token area = tokens.get(1);
        String storageArea = area.is("default") ? null : path(area);
        Token access = tokens.get(2);
        List<Token> peerTokens = tokens.subList(4, tokens.size());
        List<Member> peerList = peerTokens.size() == 1 && peerTokens.get(0).is(ArchiveAe.ANY) ? List.of()
                : members(peerTokens);
        return new AeRow(tokens, aeTitle, storageArea, access(access), quota(tokens.get(3)), peerList);
    }

    // validate() calls Path.of, which throws for some strings (NUL): refuse those here, at their column
    private String path(Token t) {
        String path = string(t, "a storage area");
        try {
            Path.of(path);
        } catch (InvalidPathException e) {
            throw error(t, "not a usable path: " + e.getReason());
        }
        return path;
    }

    private Access access(Token t) {
        return switch (string(t, "R, RW or W").toUpperCase(Locale.ROOT)) {
            case "R" -> Access.R;
            case "RW" -> Access.RW;
            case "W" -> Access.W;
            default -> throw error(t, "Access is R, RW or W: '" + t.text() + "'");
        };
    }

    private Quota quota(Token t) {
        if (t.kind() != Kind.LIST || t.items().size() != 2) {
            throw error(t, "a quota is (maxStudies, maxBytesPerStudy), e.g. (10, 24mb) or (unlimited, unlimited)");
        }
        Token studies = t.items().get(0);
        Token bytes = t.items().get(1);
        return Quota.of(studies.is("unlimited") ? null : integer(studies, "maxStudies", null),
                bytes.is("unlimited") ? null : bytes(bytes));
    }

    private Long bytes(Token t) {
        Matcher m = SIZE.matcher(t.text());
        if (t.kind() != Kind.WORD || !m.matches()) {
            throw error(t, "maxBytesPerStudy is a number with an optional unit b, kb, mb or gb, or unlimited: '"
                    + t.text() + "'");
        }
        long factor = switch (m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT)) {
            case "kb" -> 1L << 10;
            case "mb" -> 1L << 20;
            case "gb" -> 1L << 30;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        } catch (ArithmeticException e) {
            throw error(t, "maxBytesPerStudy is too large: " + t.text());
        }
    }

    /** An integer value, which DCMTK does not allow to be quoted; marks it as the source of {@code field}. */
    private int integer(Token t, String what, String field) {
        if (t.kind() != Kind.WORD) {
            throw error(t, what + " must be an integer, " + (t.kind() == Kind.QUOTED ? "not quoted" : "not a list"));
        }
        if (!INTEGER.matcher(t.text()).matches()) {
            throw error(t, what + " must be an integer: '" + t.text() + "'");
        }
        long value = Long.parseLong(t.text());
        if (value != (int) value) {
            throw error(t, what + " is out of range: " + t.text());
        }
        if (field != null) {
            mark(field, t);
        }
        return (int) value;
    }

    private String string(Token t, String what) {
        if (t.kind() == Kind.LIST) {
            throw error(t, "expected " + what + ", found a list");
        }
        return t.text();
    }

    // ---- second pass: the model

    private Configuration build() {
        hostEntries.forEach(e -> hostNames.add(e.name().text()));
        List<PeerGroup> groups = new ArrayList<>();
        for (Entry e : hostEntries) {
            String name = e.name().text();
            if (e.members().size() == 1 && e.members().get(0).triple() != null) {
                addPeer(name, e.name(), e.members().get(0).triple());
            } else {
                String field = "groups[" + name + "]";
                mark(field, e.name());
                groups.add(new PeerGroup(name, memberNames(field + ".members", name + "-", e.members())));
            }
        }
        List<PeerGroup> vendors = new ArrayList<>();
        for (Entry e : vendorEntries) {
            String name = e.name().text();
            String field = "vendors[" + name + "]";
            mark(field, e.name());
            vendors.add(new PeerGroup(name, memberNames(field + ".members", name + "-", e.members())));
        }
        List<ArchiveAe> aes = new ArrayList<>();
        for (AeRow row : aeRows) {
            String field = "aes[" + row.aeTitle() + "]";
            List<Token> t = row.tokens();
            mark(field, t.get(0));
            mark(field + ".storageArea", t.get(1));
            mark(field + ".quota", t.get(3));
            mark(field + ".quota.maxStudies", t.get(3).items().get(0));
            mark(field + ".quota.maxBytesPerStudy", t.get(3).items().get(1));
            mark(field + ".peers", t.get(4));
            List<String> names = row.peers().isEmpty() ? List.of(ArchiveAe.ANY)
                    : memberNames(field + ".peers", row.aeTitle() + "-peer-", row.peers());
            aes.add(ArchiveAe.of(row.aeTitle(), row.storageArea(), row.access(), row.quota(), names, null, null,
                    null));
        }
        GlobalSettings global = new GlobalSettings(port != null ? port : base.port(), base.bindAddress(),
                maxAssociations != null ? maxAssociations : base.maxAssociations(),
                maxPdu != null ? maxPdu : base.maxPdu(), base.acseTimeout(), base.dimseTimeout(),
                base.connectTimeout(), charset != null ? charset : base.findCharset());
        return new Configuration(global, peers, groups, vendors, aes);
    }

    /**
     * The member names of a list; an inline peer becomes a peer entry named {@code <prefix><n>}, n its 1-based
     * position in the list, made unique among the HostTable's names (which may be defined after this line).
     */
    private List<String> memberNames(String field, String prefix, List<Member> members) {
        List<String> names = new ArrayList<>();
        Map<String, Token> tokens = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            String name = m.triple() == null ? m.name()
                    : addPeer(unique(symbolic(prefix) + (i + 1)), m.token(), m.triple());
            names.add(name);
            tokens.putIfAbsent(name, m.token());
        }
        mark(field, members.get(0).token());
        memberTokens.put(field, tokens);
        return names;
    }

    private String addPeer(String name, Token nameToken, Triple t) {
        peers.add(new PeerEntry(name, t.aeTitle(), t.host(), t.port()));
        String field = "peers[" + name + "]";
        mark(field, nameToken);
        mark(field + ".aeTitle", t.token().items().get(0));
        mark(field + ".host", t.token().items().get(1));
        mark(field + ".port", t.token().items().get(2));
        return name;
    }

    private String unique(String candidate) {
        String name = candidate;
        for (int n = 2; !hostNames.add(name); n++) {
            name = candidate + "-" + n;
        }
        return name;
    }

    // AE titles and vendor names may hold characters a symbolic name cannot: the generated name must be valid
    private static String symbolic(String prefix) {
        StringBuilder b = new StringBuilder(prefix.length());
        for (char c : prefix.toCharArray()) {
            b.append(c < 0x20 || c > 0x7E || "\"'()=,\\".indexOf(c) >= 0 ? '_' : c);
        }
        return b.toString().stripLeading();
    }

    // ---- validate()'s errors at their line and column

    private void mark(String field, Token t) {
        where.computeIfAbsent(field, f -> new ArrayList<>()).add(t);
    }

    private InvalidConfiguration locate(InvalidConfiguration e) {
        String field = e.field();
        if (field == null) {
            return e;
        }
        Token member = member(field, e.getMessage());
        if (member != null) {
            return error(member, e.getMessage());
        }
        // the most specific field written: aes[X].quota.maxStudies, else aes[X].quota, else aes[X]
        for (String key = field; !key.isEmpty(); key = key.substring(0, Math.max(0, key.lastIndexOf('.')))) {
            List<Token> tokens = where.get(key);
            if (tokens != null) {
                boolean again = e.getMessage().contains("defined twice") || e.getMessage().contains("already the name");
                return error(tokens.get(again ? Math.min(1, tokens.size() - 1) : 0), e.getMessage());
            }
        }
        return e; // a value the file does not set: a bad base
    }

    // "no peer or group is called 'x'": the member x itself
    private Token member(String field, String message) {
        Map<String, Token> tokens = memberTokens.get(field);
        int start = message.lastIndexOf("called '");
        if (tokens == null || start < 0 || !message.endsWith("'")) {
            return null;
        }
        return tokens.get(message.substring(start + "called '".length(), message.length() - 1));
    }

    private static InvalidConfiguration error(Token t, String message) {
        return new InvalidConfiguration(t.line(), t.column(), message);
    }
}
