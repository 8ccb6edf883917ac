package org.qrarchive.archive.config.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The snapshot refuses a bad value when it is written, naming the field; groups expand to their entries. */
class ConfigurationTest {
    private static final PeerEntry CT = new PeerEntry("ct", "CT_1", "ct.example.org", 104);
    private static final PeerEntry MR = new PeerEntry("mr", "MR_1", null, 0);

    private static Configuration with(List<PeerEntry> peers, List<PeerGroup> groups, List<ArchiveAe> aes) {
        return new Configuration(GlobalSettings.DEFAULTS, peers, groups, List.of(), aes);
    }

    private static String refusedField(Configuration c) {
        return assertThrows(InvalidConfiguration.class, c::validate).field();
    }

    @Test
    void groupsExpandToTheirEntriesInOrderWithoutRepeats() {
        Configuration c = with(List.of(CT, MR), List.of(new PeerGroup("all", List.of("ct", "modalities")),
                new PeerGroup("modalities", List.of("mr", "ct"))), List.of(ArchiveAe.withDefaults("QRSCP")))
                .validate();
        assertEquals(List.of(CT, MR), c.expand(List.of("all")));
    }

    @Test
    void aeTitlesFollowTheAeVr() {
        for (String bad : List.of("", "ABCDEFGHIJKLMNOPQ", "   ", "A\\B", "TAB\tX", " LEAD", "ÄRZTE")) {
            assertEquals("aes[" + bad + "].aeTitle", refusedField(with(List.of(), List.of(),
                    List.of(ArchiveAe.withDefaults(bad)))), bad);
        }
        with(List.of(), List.of(), List.of(ArchiveAe.withDefaults("A B_C-1.x"))).validate();
    }

    @Test
    void referencesMustExistAndGroupsMustNotContainEachOther() {
        ArchiveAe ae = ArchiveAe.of("QRSCP", null, Access.R, null, List.of("nobody"), null, null, null);
        assertEquals("aes[QRSCP].peers", refusedField(with(List.of(CT), List.of(), List.of(ae))));
        assertEquals("groups[a].members", refusedField(with(List.of(CT), List.of(new PeerGroup("a", List.of("b")),
                new PeerGroup("b", List.of("a", "ct"))), List.of())));
        assertEquals("groups[ct].name", refusedField(with(List.of(CT), List.of(new PeerGroup("ct", List.of("ct"))),
                List.of())), "entries and groups share one namespace");
        ArchiveAe anyAndMore = ArchiveAe.of("QRSCP", null, Access.RW, null, List.of("ANY", "ct"), null, null, null);
        assertEquals("aes[QRSCP].peers", refusedField(with(List.of(CT), List.of(), List.of(anyAndMore))));
    }

    @Test
    void valuesAreCheckedWhereTheyAreWritten() {
        assertEquals("peers[p].port", refusedField(with(List.of(new PeerEntry("p", "P", null, 65536)), List.of(),
                List.of())));
        assertEquals("peers[p].host", refusedField(with(List.of(new PeerEntry("p", "P", "a b", 1)), List.of(),
                List.of())));
        assertEquals("aes[Q].quota.maxBytesPerStudy", refusedField(with(List.of(), List.of(), List.of(
                ArchiveAe.of("Q", null, Access.RW, Quota.of(10, 0L), null, null, null, null)))));
        assertEquals("aes[Q].storageArea", refusedField(with(List.of(), List.of(), List.of(
                ArchiveAe.of("Q", "relative/dir", Access.RW, null, null, null, null, null)))));
        assertEquals("aes[Q].store.compressionLevel", refusedField(with(List.of(), List.of(), List.of(
                ArchiveAe.of("Q", null, Access.RW, null, null, new StoreOptions(false, false, false, false, false,
                        "same", "recalc", "explicit", "off", 10, true, true), null, null)))));
        assertEquals("aes[Q].preferredTransferSyntax", refusedField(with(List.of(), List.of(), List.of(
                ArchiveAe.of("Q", null, Access.RW, null, null, null, null, "jpeg99")))));
        assertEquals("aes[Q].find.maxMatches", refusedField(with(List.of(), List.of(), List.of(
                ArchiveAe.of("Q", null, Access.RW, null, null, null, new FindOptions(true, true, true, false, false,
                        0), null)))));
        GlobalSettings noTimeout = new GlobalSettings(104, "", 16, 16384, 30, 0, 10, null);
        assertEquals("settings.dimseTimeout", refusedField(new Configuration(noTimeout, List.of(), List.of(),
                List.of(), List.of())));
        GlobalSettings badCharset = new GlobalSettings(104, "", 16, 16384, 30, 300, 10,
                new CharsetOptions(true, "ISO_IR 999", "replace"));
        assertEquals("settings.findCharset.convertTo", refusedField(new Configuration(badCharset, List.of(),
                List.of(), List.of(), List.of())));
    }

    @Test
    void absentOptionsTakeTheirDefaults() {
        ArchiveAe ae = ArchiveAe.of("Q", " ", null, null, null, null, null, null);
        assertEquals(Access.RW, ae.access());
        assertEquals(List.of("ANY"), ae.peers());
        assertEquals(StoreOptions.DEFAULTS, ae.store());
        assertEquals(FindOptions.DEFAULTS, ae.find());
        assertEquals("uncompr", ae.preferredTransferSyntax());
        assertEquals(null, ae.storageArea());
    }
}
