package org.qrarchive.dicom.net.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PDU type survives {@link PduEncoder#encode} followed by {@link PduDecoder#read}, and the bytes of a
 * few PDUs match the layouts of PS3.8 §9.3 field by field, so that the encoding is checked against the
 * standard and not only against our own decoder.
 *
 * <p>The sample PDUs are shared with {@link PduMalformedTest}, which mutates them.
 */
class PduRoundTripTest {
    static final int MAX_PDATA_LENGTH = 1 << 16;
    static final int MAX_CONTROL_LENGTH = 1 << 20;

    static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.70";
    static final String IMPLEMENTATION_UID = "1.2.826.0.1.3680043.2.1143";
    /** Item types of PS3.7 Annex D that we keep raw: SOP class extended negotiation, user identity. */
    static final int EXTENDED_NEGOTIATION = 0x56;
    static final int USER_IDENTITY = 0x58;

    // ------------------------------------------------------------------ samples shared with PduMalformedTest

    static UserInformation sampleUserInformation() {
        return new UserInformation(16384, IMPLEMENTATION_UID, "QR_TEST_1", 5, 3,
                List.of(new RoleSelection(CT_IMAGE_STORAGE, true, true),
                        new RoleSelection(MR_IMAGE_STORAGE, false, true)),
                List.of(new UserInformation.RawItem(EXTENDED_NEGOTIATION, extendedNegotiationValue()),
                        new UserInformation.RawItem(USER_IDENTITY, userIdentityValue())));
    }

    static AAssociateRQ sampleRequest() {
        return new AAssociateRQ(1, "ARCHIVE", "MODALITY_1", APPLICATION_CONTEXT, List.of(
                PresentationContext.proposed(1, VERIFICATION, IMPLICIT_LE),
                PresentationContext.proposed(3, CT_IMAGE_STORAGE, JPEG_LOSSLESS, EXPLICIT_LE, IMPLICIT_LE),
                PresentationContext.proposed(5, MR_IMAGE_STORAGE, EXPLICIT_BE, EXPLICIT_LE),
                PresentationContext.proposed(255, STUDY_ROOT_FIND, IMPLICIT_LE, EXPLICIT_LE)),
                sampleUserInformation());
    }

    /** An A-ASSOCIATE-AC with contexts for every result code of PS3.8 Table 9-18 (abstract syntaxes are not sent). */
    static AAssociateAC sampleAccept() {
        return new AAssociateAC(1, "ARCHIVE", "MODALITY_1", APPLICATION_CONTEXT, List.of(
                PresentationContext.accepted(1, null, IMPLICIT_LE),
                PresentationContext.rejected(3, PresentationContext.USER_REJECTION, null),
                PresentationContext.rejected(5, PresentationContext.NO_REASON, null),
                PresentationContext.rejected(7, PresentationContext.ABSTRACT_SYNTAX_NOT_SUPPORTED, null),
                PresentationContext.rejected(9, PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED, null),
                PresentationContext.accepted(11, null, EXPLICIT_LE)),
                sampleUserInformation());
    }

    /** A command, then a data set in two fragments on another context, the last one sliced out of a buffer. */
    static PDataTF samplePData() {
        byte[] buffer = bytes(0, 40);
        return new PDataTF(List.of(
                PDataTF.Pdv.of(1, true, true, bytes(100, 12)),
                PDataTF.Pdv.of(3, false, false, bytes(7, 300)),
                new PDataTF.Pdv(3, false, true, buffer, 5, 20),
                PDataTF.Pdv.of(5, false, true, new byte[0])));
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void associateRequestRoundTrips() throws IOException {
        AAssociateRQ rq = sampleRequest();

        AAssociateRQ decoded = assertInstanceOf(AAssociateRQ.class, roundTrip(rq));

        assertEquals(withoutRawItems(rq), withoutRawItems(decoded));
        assertEquals(rawItems(rq.userInformation()), rawItems(decoded.userInformation()));
    }

    @Test
    void associateRequestWithoutOptionalUserInformationRoundTrips() throws IOException {
        AAssociateRQ rq = new AAssociateRQ(1, "A", "B", APPLICATION_CONTEXT,
                List.of(PresentationContext.proposed(1, VERIFICATION, IMPLICIT_LE)),
                new UserInformation(0, null, null));

        assertEquals(rq, roundTrip(rq));
    }

    @Test
    void associateAcceptWithEveryResultRoundTrips() throws IOException {
        AAssociateAC ac = sampleAccept();

        AAssociateAC decoded = assertInstanceOf(AAssociateAC.class, roundTrip(ac));

        assertEquals(withoutRawItems(ac), withoutRawItems(decoded));
        assertEquals(rawItems(ac.userInformation()), rawItems(decoded.userInformation()));
        assertEquals(List.of(0, 1, 2, 3, 4, 0),
                decoded.presentationContexts().stream().map(PresentationContext::result).toList());
    }

    @Test
    void abstractSyntaxOfAnAnswerIsNotEncoded() throws IOException {
        // PS3.8 Table 9-18: the AC's presentation context item carries only the transfer syntax sub-item.
        AAssociateAC ac = new AAssociateAC(1, "ARCHIVE", "MODALITY_1", APPLICATION_CONTEXT, List.of(
                PresentationContext.accepted(1, VERIFICATION, IMPLICIT_LE),
                PresentationContext.rejected(3, PresentationContext.ABSTRACT_SYNTAX_NOT_SUPPORTED, CT_IMAGE_STORAGE)),
                new UserInformation(16384, IMPLEMENTATION_UID, null));

        AAssociateAC decoded = assertInstanceOf(AAssociateAC.class, roundTrip(ac));

        assertEquals(List.of(PresentationContext.accepted(1, null, IMPLICIT_LE),
                PresentationContext.rejected(3, PresentationContext.ABSTRACT_SYNTAX_NOT_SUPPORTED, null)),
                decoded.presentationContexts());
    }

    @Test
    void pDataWithSeveralPdvsRoundTrips() throws IOException {
        PDataTF pdata = samplePData();

        PDataTF decoded = assertInstanceOf(PDataTF.class, roundTrip(pdata));

        assertEquals(describe(pdata), describe(decoded));
    }

    static Stream<Pdu> fixedLengthPdus() {
        Stream<Pdu> rejects = Stream.of(AAssociateRJ.calledAETitleNotRecognized(),
                AAssociateRJ.callingAETitleNotRecognized(), AAssociateRJ.applicationContextNotSupported(),
                AAssociateRJ.protocolVersionNotSupported(), AAssociateRJ.localLimitExceeded(),
                new AAssociateRJ(AAssociateRJ.RESULT_TRANSIENT, AAssociateRJ.SOURCE_SERVICE_PROVIDER_PRESENTATION,
                        AAssociateRJ.TEMPORARY_CONGESTION));
        Stream<Pdu> aborts = IntStream.of(AAbort.REASON_NOT_SPECIFIED, AAbort.UNRECOGNIZED_PDU,
                AAbort.UNEXPECTED_PDU, AAbort.UNRECOGNIZED_PDU_PARAMETER, AAbort.UNEXPECTED_PDU_PARAMETER,
                AAbort.INVALID_PDU_PARAMETER_VALUE).mapToObj(AAbort::byProvider);
        return Stream.of(rejects, Stream.of(new AReleaseRQ(), new AReleaseRP(), AAbort.byUser()), aborts)
                .flatMap(s -> s);
    }

    @ParameterizedTest
    @MethodSource("fixedLengthPdus")
    void fixedLengthPduRoundTrips(Pdu pdu) throws IOException {
        byte[] encoded = PduEncoder.encode(pdu);

        assertEquals(10, encoded.length, "PS3.8 §9.3.4, §9.3.6-8: six header bytes and four more");
        assertEquals(pdu, decode(encoded));
    }

    // ------------------------------------------------------------------ exact bytes against PS3.8

    @Test
    void releaseRequestAndResponseMatchTables9_24And9_25() {
        assertBytes("05 00 00000004 00000000", new AReleaseRQ());
        assertBytes("06 00 00000004 00000000", new AReleaseRP());
    }

    @Test
    void abortMatchesTable9_26() {
        assertBytes("07 00 00000004 00 00 00 00", AAbort.byUser());
        assertBytes("07 00 00000004 00 00 02 06", AAbort.byProvider(AAbort.INVALID_PDU_PARAMETER_VALUE));
    }

    @Test
    void rejectMatchesTable9_21() {
        // reserved, result (1 permanent), source (2 ACSE), reason (2 protocol version not supported)
        assertBytes("03 00 00000004 00 01 02 02", AAssociateRJ.protocolVersionNotSupported());
    }

    @Test
    void pDataMatchesTables9_22And9_23AndAnnexE() {
        PDataTF pdata = new PDataTF(List.of(
                PDataTF.Pdv.of(1, true, true, new byte[] {(byte) 0xAA, (byte) 0xBB}),
                PDataTF.Pdv.of(3, false, false, new byte[] {0x11}),
                PDataTF.Pdv.of(3, false, true, new byte[0])));

        assertBytes("04 00 00000015"                    // type, reserved, PDU length 21
                + " 00000004 01 03 AA BB"               // item length 4, context 1, command + last
                + " 00000003 03 00 11"                  // item length 3, context 3, data, not last
                + " 00000002 03 02", pdata);            // item length 2, context 3, data + last
    }

    @Test
    void pduLengthIsBigEndianOverAllFourBytes() {
        byte[] encoded = PduEncoder.encode(new PDataTF(List.of(PDataTF.Pdv.of(1, false, true, new byte[70000]))));

        // 70000 data bytes + 4 item length + 1 context ID + 1 control header = 70006 = 0x00011176
        assertArrayEquals(hex("04 00 00011176 00011172 01 02"), Arrays.copyOf(encoded, 12));
        assertEquals(6 + 70006, encoded.length);
    }

    @Test
    void writePDataHeaderMatchesTheEncoderForOnePdv() throws IOException {
        byte[] data = bytes(9, 33);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PduEncoder.writePDataHeader(out, 7, false, true, data.length);
        out.write(data);

        assertArrayEquals(PduEncoder.encode(new PDataTF(List.of(PDataTF.Pdv.of(7, false, true, data)))),
                out.toByteArray());
    }

    @Test
    void associateRequestMatchesTables9_11To9_16AndAnnexD() throws IOException {
        AAssociateRQ rq = new AAssociateRQ(1, "ARCHIVE", "MODALITY", APPLICATION_CONTEXT,
                List.of(PresentationContext.proposed(1, VERIFICATION, IMPLICIT_LE)),
                new UserInformation(16384, "1.2.3.4", "QR_1", 2, 1,
                        List.of(new RoleSelection(VERIFICATION, false, true)), List.of()));
        byte[] expected = new Expected()
                .hex("01 00 000000CF")                              // type, reserved, PDU length 207
                .hex("0001 0000")                                   // protocol version bit 0, reserved
                .ascii("ARCHIVE         ")                          // called AE title, space padded to 16
                .ascii("MODALITY        ")                          // calling AE title
                .hex("00".repeat(32))                               // reserved
                .hex("10 00 0015").ascii(APPLICATION_CONTEXT)       // application context item, 21 bytes
                .hex("20 00 002E 01 00 00 00")                      // presentation context 1, 46 bytes
                .hex("30 00 0011").ascii(VERIFICATION)              //   abstract syntax, 17 bytes
                .hex("40 00 0011").ascii(IMPLICIT_LE)               //   transfer syntax, 17 bytes
                .hex("50 00 003C")                                  // user information, 60 bytes
                .hex("51 00 0004 00004000")                         //   maximum length 16384
                .hex("52 00 0007").ascii("1.2.3.4")                 //   implementation class UID
                .hex("53 00 0004 0002 0001")                        //   async window: 2 invoked, 1 performed
                .hex("54 00 0015 0011").ascii(VERIFICATION).hex("00 01") // role: UID length 17, SCU 0, SCP 1
                .hex("55 00 0004").ascii("QR_1")                    //   implementation version name
                .bytes();

        assertEncodesTo(expected, rq);
        assertEquals(rq, decode(expected));
    }

    @Test
    void associateAcceptMatchesTables9_17To9_20() throws IOException {
        AAssociateAC ac = new AAssociateAC(1, "ARCHIVE", "MODALITY", APPLICATION_CONTEXT, List.of(
                PresentationContext.accepted(1, null, IMPLICIT_LE),
                PresentationContext.rejected(3, PresentationContext.ABSTRACT_SYNTAX_NOT_SUPPORTED, null)),
                new UserInformation(32768, null, null));
        byte[] expected = new Expected()
                .hex("02 00 00000092")                              // type, reserved, PDU length 146
                .hex("0001 0000")
                .ascii("ARCHIVE         ")
                .ascii("MODALITY        ")
                .hex("00".repeat(32))
                .hex("10 00 0015").ascii(APPLICATION_CONTEXT)
                .hex("21 00 0019 01 00 00 00")                      // context 1, result 0 (acceptance)
                .hex("40 00 0011").ascii(IMPLICIT_LE)
                .hex("21 00 0008 03 00 03 00")                      // context 3, result 3, 8 bytes
                .hex("40 00 0000")                                  //   transfer syntax sub-item still present
                .hex("50 00 0008 51 00 0004 00008000")              // user information: maximum length only
                .bytes();

        assertEncodesTo(expected, ac);
        assertEquals(ac, decode(expected));
    }

    @Test
    void aeTitlesAreSpacePaddedAndTrimmedAgain() throws IOException {
        AAssociateRQ rq = new AAssociateRQ(1, "A", "SIXTEEN_CHARS_AE", APPLICATION_CONTEXT,
                List.of(PresentationContext.proposed(1, VERIFICATION, IMPLICIT_LE)), new UserInformation(0, null, null));

        byte[] encoded = PduEncoder.encode(rq);

        assertEquals("A               ", ascii(encoded, 10, 16));
        assertEquals("SIXTEEN_CHARS_AE", ascii(encoded, 26, 16));
        assertEquals(rq, decode(encoded));
    }

    // ------------------------------------------------------------------ helpers

    static Pdu roundTrip(Pdu pdu) throws IOException {
        return decode(PduEncoder.encode(pdu));
    }

    /** Decodes one PDU and checks that its length field covered exactly the bytes given. */
    static Pdu decode(byte[] bytes) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        Pdu pdu = new PduDecoder(in, MAX_PDATA_LENGTH, MAX_CONTROL_LENGTH).read();
        assertEquals(0, in.available(), "bytes left after the PDU");
        return pdu;
    }

    private static void assertBytes(String expectedHex, Pdu pdu) {
        assertEncodesTo(hex(expectedHex), pdu);
    }

    /** Compares as hex strings, so that a failure shows where the bytes differ. */
    private static void assertEncodesTo(byte[] expected, Pdu pdu) {
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(PduEncoder.encode(pdu)));
    }

    /** The PDU with its raw user information sub-items removed: those hold arrays, which records compare by identity. */
    private static AAssociateRQ withoutRawItems(AAssociateRQ rq) {
        return new AAssociateRQ(rq.protocolVersion(), rq.calledAETitle(), rq.callingAETitle(),
                rq.applicationContext(), rq.presentationContexts(), withoutRawItems(rq.userInformation()));
    }

    private static AAssociateAC withoutRawItems(AAssociateAC ac) {
        return new AAssociateAC(ac.protocolVersion(), ac.calledAETitle(), ac.callingAETitle(),
                ac.applicationContext(), ac.presentationContexts(), withoutRawItems(ac.userInformation()));
    }

    private static UserInformation withoutRawItems(UserInformation ui) {
        return new UserInformation(ui.maxPduLength(), ui.implementationClassUid(), ui.implementationVersionName(),
                ui.maxOpsInvoked(), ui.maxOpsPerformed(), ui.roleSelections(), List.of());
    }

    /** The raw sub-items compared by content: "type:hex value". */
    private static List<String> rawItems(UserInformation ui) {
        return ui.otherItems().stream()
                .map(item -> Integer.toHexString(item.type()) + ":" + HexFormat.of().formatHex(item.value()))
                .toList();
    }

    /** Each PDV compared by content, not by the buffer window it happens to sit in. */
    private static List<String> describe(PDataTF pdata) {
        return pdata.pdvs().stream()
                .map(pdv -> pdv.presentationContextId() + (pdv.command() ? " command" : " data")
                        + (pdv.last() ? " last " : " more ") + HexFormat.of().formatHex(pdv.buffer(), pdv.offset(),
                                pdv.offset() + pdv.length()))
                .toList();
    }

    /** {@code length} bytes counting up from {@code first}. */
    static byte[] bytes(int first, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.US_ASCII);
    }

    private static byte[] extendedNegotiationValue() {
        // PS3.7 D.3.3.5: SOP class UID length, SOP class UID, service class application information
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(STUDY_ROOT_FIND.length());
        out.writeBytes(STUDY_ROOT_FIND.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {1, 1, 0});
        return out.toByteArray();
    }

    private static byte[] userIdentityValue() {
        // PS3.7 D.3.3.7: type 2 (username and passcode), response requested, lengths and values
        return new Expected().hex("02 01 0004").ascii("user").hex("0006").ascii("secret").bytes();
    }

    /** Expected bytes written out by hand, in the order of the PS3.8 tables. */
    static final class Expected {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Expected hex(String spaced) {
            out.writeBytes(PduRoundTripTest.hex(spaced));
            return this;
        }

        Expected ascii(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
