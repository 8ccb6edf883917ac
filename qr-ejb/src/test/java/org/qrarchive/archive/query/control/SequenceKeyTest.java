package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.qrarchive.archive.index.entity.IndexedSequences;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;

/** Sequence matching (PS3.4 C.2.2.2.6) against sequences as the index keeps them. */
class SequenceKeyTest {
    private static final PersonNameMatching INSENSITIVE = PersonNameMatching.CASE_INSENSITIVE;

    /** A study with two procedure codes, in Latin-1, as {@link IndexedSequences} stores and decodes it. */
    private static Attributes kept() {
        Attributes ds = new Attributes();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        List<Attributes> codes = ds.newSequence(Tag.ProcedureCodeSequence);
        code(codes, "CTHEAD", "LOCAL", "CT Kopf ohne Kontrastmittel");
        code(codes, "CTTHOR", "LOCAL", "CT Thorax mit Kontrastmittel (Münster)");
        ds.newSequence(Tag.ReferencedStudySequence).add(new Attributes());
        ds.setString(Tag.StudyDescription, VR.LO, "not a sequence: not kept");
        return IndexedSequences.decode(IndexedSequences.encode(ds, IndexedSequences.STUDY));
    }

    private static void code(List<Attributes> sequence, String value, String scheme, String meaning) {
        Attributes item = new Attributes();
        sequence.add(item); // first: the item's text is encoded in the data set's character set
        item.setString(Tag.CodeValue, VR.SH, value);
        item.setString(Tag.CodingSchemeDesignator, VR.SH, scheme);
        item.setString(Tag.CodeMeaning, VR.LO, meaning);
    }

    /** A sequence key with its item test prepared as a query prepares it. */
    private record Probe(SequenceKey key) {
        List<Attributes> match(Attributes kept, PersonNameMatching pnMatching) {
            return key.match(kept, key.itemTest(pnMatching));
        }
    }

    private static Probe key(Object... tagsAndValues) throws QueryFailure {
        return new Probe(SequenceKey.parse(QueryKeys.get(Tag.ProcedureCodeSequence), Ids.of(null, tagsAndValues),
                true));
    }

    @Test
    void keepsOnlyTheSequencesOfTheLevelWithTheirCharacterSet() {
        Attributes kept = kept();
        assertNull(kept.getString(Tag.StudyDescription));
        assertEquals("ISO_IR 100", kept.getString(Tag.SpecificCharacterSet));
        assertEquals("CT Thorax mit Kontrastmittel (Münster)",
                kept.getSequence(Tag.ProcedureCodeSequence).get(1).getString(Tag.CodeMeaning));
    }

    @Test
    void anItemMatchingEveryItemKeyMatchesAndOnlyMatchingItemsAreReturned() throws QueryFailure {
        List<Attributes> items = key(Tag.CodeValue, "CTTHOR", Tag.CodingSchemeDesignator, "LOCAL", Tag.CodeMeaning, "")
                .match(kept(), INSENSITIVE);
        assertEquals(1, items.size());
        assertEquals("CTTHOR", items.get(0).getString(Tag.CodeValue));
        assertEquals("CT Thorax mit Kontrastmittel (Münster)", items.get(0).getString(Tag.CodeMeaning),
                "requested, decoded in the kept character set");
    }

    @Test
    void itemKeysMustMatchInTheSameItem() throws QueryFailure {
        assertNull(key(Tag.CodeValue, "CTHEAD", Tag.CodeMeaning, "*Thorax*").match(kept(), INSENSITIVE));
    }

    @Test
    void wildcardsCountCharacters() throws QueryFailure {
        List<Attributes> items = key(Tag.CodeMeaning, "*M?nster*").match(kept(), INSENSITIVE);
        assertEquals(1, items.size());
        assertEquals(List.of(Tag.CodeMeaning), tags(items.get(0)), "only the requested attributes");
        assertEquals(2, key(Tag.CodeValue, "CT*").match(kept(), INSENSITIVE).size());
    }

    @Test
    void anEmptyItemIsUniversalAndReturnsWholeItems() throws QueryFailure {
        List<Attributes> items = key().match(kept(), INSENSITIVE);
        assertEquals(2, items.size());
        assertEquals(List.of(Tag.CodeValue, Tag.CodingSchemeDesignator, Tag.CodeMeaning), tags(items.get(0)));
        assertEquals(List.of(), key().match(null, INSENSITIVE), "no sequence kept: matches, zero items");
    }

    @Test
    void aConditionOnAnEntityWithoutTheSequenceDoesNotMatch() throws QueryFailure {
        assertNull(key(Tag.CodeValue, "CTHEAD").match(null, INSENSITIVE));
    }

    @Test
    void uidListsAndItemsInOtherSequences() throws QueryFailure {
        Attributes ds = new Attributes();
        Attributes ref = new Attributes();
        ref.setString(Tag.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.3.1.2.3.1");
        ref.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4");
        ds.newSequence(Tag.ReferencedStudySequence).add(ref);
        Attributes kept = IndexedSequences.decode(IndexedSequences.encode(ds, IndexedSequences.STUDY));
        Attributes query = new Attributes();
        query.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "9.9", "1.2.3.4");
        Probe key = new Probe(SequenceKey.parse(QueryKeys.get(Tag.ReferencedStudySequence), query, false));
        assertEquals("1.2.3.4", key.match(kept, INSENSITIVE).get(0).getString(Tag.ReferencedSOPInstanceUID));
        assertNull(key.match(kept(), INSENSITIVE), "kept sequences of other tags do not count");
    }

    @Test
    void personNamesInItemsFollowTheConfiguredCase() throws QueryFailure {
        Attributes ds = new Attributes();
        Attributes item = new Attributes();
        item.setString(Tag.PersonName, VR.PN, "Doe^John");
        ds.newSequence(Tag.ReferencedPatientSequence).add(item);
        Attributes kept = IndexedSequences.decode(IndexedSequences.encode(ds, IndexedSequences.PATIENT));
        Attributes query = new Attributes();
        query.setString(Tag.PersonName, VR.PN, "doe^j*");
        Probe key = new Probe(SequenceKey.parse(QueryKeys.get(Tag.ReferencedPatientSequence), query, false));
        assertEquals(1, key.match(kept, INSENSITIVE).size());
        assertNull(key.match(kept, PersonNameMatching.CASE_SENSITIVE));
    }

    @Test
    void strictModeChecksItemValues() {
        Attributes query = new Attributes();
        query.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.x");
        QueryFailure f = org.junit.jupiter.api.Assertions.assertThrows(QueryFailure.class,
                () -> SequenceKey.parse(QueryKeys.get(Tag.ReferencedStudySequence), query, true));
        assertEquals(Tag.ReferencedSOPInstanceUID, f.offendingTag());
    }

    private static List<Integer> tags(Attributes item) {
        List<Integer> tags = new java.util.ArrayList<>();
        item.forEachTag(tags::add);
        return tags;
    }
}
