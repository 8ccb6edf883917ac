package org.qrarchive.dicom.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link Attributes#copyFrom}: values as they are, sequences item by item, byte order kept right. */
class AttributesCopyTest {

    @Test
    void copiesSequencesItemByItemAndLeavesTheOriginalAlone() {
        Attributes from = new Attributes();
        from.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        Attributes item = new Attributes();
        from.newSequence(Tag.ProcedureCodeSequence).add(item);
        item.setString(Tag.CodeMeaning, VR.LO, "Müller");
        item.newSequence(Tag.ConceptNameCodeSequence).add(new Attributes());

        Attributes to = new Attributes();
        assertTrue(to.copyFrom(from, Tag.SpecificCharacterSet));
        assertTrue(to.copyFrom(from, Tag.ProcedureCodeSequence));
        assertFalse(to.copyFrom(from, Tag.StudyDescription), "absent: nothing copied");

        Attributes copied = to.getSequence(Tag.ProcedureCodeSequence).get(0);
        assertNotSame(item, copied);
        assertSame(to, copied.parent());
        assertSame(from, item.parent(), "the original item stays where it was");
        assertEquals("Müller", copied.getString(Tag.CodeMeaning));
        assertArrayEquals(item.getBytes(Tag.CodeMeaning), copied.getBytes(Tag.CodeMeaning));
        assertEquals(1, copied.getSequence(Tag.ConceptNameCodeSequence).size());
        assertFalse(to.contains(Tag.StudyDescription));
    }

    @Test
    void binaryValuesAreSwappedBetweenByteOrders() {
        Attributes big = new Attributes(true, 4);
        big.setInt(Tag.Rows, VR.US, 512);
        List<Attributes> items = big.newSequence(Tag.ReferencedImageSequence);
        Attributes bigItem = new Attributes(true, 2);
        items.add(bigItem);
        bigItem.setInt(Tag.Columns, VR.US, 1024);

        Attributes little = new Attributes(false, 4);
        little.copyFrom(big, Tag.Rows);
        little.copyFrom(big, Tag.ReferencedImageSequence);
        assertEquals(512, little.getInt(Tag.Rows, -1));
        assertArrayEquals(new byte[] {0, 2}, little.getBytes(Tag.Rows));
        Attributes copiedItem = little.getSequence(Tag.ReferencedImageSequence).get(0);
        assertTrue(copiedItem.bigEndian(), "an item keeps its byte order, so its bytes need no swap");
        assertEquals(1024, copiedItem.getInt(Tag.Columns, -1));
    }
}
