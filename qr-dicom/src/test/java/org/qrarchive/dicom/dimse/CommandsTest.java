package org.qrarchive.dicom.dimse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.DicomInputStream;
import org.qrarchive.dicom.data.DicomOutputStream;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.VR;

/** Every DIMSE-C request and its response survive encoding as a command set (implicit VR LE). */
class CommandsTest {
    private static final String CUID = "1.2.840.10008.5.1.4.1.2.2.1";

    @ParameterizedTest
    @EnumSource(value = Dimse.class, names = {"C_STORE_RQ", "C_GET_RQ", "C_FIND_RQ", "C_MOVE_RQ", "C_ECHO_RQ"})
    void requestAndResponseRoundTrip(Dimse dimse) throws IOException {
        boolean withData = dimse != Dimse.C_ECHO_RQ;
        Attributes rq = Commands.request(dimse, 7, CUID, withData);
        if (dimse == Dimse.C_STORE_RQ) {
            rq.setString(Tag.AffectedSOPInstanceUID, VR.UI, "1.2.3.4");
        }
        if (dimse == Dimse.C_MOVE_RQ) {
            rq.setString(Tag.MoveDestination, VR.AE, "STORESCP");
        }
        Attributes decodedRq = roundTrip(rq);
        assertEquals(dimse, Commands.dimseOf(decodedRq));
        assertEquals(7, decodedRq.getInt(Tag.MessageID, -1));
        assertEquals(CUID, decodedRq.getString(Tag.AffectedSOPClassUID));
        assertEquals(withData, Commands.hasDataset(decodedRq));
        if (dimse == Dimse.C_MOVE_RQ) {
            assertEquals("STORESCP", decodedRq.getString(Tag.MoveDestination));
        }

        Attributes rsp = roundTrip(Commands.response(decodedRq, Status.PENDING, dimse == Dimse.C_FIND_RQ));
        assertEquals(dimse.response(), Commands.dimseOf(rsp));
        assertEquals(7, rsp.getInt(Tag.MessageIDBeingRespondedTo, -1));
        assertEquals(Status.PENDING, Commands.status(rsp));
        assertTrue(Status.isPending(Commands.status(rsp)));
        if (dimse == Dimse.C_STORE_RQ) {
            assertEquals("1.2.3.4", rsp.getString(Tag.AffectedSOPInstanceUID));
        }
    }

    @org.junit.jupiter.api.Test
    void cancelNamesTheRequestItCancels() throws IOException {
        Attributes cancel = roundTrip(Commands.cancelRequest(42));
        assertEquals(Dimse.C_CANCEL_RQ, Commands.dimseOf(cancel));
        assertEquals(42, cancel.getInt(Tag.MessageIDBeingRespondedTo, -1));
        assertFalse(Commands.hasDataset(cancel));
    }

    @org.junit.jupiter.api.Test
    void errorCommentIsCutToTheLengthOfLO() throws IOException {
        Attributes rsp = roundTrip(Commands.response(Commands.echoRequest(1, CUID), Status.PROCESSING_FAILURE,
                "x".repeat(100)));
        assertEquals(64, rsp.getString(Tag.ErrorComment).length());
    }

    private static Attributes roundTrip(Attributes cmd) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DicomOutputStream(out, TransferSyntax.IMPLICIT_LE).writeCommand(cmd);
        byte[] bytes = out.toByteArray();
        Attributes decoded = new DicomInputStream(new ByteArrayInputStream(bytes), TransferSyntax.IMPLICIT_LE, 1024)
                .readDataset();
        // CommandGroupLength counts every byte after its own 12-byte element
        assertEquals(bytes.length - 12, decoded.getInt(Tag.CommandGroupLength, -1));
        return decoded;
    }
}
