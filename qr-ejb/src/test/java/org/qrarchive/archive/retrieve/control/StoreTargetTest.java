package org.qrarchive.archive.retrieve.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.qrarchive.dicom.data.UID;
import org.qrarchive.dicom.net.pdu.PresentationContext;

/** What a C-MOVE proposes to its destination, per SOP class and stored syntax (dcmqrscp --propose-*). */
class StoreTargetTest {
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.70";
    private static final String ELE = UID.ExplicitVRLittleEndian;
    private static final String EBE = UID.ExplicitVRBigEndian;
    private static final String ILE = UID.ImplicitVRLittleEndian;

    @Test
    void storedSyntaxFirstByDefault() {
        assertEquals(List.of(EBE, ELE, ILE), StoreTarget.syntaxes("stored", EBE));
        assertEquals(List.of(ELE, ILE), StoreTarget.syntaxes("stored", ELE));
        assertEquals(List.of(JPEG_LOSSLESS), StoreTarget.syntaxes("stored", JPEG_LOSSLESS),
                "pixel data is never decoded: a compressed object goes in its own syntax");
    }

    @Test
    void dcmqrscpsProposeChoices() {
        assertEquals(List.of(ELE, EBE, ILE), StoreTarget.syntaxes("uncompr", EBE));
        assertEquals(List.of(EBE, ELE, ILE), StoreTarget.syntaxes("big", ELE));
        assertEquals(List.of(ILE), StoreTarget.syntaxes("implicit", ELE));
        assertEquals(List.of(ILE), StoreTarget.syntaxes("implicit", JPEG_LOSSLESS));
        assertEquals(List.of(UID.DeflatedExplicitVRLittleEndian, ELE, EBE, ILE), StoreTarget.syntaxes("deflated", ILE));
        assertEquals(List.of(JPEG_LOSSLESS), StoreTarget.syntaxes("big", JPEG_LOSSLESS));
    }

    @Test
    void oneContextPerSopClassAndStoredSyntax() {
        List<Retrievable> instances = List.of(new Retrievable(CT, "1.1", ELE, "a", 1),
                new Retrievable(CT, "1.2", ELE, "b", 1), new Retrievable(CT, "1.3", JPEG_LOSSLESS, "c", 1));
        List<PresentationContext> pcs = StoreTarget.proposals(instances, "stored");
        assertEquals(2, pcs.size());
        assertEquals(List.of(1, 3), pcs.stream().map(PresentationContext::id).toList());
        assertEquals(List.of(ELE, ILE), pcs.get(0).transferSyntaxes());
        assertEquals(List.of(JPEG_LOSSLESS), pcs.get(1).transferSyntaxes());
    }
}
