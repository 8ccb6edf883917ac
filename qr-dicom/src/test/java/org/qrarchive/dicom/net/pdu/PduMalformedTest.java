package org.qrarchive.dicom.net.pdu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qrarchive.dicom.net.pdu.PduRoundTripTest.hex;
import static org.qrarchive.dicom.net.pdu.PduRoundTripTest.sampleAccept;
import static org.qrarchive.dicom.net.pdu.PduRoundTripTest.samplePData;
import static org.qrarchive.dicom.net.pdu.PduRoundTripTest.sampleRequest;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and broken input to {@link PduDecoder}: whatever arrives ends in a decoded PDU, a
 * {@link PduException} carrying the A-ABORT reason of PS3.8 Table 9-26, or an {@link EOFException};
 * never another exception, and never an allocation the length field alone asked for.
 */
class PduMalformedTest {
    private static final int MAX_PDATA_LENGTH = 16384;
    private static final int MAX_CONTROL_LENGTH = 65536;
    /** Bytes before the first item of an A-ASSOCIATE-RQ/AC: header and fixed fields (PS3.8 Table 9-11). */
    private static final int FIRST_ITEM = 6 + 68;
    /** What a mutation writes into a length field (truncated to the field's width). */
    private static final long[] EXTREME_LENGTHS = {0, 1, 2, 3, 4, 0x7F, 0xFF, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF,
        0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFEL, 0xFFFFFFFFL};

    // ------------------------------------------------------------------ truncation

    @Test
    void everyPrefixOfAnAssociateRequestEndsInEofOrPduException() {
        byte[] rq = PduEncoder.encode(sampleRequest());

        for (int length = 0; length < rq.length; length++) {
            assertRefused(Arrays.copyOf(rq, length), "prefix of " + length + " bytes");
        }
    }

