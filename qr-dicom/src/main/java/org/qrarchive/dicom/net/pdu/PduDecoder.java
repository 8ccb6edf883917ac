package org.qrarchive.dicom.net.pdu;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PDUs from a stream (PS3.8 §9.3).
 *
 * <p>The length field is checked before anything is allocated: a P-DATA-TF may not exceed the maximum
 * length we announced, other PDUs may not exceed {@code maxControlPduLength}. Every item length is
 * checked against what is left of its enclosing PDU or item. Anything that breaks the rules raises a
 * {@link PduException} carrying the A-ABORT reason to send back.
 */
public final class PduDecoder {
    /** Fixed part of A-ASSOCIATE-RQ/AC after the PDU header (PS3.8 Table 9-11). */
    private static final int ASSOCIATE_FIXED_LENGTH = 68;

    private final InputStream in;
    private final long maxPDataLength;
    private final int maxControlPduLength;
    private final byte[] header = new byte[6];

    /**
     * @param maxPDataLength      our maximum receive length (the P-DATA-TF variable field)
     * @param maxControlPduLength upper bound for every other PDU type
     */
    public PduDecoder(InputStream in, long maxPDataLength, int maxControlPduLength) {
        this.in = in;
        this.maxPDataLength = maxPDataLength;
        this.maxControlPduLength = maxControlPduLength;
    }

    /** Reads the 6-byte header of the next PDU; returns its type, or -1 at a clean end of stream. */
    public int readHeader() throws IOException {
        int first = in.read();
        if (first < 0) {
            return -1;
        }
        header[0] = (byte) first;
        readFully(header, 1, 5);
        return first;
    }

