package org.qrarchive.archive.config.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** dcmqrscp.cfg import and export: DCMTK's own examples, canonical round trips, errors at their position. */
class DcmqrscpCfgTest {
    // not the defaults, so that what comes from the base and what from the file can be told apart
    private static final GlobalSettings BASE = new GlobalSettings(11112, "127.0.0.1", 16, 262144, 20, 200, 5,
            new CharsetOptions(false, "ISO_IR 100", "discard"));
    private static final long MB = 1024 * 1024;

    private static String resource(String name) throws IOException {
        try (InputStream in = DcmqrscpCfgTest.class.getResourceAsStream("/dcmqrscp/" + name)) {
            assertTrue(in != null, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Configuration parse(String... lines) {
        return DcmqrscpCfg.parse(String.join("\n", lines), BASE);
    }

    private static void assertRoundTrip(Configuration c) {
        String text = DcmqrscpCfg.format(c);
        Configuration back = DcmqrscpCfg.parse(text, BASE);
        assertEquals(c, back, text);
        assertEquals(text, DcmqrscpCfg.format(back), "canonical");
    }

    @Test
    void debianFileHasOnlyGlobalParameters() throws IOException {
        DcmqrscpCfg.Parsed parsed = DcmqrscpCfg.parseWithWarnings(resource("debian-dcmqrscp.cfg"), BASE);
        Configuration c = parsed.configuration();
        assertEquals(104, c.global().port());
        assertEquals(16384, c.global().maxPdu());
        assertEquals(16, c.global().maxAssociations());
        assertEquals(BASE.findCharset(), c.global().findCharset(), "SpecificCharacterSet is only in comments");
        assertEquals(BASE.bindAddress(), c.global().bindAddress());
        assertEquals(BASE.dimseTimeout(), c.global().dimseTimeout());
        assertTrue(c.peers().isEmpty() && c.groups().isEmpty() && c.vendors().isEmpty() && c.aes().isEmpty());
        assertEquals(2, parsed.warnings().size(), parsed.warnings().toString());
        assertTrue(parsed.warnings().get(0).startsWith("line 24: UserName is ignored"), parsed.warnings().get(0));
        assertTrue(parsed.warnings().get(1).startsWith("line 25: GroupName is ignored"), parsed.warnings().get(1));
    }

    @Test
    void debianExamplesImport() throws IOException {
        Configuration c = DcmqrscpCfg.parse(resource("debian-dcmqrscp-examples.cfg"), BASE);
        assertEquals(List.of(new PeerEntry("acme1", "ACME1", "acmehost1", 5678),
                new PeerEntry("acme2", "ACME2", "acmehost2", 5678),
                new PeerEntry("united1", "UNITED1", "unitedhost1", 104),
                new PeerEntry("united2", "UNITED2", "unitedhost2", 104)), c.peers());
        assertEquals(List.of(new PeerGroup("acmeCTcompany", List.of("acme1", "acme2")),
                new PeerGroup("unitedMRcompany", List.of("united1", "united2"))), c.groups());
        assertEquals(List.of(new PeerGroup("Acme CT Company", List.of("acmeCTcompany")),
                new PeerGroup("United MR Company", List.of("unitedMRcompany"))), c.vendors());

        assertEquals(List.of("ACME_STORE", "UNITED_STORE", "READWRITE", "READ"),
                c.aes().stream().map(ArchiveAe::aeTitle).toList());
        ArchiveAe acme = c.ae("ACME_STORE");
        assertEquals("/var/lib/dcmtk/db/ACME_STORE", acme.storageArea());
        assertEquals(Access.RW, acme.access());
        assertEquals(Quota.of(9, 1024 * MB), acme.quota());
        assertEquals(List.of("acmeCTcompany"), acme.peers());
        assertEquals(List.of(c.peer("acme1"), c.peer("acme2")), c.expand(acme.peers()));
        assertEquals(List.of(c.peer("united1"), c.peer("united2")), c.expand(c.ae("UNITED_STORE").peers()));
        ArchiveAe read = c.ae("READ");
        assertEquals(Access.R, read.access());
        assertEquals(Quota.of(200, 1L << 30), read.quota());
        assertTrue(read.anyPeer());
        assertTrue(c.ae("READWRITE").anyPeer());
        assertEquals(Quota.of(10, 1L << 30), c.ae("READWRITE").quota());
        assertEquals("uncompr", read.preferredTransferSyntax());
        assertEquals(StoreOptions.DEFAULTS, read.store());
    }

    @Test
    void dcmqrcnfExampleImports() throws IOException {
        DcmqrscpCfg.Parsed parsed = DcmqrscpCfg.parseWithWarnings(resource("dcmqrcnf-example.cfg"), BASE);
        Configuration c = parsed.configuration();
        assertEquals(104, c.global().port());
        assertEquals(8192, c.global().maxPdu());
        assertEquals(20, c.global().maxAssociations());
        assertEquals(new CharsetOptions(true, "ISO_IR 100", "replace"), c.global().findCharset(),
                "fallback alone: the base's set, the request's set first, no -Ct/-Cd");
        assertEquals(2, parsed.warnings().size(), "UserName, GroupName");

        for (int i = 1; i <= 3; i++) {
            assertEquals(new PeerEntry("Acme_" + i, "ACME_DN" + i, "acme", 10001), c.peer("Acme_" + i));
        }
        assertEquals(List.of(new PeerGroup("Acme", List.of("Acme_1", "Acme_2", "Acme_3"))), c.groups());
        assertEquals(List.of(new PeerGroup("ACME CT Company", List.of("Acme"))), c.vendors());
        ArchiveAe pub = c.ae("ACME_PUB");
        assertEquals(ArchiveAe.of("ACME_PUB", "/dicom/ACME_PUB", Access.R, Quota.of(10, 24 * MB),
                List.of("ANY"), null, null, null), pub);
        ArchiveAe prv = c.ae("ACME_PRV");
        assertEquals(Access.RW, prv.access());
        assertEquals(Quota.of(10, 25165824L), prv.quota());
        assertEquals(c.peers(), c.expand(prv.peers()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian-dcmqrscp.cfg", "debian-dcmqrscp-examples.cfg", "dcmqrcnf-example.cfg"})
    void examplesRoundTrip(String name) throws IOException {
        Configuration c = DcmqrscpCfg.parse(resource(name), BASE);
        assertRoundTrip(c);
        assertTrue(DcmqrscpCfg.format(c).startsWith("# dcmqrscp configuration exported by the QR archive"));
    }

    @Test
    void everythingTheModelHoldsRoundTrips() {
        GlobalSettings global = new GlobalSettings(4242, BASE.bindAddress(), 3, 65536, BASE.acseTimeout(),
                BASE.dimseTimeout(), BASE.connectTimeout(), new CharsetOptions(false, "ISO_IR 192", "transliterate"));
        Configuration c = new Configuration(global,
                List.of(new PeerEntry("ct one", "CT \"ONE\" 'X'", "ct1.example.org", 104),
                        new PeerEntry("mobile", "MOBILE", null, 0),
                        new PeerEntry("v6", "V6", "fe80::1%eth0", 11112),
                        new PeerEntry("default", "A=B,C", "10.0.0.1", 1)),
                List.of(new PeerGroup("all peers", List.of("ct one", "mobile")),
                        new PeerGroup("#hash", List.of("all peers", "v6")),
                        new PeerGroup("nested", List.of("#hash", "default"))),
                List.of(new PeerGroup("O'Brien (Imaging), Inc.", List.of("nested")),
                        new PeerGroup("Acme", List.of("v6", "mobile"))),
                List.of(ArchiveAe.of("ARCHIVE", null, Access.RW, Quota.NONE, List.of("ANY"), null, null, null),
                        ArchiveAe.of("A=B,C", "/srv/dicom/my archive/\"q\"'", Access.R, Quota.of(500, null),
                                List.of("nested", "default"), null, null, null),
                        ArchiveAe.of("W'ONLY", "/srv/w", Access.W, Quota.of(null, 1536L), List.of("v6"),
                                null, null, null),
                        ArchiveAe.of("GB", "/srv/äöü", Access.RW, Quota.of(1, 3L << 30), List.of("#hash"),
                                null, null, null)));
        c.validate();
        assertRoundTrip(c);
        String text = DcmqrscpCfg.format(c);
        assertTrue(text.contains("SpecificCharacterSet = \"ISO_IR 192\", override, transliterate\n"), text);
        assertTrue(text.contains("ARCHIVE  default "), text);
        assertTrue(text.contains("(unlimited, unlimited) ANY\n"), text);
        assertTrue(text.contains("(500, unlimited)"), text);
        assertTrue(text.contains("(unlimited, 1536b)"), text);
        assertTrue(text.contains("(1, 3gb)"), text);
        assertTrue(text.contains("= (MOBILE, *, 0)\n"), text);
        assertTrue(text.contains("\"default\" "), "a name that is a keyword is quoted: " + text);
        assertTrue(text.contains("\"CT \"\"ONE\"\" 'X'\""), text);
    }

    @Test
    void aeTableTripleIsAeTitleHostPortAsDcmqrscpReadsIt() {
        Configuration c = parse("AETable BEGIN",
                "A /srv/a RW (1, 1mb) (ECHOER, localhost, 555), (ECHOER, 10.0.0.2, 556)",
                "AETable END");
        assertEquals(List.of(new PeerEntry("A-peer-1", "ECHOER", "localhost", 555),
                new PeerEntry("A-peer-2", "ECHOER", "10.0.0.2", 556)), c.peers());
        assertEquals(List.of("A-peer-1", "A-peer-2"), c.ae("A").peers());
        assertRoundTrip(c);
    }

    @Test
    void mixedHostTableEntryGeneratesUniqueNames() {
        Configuration c = parse("HostTable BEGIN",
                "a = (A, h, 1)",
                "G = a, (X, hx, 2), (Y, hy, 3)",
                "G-3 = (Z, hz, 4)",
                "single = (S, hs, 5)",
                "HostTable END");
        assertEquals(List.of(new PeerGroup("G", List.of("a", "G-2", "G-3-2"))), c.groups());
        assertEquals(new PeerEntry("G-2", "X", "hx", 2), c.peer("G-2"));
        assertEquals(new PeerEntry("G-3-2", "Y", "hy", 3), c.peer("G-3-2"));
        assertEquals(new PeerEntry("G-3", "Z", "hz", 4), c.peer("G-3"), "the written name keeps its entry");
        assertEquals(new PeerEntry("single", "S", "hs", 5), c.peer("single"), "one triple is an entry");
        assertRoundTrip(c);
    }

    @Test
    void keywordsAndValuesIgnoreCaseAndNamesMayComeLater() {
        Configuration c = parse("networktcpport 2104",
                "aetable begin",
                "A default rw (UNLIMITED, 24MB) later",
                "B default w (2, 1024) any",
                "AETABLE END",
                "hosttable begin",
                "later = (L, lh, 104)",
                "hosttable end");
        assertEquals(2104, c.global().port());
        assertNull(c.ae("A").storageArea());
        assertEquals(Access.RW, c.ae("A").access());
        assertEquals(Quota.of(null, 24 * MB), c.ae("A").quota());
        assertEquals(Quota.of(2, 1024L), c.ae("B").quota());
        assertTrue(c.ae("B").anyPeer());
        assertEquals(List.of("later"), c.ae("A").peers());
        assertRoundTrip(parse("AETable BEGIN", "A default RW (1, 1kb) \"any\"", "AETable END"));
    }

    @Test
    void specificCharacterSetOptions() {
        assertEquals(new CharsetOptions(false, "ISO_IR 192", "transliterate"),
                parse("SpecificCharacterSet = \"ISO_IR 192\", override, discard, transliterate")
                        .global().findCharset());
        assertEquals(new CharsetOptions(true, "ISO_IR 100", "discard"),
                parse("SpecificCharacterSet = discard").global().findCharset());
        assertEquals(new CharsetOptions(true, "GB18030", "replace"),
                parse("SpecificCharacterSet GB18030").global().findCharset());
    }

    // ---- errors

    private static InvalidConfiguration assertError(int line, int column, String part, String... lines) {
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class, () -> parse(lines));
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
        return e;
    }

    private static int column(String line, String word) {
        return line.indexOf(word) + 1;
    }

    @Test
    void syntaxErrorsAtTheirLineAndColumn() {
        assertError(2, 1, "unterminated quote", "VendorTable BEGIN", "\"Acme CT Company = Acme", "VendorTable END");
        assertError(2, 1, "HostTable BEGIN has no HostTable END", "NetworkTCPPort 104", "HostTable BEGIN",
                "a = (A, h, 1)");
        assertError(3, 1, "HostTable END is missing before AETable BEGIN", "HostTable BEGIN", "a = (A, h, 1)",
                "AETable BEGIN", "AETable END");
        assertError(1, 1, "AETable END without AETable BEGIN", "AETable END");
        assertError(2, 3, "unknown keyword 'NetworkPort'", "# comment", "  NetworkPort = 104");
        assertError(2, 6, "R, RW or W", "AETable BEGIN", "A /x RX (1, 1mb) ANY", "AETable END");
        assertError(2, 13, "maxBytesPerStudy", "AETable BEGIN", "A /x RW (1, 1xb) ANY", "AETable END");
        assertError(2, 9, "a quota is", "AETable BEGIN", "A /x RW (1) ANY", "AETable END");
        assertError(2, 9, "a quota is", "AETable BEGIN", "A /x RW 1mb ANY", "AETable END");
        assertError(2, 10, "maxStudies must be an integer", "AETable BEGIN", "A /x RW (ten, 1mb) ANY", "AETable END");
        assertError(2, 17, "Peers is missing", "AETable BEGIN", "A /x RW (1, 1mb)", "AETable END");
        assertError(1, 18, "NetworkTCPPort must be an integer: '10a4'", "NetworkTCPPort = 10a4");
        assertError(1, 16, "not quoted", "NetworkTCPPort \"104\"");
        assertError(1, 16, "out of range", "NetworkTCPPort 99999999999");
        assertError(2, 12, "PortNumber must be an integer", "HostTable BEGIN", "a = (A, h, x1)", "HostTable END");
        assertError(2, 5, "a peer is (AETitle, HostName, PortNumber)", "HostTable BEGIN", "a = (A, h)",
                "HostTable END");
        assertError(2, 2, "needs a list", "HostTable BEGIN", "a", "HostTable END");
        assertError(1, 5, "'(' without ')'", "Abc (x, y");
        assertError(1, 4, "quote the whole value", "Abc\"x\"");
        assertError(1, 22, "takes one value", "MaxAssociations = 10 20");
    }

    @Test
    void validationErrorsAtTheEntryConcerned() {
        String row = "X /x RW (1, 1mb) a, nosuch";
        InvalidConfiguration e = assertError(5, column(row, "nosuch"), "aes[X].peers", "HostTable BEGIN",
                "a = (A, h, 1)", "HostTable END", "AETable BEGIN", row, "AETable END");
        assertTrue(e.getMessage().contains("'nosuch'"), e.getMessage());

        assertError(3, 6, "groups[g1].members: groups contain each other", "HostTable BEGIN", "a = (A, h, 1)",
                "g1 = a, g2", "g2 = g1", "HostTable END");
        assertError(2, 1, "aes[ABCDEFGHIJKLMNOPQ].aeTitle: an AE title has at most 16 characters",
                "AETable BEGIN", "ABCDEFGHIJKLMNOPQ /x RW (1, 1mb) ANY", "AETable END");
        assertError(2, 6, "peers[a].aeTitle", "HostTable BEGIN", "a = (ABCDEFGHIJKLMNOPQ, h, 1)",
                "HostTable END");
        assertError(2, 19, "peers[A-peer-1].aeTitle", "AETable BEGIN",
                "A /x RW (1, 1mb) (ABCDEFGHIJKLMNOPQ, h, 1)", "AETable END");
        assertError(3, 1, "peers[a].name: defined twice", "HostTable BEGIN", "a = (A, h, 1)", "a = (B, h, 2)",
                "HostTable END");
        assertError(3, 1, "aes[A].aeTitle: defined twice", "AETable BEGIN", "A /x RW (1, 1mb) ANY",
                "A /y RW (1, 1mb) ANY", "AETable END");
        assertError(2, 3, "aes[A].storageArea: must be an absolute path", "AETable BEGIN",
                "A data/a RW (1, 1mb) ANY", "AETable END");
        assertError(2, 10, "aes[A].quota.maxStudies", "AETable BEGIN", "A /x RW (0, 1mb) ANY", "AETable END");
        assertError(2, 18, "aes[A].peers: ANY stands alone", "AETable BEGIN", "A /x RW (1, 1mb) ANY, a",
                "AETable END");
        assertError(1, 18, "settings.port", "NetworkTCPPort = 70000");
        assertError(1, 24, "settings.findCharset.convertTo", "SpecificCharacterSet = ISO_IR_999");
        assertError(2, 5, "vendors[V].members: no peer or group is called 'nobody'", "VendorTable BEGIN",
                "V = nobody", "VendorTable END");
    }

    // ---- fuzz

    private static final String ALPHABET = "\"'(),=# \t\n\r\u0000aZ09-*./\\_é山\uFEFFbkmgB";

    @Test
    void mutationsParseOrFailWithAPosition() throws IOException {
        Random random = new Random(20240607L);
        int parsed = 0;
        int refused = 0;
        for (String name : List.of("debian-dcmqrscp-examples.cfg", "dcmqrcnf-example.cfg", "debian-dcmqrscp.cfg")) {
            String original = resource(name);
            for (int i = 0; i < 1500; i++) {
                String text = original;
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    text = mutate(text, random);
                }
                try {
                    Configuration c = DcmqrscpCfg.parse(text, BASE);
                    assertRoundTrip(c);
                    parsed++;
                } catch (InvalidConfiguration e) {
                    int lines = text.split("\r\n|\r|\n", -1).length;
                    assertTrue(e.line() >= 1 && e.line() <= lines && e.column() >= 1, e.getMessage());
                    refused++;
                } catch (RuntimeException | AssertionError e) {
                    fail("mutation " + i + " of " + name + ": " + e + " for:\n" + text, e);
                }
            }
        }
        System.out.println("dcmqrscp.cfg mutations: " + parsed + " parsed, " + refused + " refused");
        assertTrue(parsed > 100 && refused > 100, parsed + " parsed, " + refused + " refused");
    }

    private static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return String.valueOf(randomChar(random));
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(6)) {
            case 0 -> text.substring(0, at) + text.substring(at + 1);
            case 1 -> text.substring(0, at) + randomChar(random) + text.substring(at);
            case 2 -> text.substring(0, at) + randomChar(random) + text.substring(at + 1);
            case 3 -> text.substring(0, at);
            case 4 -> { // delete a whole line: lose an END, a definition...
                int start = text.lastIndexOf('\n', at) + 1;
                int end = text.indexOf('\n', at);
                yield text.substring(0, start) + (end < 0 ? "" : text.substring(end + 1));
            }
            default -> { // uncomment a line: the commented examples and SpecificCharacterSet
                int hash = text.indexOf('#', at);
                yield hash < 0 ? text : text.substring(0, hash) + text.substring(hash + 1);
            }
        };
    }

    private static char randomChar(Random random) {
        return random.nextInt(8) == 0 ? (char) random.nextInt(0x10000)
                : ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }

    @Test
    void formatRefusesLineBreaks() {
        Configuration c = new Configuration(null, List.of(), List.of(), List.of(new PeerGroup("a\nb", List.of("x"))),
                List.of());
        assertThrows(IllegalArgumentException.class, () -> DcmqrscpCfg.format(c));
        assertFalse(DcmqrscpCfg.format(new Configuration(null, List.of(), List.of(), List.of(), List.of()))
                .contains("\r"));
    }
}