    @Test
    void associateRequestCutShortWithItsLengthAdjustedDecodesOnlyBetweenItems() throws IOException {
        byte[] rq = PduEncoder.encode(sampleRequest());
        List<ItemHeader> topLevel = itemHeaders(rq).stream().filter(item -> item.parentType() == 0).toList();
        Set<Integer> itemEnds = topLevel.stream().map(ItemHeader::end).collect(Collectors.toSet());

        for (int cut = 6; cut < rq.length; cut++) {
            byte[] shortened = withPduLength(Arrays.copyOf(rq, cut));
            if (itemEnds.contains(cut)) {
                assertInstanceOf(AAssociateRQ.class, decode(shortened), "cut at item boundary " + cut);
            } else {
                assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, shortened, "cut at " + cut);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7FFF, 0xFFFF})
    void itemLengthOverrunningItsPduOrItemIsRefused(int length) {
        byte[] rq = PduEncoder.encode(sampleRequest());

        for (ItemHeader item : itemHeaders(rq)) {
            byte[] broken = rq.clone();
            putU16(broken, item.offset() + 2, length);

            PduException e = assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, broken, item.toString());
            assertTrue(e.getMessage().contains("overruns"), e.getMessage());
        }
    }

    @Test
    void lastItemOfEachContainerOneByteTooLongIsRefused() {
        byte[] rq = PduEncoder.encode(sampleRequest());
        List<ItemHeader> lastItems = itemHeaders(rq).stream().filter(ItemHeader::isLastInContainer).toList();
        assertEquals(Set.of(0x00, 0x20, 0x50), lastItems.stream().map(ItemHeader::parentType).collect(
                Collectors.toSet()), "the PDU, every presentation context, the user information");

        for (ItemHeader item : lastItems) {
            byte[] broken = rq.clone();
            putU16(broken, item.offset() + 2, item.length() + 1);

            assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, broken, item.toString());
        }
    }

    @Test
    void roleSelectionWithAWrongUidLengthIsRefused() {
        byte[] rq = PduEncoder.encode(sampleRequest());
        ItemHeader role = first(rq, 0x50, 0x54);
        int uidLength = u16(rq, role.offset() + 4);
        assertEquals(role.length() - 4, uidLength, "sub-item: UID length, UID, SCU role, SCP role");

        // too short leaves more than the two role bytes; too long eats them or overruns the sub-item
        for (int wrong : new int[] {0, uidLength - 1, uidLength + 1, uidLength + 2, uidLength + 3, 0xFFFF}) {
            byte[] broken = rq.clone();
            putU16(broken, role.offset() + 4, wrong);

            assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, broken, "UID length " + wrong);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "10 00", "10 00 00"})
    void partialItemHeaderAtTheEndOfThePduIsRefused(String tail) {
        byte[] rq = PduEncoder.encode(sampleRequest());

        assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, withPduLength(concat(rq, hex(tail))), tail);
    }

    @Test
    void associateRequestShorterThanItsFixedFieldsIsRefused() {
        byte[] rq = PduEncoder.encode(sampleRequest());

        for (int bodyLength = 0; bodyLength < 68; bodyLength++) {
            assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, withPduLength(Arrays.copyOf(rq, 6 + bodyLength)),
                    bodyLength + " body bytes");
        }
    }

    @Test
    void associateRequestWithoutApplicationContextIsRefused() {
        byte[] rq = PduEncoder.encode(sampleRequest());
        ItemHeader context = first(rq, 0x00, 0x10);

        byte[] broken = withPduLength(concat(Arrays.copyOf(rq, context.offset()),
                Arrays.copyOfRange(rq, context.end(), rq.length)));

        assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, broken, "no application context item");
    }

    // ------------------------------------------------------------------ unknown types

    @Test
    void unknownItemTypesAreSkippedAsPs38Requires() throws IOException {
        // PS3.8 §9.3.1: "Items of unrecognized types shall be ignored and skipped."
        byte[] rq = PduEncoder.encode(sampleRequest());
        rq[first(rq, 0x00, 0x20).offset()] = 0x77;

        AAssociateRQ decoded = assertInstanceOf(AAssociateRQ.class, decode(rq));

        List<PresentationContext> expected = sampleRequest().presentationContexts();
        assertEquals(expected.subList(1, expected.size()), decoded.presentationContexts());
        assertEquals(sampleRequest().userInformation(), decoded.userInformation());
    }

    @Test
    void unknownSubItemInPresentationContextIsSkipped() throws IOException {
        byte[] rq = PduEncoder.encode(sampleRequest());
        rq[first(rq, 0x20, 0x40).offset()] = 0x35; // the only transfer syntax of context 1

        PduException e = assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, rq, "context without syntax");
        assertTrue(e.getMessage().contains("lacks an abstract or transfer syntax"), e.getMessage());
    }

    @Test
    void applicationContextReplacedByUnknownItemLeavesTheRequestWithoutOne() {
        byte[] rq = PduEncoder.encode(sampleRequest());
        rq[first(rq, 0x00, 0x10).offset()] = 0x77;

        assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, rq, "no application context");
    }

    @Test
    void unknownUserInformationSubItemIsKeptRaw() throws IOException {
        // PS3.7 Annex D: sub-items a receiver does not know are no reason to fail
        byte[] rq = PduEncoder.encode(sampleRequest());
        ItemHeader maxLength = first(rq, 0x50, 0x51);
        rq[maxLength.offset()] = 0x5F;

        AAssociateRQ decoded = assertInstanceOf(AAssociateRQ.class, decode(rq));

        assertEquals(0, decoded.userInformation().maxPduLength(), "maximum length now absent");
        UserInformation.RawItem raw = decoded.userInformation().otherItems().get(0);
        assertEquals(0x5F, raw.type());
        assertEquals("00004000", HexFormat.of().formatHex(raw.value()));
    }

    @Test
    void presentationContextItemOfTheOtherDirectionIsRefused() {
        byte[] rq = PduEncoder.encode(sampleRequest());
        rq[first(rq, 0x00, 0x20).offset()] = 0x21;
        byte[] ac = PduEncoder.encode(sampleAccept());
        ac[first(ac, 0x00, 0x21).offset()] = 0x20;

        assertRefusedWith(AAbort.UNEXPECTED_PDU_PARAMETER, rq, "0x21 item in an RQ");
        assertRefusedWith(AAbort.UNEXPECTED_PDU_PARAMETER, ac, "0x20 item in an AC");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x08, 0x09, 0x10, 0x7F, 0x80, 0xFF})
    void unknownPduTypeIsRefusedFromItsHeader(int type) {
        assertRefusedWith(AAbort.UNRECOGNIZED_PDU, header(type, 4), "PDU type " + type);
    }

    // ------------------------------------------------------------------ lengths above our limits

    static Stream<Arguments> oversizedHeaders() {
        Stream<Arguments> fourGigabytes = IntStream.rangeClosed(Pdu.A_ASSOCIATE_RQ, Pdu.A_ABORT)
                .mapToObj(type -> Arguments.of(type, 0xFFFFFFFFL));
        Stream<Arguments> justAbove = Stream.of(
                Arguments.of(Pdu.P_DATA_TF, MAX_PDATA_LENGTH + 1L),
                Arguments.of(Pdu.P_DATA_TF, 0x80000000L),
                Arguments.of(Pdu.A_ASSOCIATE_RQ, MAX_CONTROL_LENGTH + 1L),
                Arguments.of(Pdu.A_ASSOCIATE_RQ, 0x7FFFFFFFL),
                Arguments.of(Pdu.A_ASSOCIATE_AC, 0x80000000L));
        return Stream.concat(fourGigabytes, justAbove);
    }

    /**
     * The stream holds the 6 header bytes and nothing else: reading the body would end in EOFException, and
     * allocating it would fail with NegativeArraySizeException or OutOfMemoryError, so a PduException proves
     * the length was refused from the header alone.
     */
    @ParameterizedTest
    @MethodSource("oversizedHeaders")
    void lengthAboveTheLimitIsRefusedBeforeReadingTheBody(int type, long length) {
        PduException e = assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, header(type, length),
                "type " + type + " length " + length);

        assertTrue(e.getMessage().contains(Long.toString(length)), e.getMessage());
    }

    @Test
    void pDataOfExactlyOurMaximumLengthIsAcceptedAndOneByteMoreIsNot() throws IOException {
        byte[] atLimit = pData(MAX_PDATA_LENGTH);
        byte[] aboveLimit = pData(MAX_PDATA_LENGTH + 1);

        assertInstanceOf(PDataTF.class, decode(atLimit));
        assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, aboveLimit, "complete P-DATA-TF above the limit");
    }

    // ------------------------------------------------------------------ P-DATA-TF items

    @ParameterizedTest
    @ValueSource(strings = {
        "",                                 // no PDV item at all
        "00000000",                         // item length 0: not even a context ID
        "00000001 01",                      // item length 1: no message control header
        "00000010 01 03 AABB",              // item length 16, 4 bytes present
        "FFFFFFFF 01 03 AABB",              // item length 4 GB
        "00000004 01 03 AABB 00",           // a valid item followed by 1 stray byte
        "00000004 01 03 AABB 000000",       // ... by 3 stray bytes: no room for an item length
        "00000004 01 03 AABB 00000003 01",  // second item shorter than its length
    })
    void malformedPdvItemIsRefused(String body) {
        assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, pdu(Pdu.P_DATA_TF, hex(body)), body);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 128, 254})
    void evenPresentationContextIdInPdvIsRefused(int pcid) {
        byte[] body = hex("00000003 " + HexFormat.of().toHexDigits((byte) pcid) + " 03 00");

        PduException e = assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, pdu(Pdu.P_DATA_TF, body),
                "context " + pcid);
        assertTrue(e.getMessage().contains("even"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {Pdu.A_ASSOCIATE_RJ, Pdu.A_RELEASE_RQ, Pdu.A_RELEASE_RP, Pdu.A_ABORT})
    void fixedLengthPduOfAnotherLengthIsRefused(int type) {
        for (int length : new int[] {0, 3, 5, 64}) {
            assertRefusedWith(AAbort.INVALID_PDU_PARAMETER_VALUE, pdu(type, new byte[length]), length + " bytes");
        }
    }

    // ------------------------------------------------------------------ garbage and mutations

    @Test
    void randomGarbageNeverEscapesAsAnotherException() {
        Random random = new Random(20240607);

        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            assertExpectedOutcome(garbage, "garbage #" + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void randomBodyBehindAValidHeaderDecodesOrRaisesPduException(int type) {
        Random random = new Random(type);

        for (int i = 0; i < 500; i++) {
            byte[] body = new byte[random.nextInt(4) == 0 ? 4 : random.nextInt(200)];
            random.nextBytes(body);
            String outcome = assertExpectedOutcome(pdu(type, body), "type " + type + " body #" + i);
            assertNotEquals("EOFException", outcome, "the header announced exactly the bytes given");
        }
    }

    /** Roughly 5000 deterministic mutations of valid PDUs; every one decodes or ends in an expected IOException. */
    @Test
    void mutatedPdusDecodeOrRaiseOnlyPduExceptionOrEof() {
        List<byte[]> originals = List.of(PduEncoder.encode(sampleRequest()), PduEncoder.encode(sampleAccept()),
                PduEncoder.encode(samplePData()));
        Random random = new Random(0x5EED);
        Map<String, Integer> outcomes = new TreeMap<>();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 5000; i++) {
                Mutation mutation = Mutation.values()[i % Mutation.values().length];
                byte[] mutated = mutation.apply(originals.get(random.nextInt(originals.size())), random);
                String outcome = assertExpectedOutcome(mutated, "mutation #" + i + " (" + mutation + ")");
                outcomes.merge(outcome, 1, Integer::sum);
            }
        });

        assertEquals(Set.of("decoded", "PduException", "EOFException"), outcomes.keySet(),
                "the mutations reach every outcome: " + outcomes);
    }

    /** The ways {@link #mutatedPdusDecodeOrRaiseOnlyPduExceptionOrEof} breaks a valid PDU. */
    private enum Mutation {
        FLIP_BYTES {
            @Override
            byte[] apply(byte[] pdu, Random random) {
                byte[] b = pdu.clone();
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                }
                return b;
            }
        },
        TRUNCATE {
            @Override
            byte[] apply(byte[] pdu, Random random) {
                byte[] b = Arrays.copyOf(pdu, random.nextInt(pdu.length));
                return random.nextBoolean() && b.length >= 6 ? withPduLength(b) : b;
            }
        },
        INSERT_BYTES {
            @Override
            byte[] apply(byte[] pdu, Random random) {
                int at = random.nextInt(pdu.length + 1);
                byte[] inserted = new byte[1 + random.nextInt(8)];
                random.nextBytes(inserted);
                byte[] b = concat(concat(Arrays.copyOf(pdu, at), inserted), Arrays.copyOfRange(pdu, at, pdu.length));
                return random.nextBoolean() ? withPduLength(b) : b;
            }
        },
        EXTREME_LENGTH {
            @Override
            byte[] apply(byte[] pdu, Random random) {
                byte[] b = pdu.clone();
                List<int[]> fields = lengthFields(b);
                int[] field = fields.get(random.nextInt(fields.size()));
                int offset = field[0];
                int width = field[1];
                long current = width == 2 ? u16(b, offset) : PduDecoder.u32(b, offset);
                long value = random.nextInt(4) == 0 ? current + random.nextInt(3) - 1
                        : EXTREME_LENGTHS[random.nextInt(EXTREME_LENGTHS.length)];
                for (int i = width - 1; i >= 0; i--, value >>>= 8) {
                    b[offset + i] = (byte) value;
                }
                return b;
            }
        };

        abstract byte[] apply(byte[] pdu, Random random);
    }

    // ------------------------------------------------------------------ decoding and asserting

    private static Pdu decode(byte[] bytes) throws IOException {
        return new PduDecoder(new ByteArrayInputStream(bytes), MAX_PDATA_LENGTH, MAX_CONTROL_LENGTH).read();
    }

    private static void assertRefused(byte[] bytes, String what) {
        IOException e = assertThrows(IOException.class, () -> decode(bytes), what);
        assertTrue(e instanceof PduException || e instanceof EOFException, () -> what + ": " + e);
    }

    private static PduException assertRefusedWith(int abortReason, byte[] bytes, String what) {
        PduException e = assertThrows(PduException.class, () -> decode(bytes), what);
        assertEquals(abortReason, e.abortReason(), () -> what + ": " + e.getMessage());
        return e;
    }

    /**
     * Decodes and names the outcome: "decoded", "PduException" or "EOFException". Any other exception or error
     * fails the test with the input that caused it.
     */
    private static String assertExpectedOutcome(byte[] bytes, String what) {
        try {
            decode(bytes);
            return "decoded";
        } catch (PduException e) {
            return "PduException";
        } catch (EOFException e) {
            return "EOFException";
        } catch (Throwable t) {
            throw new AssertionError(what + " raised " + t + " on input " + HexFormat.of().formatHex(bytes), t);
        }
    }

    // ------------------------------------------------------------------ building and walking PDUs

    /** An item or sub-item header of an encoded A-ASSOCIATE-RQ/AC; {@code parentType} 0 is the PDU itself. */
    private record ItemHeader(int parentType, int type, int offset, int length, int containerEnd) {
        int end() {
            return offset + 4 + length;
        }

        boolean isLastInContainer() {
            return end() == containerEnd;
        }

        @Override
        public String toString() {
            return String.format("item 0x%02X in 0x%02X at offset %d", type, parentType, offset);
        }
    }

    /** Every item and sub-item header of a valid A-ASSOCIATE-RQ/AC, in order (PS3.8 §9.3.2-3). */
    private static List<ItemHeader> itemHeaders(byte[] pdu) {
        List<ItemHeader> items = new ArrayList<>();
        collectItems(pdu, 0, FIRST_ITEM, pdu.length, items);
        return items;
    }

    private static void collectItems(byte[] pdu, int parentType, int from, int to, List<ItemHeader> items) {
        for (int pos = from; pos < to; ) {
            ItemHeader item = new ItemHeader(parentType, pdu[pos] & 0xFF, pos, u16(pdu, pos + 2), to);
            items.add(item);
            if (item.type() == 0x20 || item.type() == 0x21) {
                collectItems(pdu, item.type(), pos + 8, item.end(), items); // after ID, result and reserved bytes
            } else if (item.type() == 0x50) {
                collectItems(pdu, item.type(), pos + 4, item.end(), items);
            }
            pos = item.end();
        }
    }

    private static ItemHeader first(byte[] pdu, int parentType, int type) {
        return itemHeaders(pdu).stream().filter(i -> i.parentType() == parentType && i.type() == type).findFirst()
                .orElseThrow();
    }

    /** Offset and width of every length field of a valid PDU: the PDU's, its items', its UID and PDV lengths. */
    private static List<int[]> lengthFields(byte[] pdu) {
        List<int[]> fields = new ArrayList<>();
        fields.add(new int[] {2, 4});
        if (pdu[0] == Pdu.P_DATA_TF) {
            for (int pos = 6; pos < pdu.length; pos += 4 + (int) PduDecoder.u32(pdu, pos)) {
                fields.add(new int[] {pos, 4});
            }
        } else {
            for (ItemHeader item : itemHeaders(pdu)) {
                fields.add(new int[] {item.offset() + 2, 2});
                if (item.type() == 0x54) {
                    fields.add(new int[] {item.offset() + 4, 2}); // UID length of a role selection
                }
            }
        }
        return fields;
    }

    private static byte[] header(int type, long length) {
        byte[] h = new byte[6];
        h[0] = (byte) type;
        PduEncoder.putU32(h, 2, length);
        return h;
    }

    private static byte[] pdu(int type, byte[] body) {
        return concat(header(type, body.length), body);
    }

    /** A P-DATA-TF of the given PDU length: one PDV filling it. */
    private static byte[] pData(int pduLength) {
        return PduEncoder.encode(new PDataTF(List.of(PDataTF.Pdv.of(1, false, true, new byte[pduLength - 6]))));
    }

    /** The PDU with its length field set to the bytes that follow the header. */
    private static byte[] withPduLength(byte[] pdu) {
        PduEncoder.putU32(pdu, 2, pdu.length - 6);
        return pdu;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static int u16(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
    }

    private static void putU16(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
    }
}
