package org.qrarchive.archive.index.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;

/** What a row keeps of an object's sequences. */
class IndexedSequencesTest {

    @Test
    void anObjectReceivedBigEndianKeepsItsBinaryValuesRight() {
        Attributes ds = new Attributes(true, 4);
        Attributes item = new Attributes(true, 2);
        ds.newSequence(Tag.ReferencedStudySequence).add(item);
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
        item.setInt(Tag.ReferencedSegmentNumber, VR.US, 258);
        Attributes kept = IndexedSequences.decode(IndexedSequences.encode(ds, IndexedSequences.STUDY));
        Attributes keptItem = kept.getSequence(Tag.ReferencedStudySequence).get(0);
        assertEquals("1.2.3", keptItem.getString(Tag.ReferencedSOPInstanceUID));
        assertEquals(258, keptItem.getInt(Tag.ReferencedSegmentNumber, -1));
    }

    @Test
    void nothingKeptWithoutSequencesOfTheLevel() {
        Attributes ds = new Attributes();
        ds.newSequence(Tag.ProcedureCodeSequence).add(new Attributes());
        assertNull(IndexedSequences.encode(ds, IndexedSequences.SERIES));
        assertNull(IndexedSequences.decode(null));
    }
}