    /** Reads and decodes the body of the PDU whose header {@link #readHeader()} just read. */
    public Pdu readBody() throws IOException {
        int type = header[0] & 0xFF;
        long length = u32(header, 2);
        long limit = type == Pdu.P_DATA_TF ? maxPDataLength : maxControlPduLength;
        if (type < Pdu.A_ASSOCIATE_RQ || type > Pdu.A_ABORT) {
            throw new PduException(AAbort.UNRECOGNIZED_PDU, String.format("unrecognized PDU type 0x%02X", type));
        }
        if (length > limit) {
            throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE,
                    "PDU type " + type + " has length " + length + ", above the limit of " + limit);
        }
        byte[] body = new byte[(int) length];
        readFully(body, 0, body.length);
        return decode(type, body);
    }

    public Pdu read() throws IOException {
        if (readHeader() < 0) {
            throw new EOFException("connection closed before a PDU header");
        }
        return readBody();
    }

    /** Decodes a PDU body of the given type. */
    public static Pdu decode(int type, byte[] body) throws PduException {
        Cursor c = new Cursor(body, 0, body.length);
        return switch (type) {
            case Pdu.A_ASSOCIATE_RQ, Pdu.A_ASSOCIATE_AC -> decodeAssociate(type, c);
            case Pdu.A_ASSOCIATE_RJ -> {
                c.expectLength(4, "A-ASSOCIATE-RJ");
                c.skip(1);
                yield new AAssociateRJ(c.u8(), c.u8(), c.u8());
            }
            case Pdu.P_DATA_TF -> decodePData(body);
            case Pdu.A_RELEASE_RQ -> {
                c.expectLength(4, "A-RELEASE-RQ");
                yield new AReleaseRQ();
            }
            case Pdu.A_RELEASE_RP -> {
                c.expectLength(4, "A-RELEASE-RP");
                yield new AReleaseRP();
            }
            case Pdu.A_ABORT -> {
                c.expectLength(4, "A-ABORT");
                c.skip(2);
                yield new AAbort(c.u8(), c.u8());
            }
            default -> throw new PduException(AAbort.UNRECOGNIZED_PDU, "unrecognized PDU type " + type);
        };
    }

    private static PDataTF decodePData(byte[] body) throws PduException {
        List<PDataTF.Pdv> pdvs = new ArrayList<>(2);
        Cursor c = new Cursor(body, 0, body.length);
        while (c.remaining() > 0) {
            long length = c.u32();
            if (length < 2 || length > c.remaining()) {
                throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE,
                        "PDV item length " + length + " does not fit its P-DATA-TF (" + c.remaining() + " left)");
            }
            int pcid = c.u8();
            int control = c.u8();
            if ((pcid & 1) == 0) {
                throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE, "even presentation context ID " + pcid);
            }
            int dataLength = (int) length - 2;
            pdvs.add(new PDataTF.Pdv(pcid, (control & 1) != 0, (control & 2) != 0, body, c.pos, dataLength));
            c.skip(dataLength);
        }
        if (pdvs.isEmpty()) {
            throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF without PDV items");
        }
        return new PDataTF(pdvs);
    }

    private static Pdu decodeAssociate(int type, Cursor c) throws PduException {
        String name = type == Pdu.A_ASSOCIATE_RQ ? "A-ASSOCIATE-RQ" : "A-ASSOCIATE-AC";
        if (c.remaining() < ASSOCIATE_FIXED_LENGTH) {
            throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE, name + " shorter than its fixed fields");
        }
        int protocolVersion = c.u16();
        c.skip(2);
        String called = c.ascii(16).trim();
        String calling = c.ascii(16).trim();
        c.skip(32);
        String applicationContext = null;
        List<PresentationContext> pcs = new ArrayList<>();
        UserInformation userInfo = null;
        while (c.remaining() > 0) {
            int itemType = c.u8();
            c.skip(1);
            Cursor item = c.item(c.u16(), name);
            switch (itemType) {
                case 0x10 -> applicationContext = item.uid(item.remaining());
                case 0x20, 0x21 -> {
                    if (itemType != (type == Pdu.A_ASSOCIATE_RQ ? 0x20 : 0x21)) {
                        throw new PduException(AAbort.UNEXPECTED_PDU_PARAMETER,
                                String.format("presentation context item 0x%02X in %s", itemType, name));
                    }
                    pcs.add(decodePresentationContext(item, itemType == 0x20));
                }
                case 0x50 -> userInfo = decodeUserInformation(item);
                default -> {
                    // PS3.8 §9.3.1: items of unrecognized types shall be ignored and skipped
                }
            }
        }
        if (applicationContext == null) {
            throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE, name + " without application context");
        }
        if (userInfo == null) {
            userInfo = new UserInformation(0, null, null);
        }
        return type == Pdu.A_ASSOCIATE_RQ
                ? new AAssociateRQ(protocolVersion, called, calling, applicationContext, pcs, userInfo)
                : new AAssociateAC(protocolVersion, called, calling, applicationContext, pcs, userInfo);
    }

    private static PresentationContext decodePresentationContext(Cursor c, boolean proposed) throws PduException {
        if (c.remaining() < 4) {
            throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE, "presentation context item too short");
        }
        int id = c.u8();
        c.skip(1);
        int result = c.u8();
        c.skip(1);
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>(4);
        while (c.remaining() > 0) {
            int subType = c.u8();
            c.skip(1);
            Cursor sub = c.item(c.u16(), "presentation context");
            switch (subType) {
                case 0x30 -> abstractSyntax = sub.uid(sub.remaining());
                case 0x40 -> transferSyntaxes.add(sub.uid(sub.remaining()));
                default -> {
                    // PS3.8 §9.3.1: items of unrecognized types shall be ignored and skipped
                }
            }
        }
        if (proposed) {
            if (abstractSyntax == null || transferSyntaxes.isEmpty()) {
                throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE,
                        "presentation context " + id + " lacks an abstract or transfer syntax");
            }
            return new PresentationContext(id, PresentationContext.ACCEPTANCE, abstractSyntax, transferSyntaxes);
        }
        if (result == PresentationContext.ACCEPTANCE && transferSyntaxes.size() != 1) {
            throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE,
                    "accepted presentation context " + id + " must name exactly one transfer syntax");
        }
        return new PresentationContext(id, result, null,
                result == PresentationContext.ACCEPTANCE ? transferSyntaxes : List.of());
    }

    private static UserInformation decodeUserInformation(Cursor c) throws PduException {
        long maxLength = 0;
        String implClass = null;
        String implVersion = null;
        int invoked = -1;
        int performed = -1;
        List<RoleSelection> roles = new ArrayList<>();
        List<UserInformation.RawItem> others = new ArrayList<>();
        while (c.remaining() > 0) {
            int subType = c.u8();
            c.skip(1);
            Cursor sub = c.item(c.u16(), "user information");
            switch (subType) {
                case 0x51 -> {
                    sub.expectLength(4, "maximum length sub-item");
                    maxLength = sub.u32();
                }
                case 0x52 -> implClass = sub.uid(sub.remaining());
                case 0x53 -> {
                    sub.expectLength(4, "asynchronous operations window sub-item");
                    invoked = sub.u16();
                    performed = sub.u16();
                }
                case 0x54 -> {
                    String uid = sub.uid(sub.u16Checked());
                    if (sub.remaining() != 2) {
                        throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE, "malformed role selection");
                    }
                    roles.add(new RoleSelection(uid, sub.u8() == 1, sub.u8() == 1));
                }
                case 0x55 -> implVersion = sub.ascii(sub.remaining()).trim();
                // PS3.7 §D.3.3: sub-items we do not interpret are kept, never a reason to fail.
                default -> others.add(new UserInformation.RawItem(subType, sub.bytes(sub.remaining())));
            }
        }
        return new UserInformation(maxLength, implClass, implVersion, invoked, performed, roles, others);
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                throw new EOFException("connection closed in the middle of a PDU");
            }
            done += n;
        }
    }

    static long u32(byte[] b, int off) {
        return ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /** A bounded window on a PDU body; every read is checked against the window's end. */
    private static final class Cursor {
        private final byte[] b;
        private final int end;
        private int pos;

        Cursor(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        int remaining() {
            return end - pos;
        }

        void need(int n) throws PduException {
            if (n > remaining()) {
                throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE,
                        "field of " + n + " bytes overruns its item at offset " + pos);
            }
        }

        void expectLength(int n, String what) throws PduException {
            if (remaining() != n) {
                throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE,
                        what + " has length " + remaining() + ", expected " + n);
            }
        }

        void skip(int n) throws PduException {
            need(n);
            pos += n;
        }

        int u8() throws PduException {
            need(1);
            return b[pos++] & 0xFF;
        }

        int u16() throws PduException {
            need(2);
            int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        int u16Checked() throws PduException {
            int v = u16();
            need(v);
            return v;
        }

        long u32() throws PduException {
            need(4);
            long v = PduDecoder.u32(b, pos);
            pos += 4;
            return v;
        }

        Cursor item(int length, String where) throws PduException {
            if (length > remaining()) {
                throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE,
                        "item of length " + length + " overruns " + where + " at offset " + pos);
            }
            Cursor item = new Cursor(b, pos, pos + length);
            pos += length;
            return item;
        }

        String ascii(int n) throws PduException {
            need(n);
            String s = new String(b, pos, n, StandardCharsets.US_ASCII);
            pos += n;
            return s;
        }

        /** A UID; some peers pad it with a NUL or space, which is not part of the value. */
        String uid(int n) throws PduException {
            String s = ascii(n);
            int len = s.length();
            while (len > 0 && (s.charAt(len - 1) == '\0' || s.charAt(len - 1) == ' ')) {
                len--;
            }
            return s.substring(0, len);
        }

        byte[] bytes(int n) throws PduException {
            need(n);
            byte[] v = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return v;
        }
    }
}
