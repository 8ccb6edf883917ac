package org.qrarchive.it.support;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Raw DICOM Upper Layer PDUs (PS3.8 section 9.3) for tests that must misbehave or hold an
 * association open in a way DCMTK tools cannot: built and parsed by hand, nothing of qr-dicom.
 */
public final class RawDicom {

    public static final int A_ASSOCIATE_RQ = 0x01;
    public static final int A_ASSOCIATE_AC = 0x02;
    public static final int A_ASSOCIATE_RJ = 0x03;
    public static final int P_DATA_TF = 0x04;
    public static final int A_RELEASE_RQ = 0x05;
    public static final int A_RELEASE_RP = 0x06;
    public static final int A_ABORT = 0x07;

    public static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    public static final String VERIFICATION_SOP_CLASS = "1.2.840.10008.1.1";
    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    /** Implementation Class UID of these tests (a UUID-derived 2.25 UID). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.198468412379416519307521470839626154727";
    public static final String IMPLEMENTATION_VERSION_NAME = "QR_IT_RAW";

    private RawDicom() {
    }

    /**
     * An A-ASSOCIATE-RQ (PS3.8 9.3.2) proposing one presentation context (ID 1) with one
     * transfer syntax, and a user information item with our maximum PDU length.
     */
    public static byte[] associateRq(String calledAe, String callingAe, String abstractSyntax,
                                     String transferSyntax, int maxPduLength) {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        // Application Context Item (9.3.2.1)
        item(items, 0x10, ascii(APPLICATION_CONTEXT));
        // Presentation Context Item (9.3.2.2): ID, 3 reserved bytes, abstract + transfer syntax sub-items
        ByteArrayOutputStream pc = new ByteArrayOutputStream();
        pc.write(1); // presentation context ID (odd)
        pc.write(0);
        pc.write(0);
        pc.write(0);
        item(pc, 0x30, ascii(abstractSyntax));
        item(pc, 0x40, ascii(transferSyntax));
        item(items, 0x20, pc.toByteArray());
        // User Information Item (9.3.2.3): maximum length, implementation class UID, version name
        ByteArrayOutputStream ui = new ByteArrayOutputStream();
        item(ui, 0x51, int32(maxPduLength));
        item(ui, 0x52, ascii(IMPLEMENTATION_CLASS_UID));
        item(ui, 0x55, ascii(IMPLEMENTATION_VERSION_NAME));
        item(items, 0x50, ui.toByteArray());

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x00); // protocol version 0x0001
        body.write(0x01);
        body.write(0x00); // reserved
        body.write(0x00);
        body.writeBytes(aeTitle(calledAe));
        body.writeBytes(aeTitle(callingAe));
        body.writeBytes(new byte[32]); // reserved
        body.writeBytes(items.toByteArray());
        return pdu(A_ASSOCIATE_RQ, body.toByteArray());
    }

    /** An A-ASSOCIATE-RQ for Verification, Implicit VR Little Endian, max PDU 16384. */
    public static byte[] verificationAssociateRq(String calledAe, String callingAe) {
        return associateRq(calledAe, callingAe, VERIFICATION_SOP_CLASS, IMPLICIT_VR_LITTLE_ENDIAN, 16384);
    }

    /** An A-RELEASE-RQ (PS3.8 9.3.6). */
    public static byte[] releaseRq() {
        return pdu(A_RELEASE_RQ, new byte[4]);
    }

    /** An A-ABORT from the service user (PS3.8 9.3.8). */
    public static byte[] abort() {
        return pdu(A_ABORT, new byte[4]);
    }

    /** Reads one whole PDU: 6-byte header then its body. */
    public static Pdu readPdu(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int type = data.read();
        if (type < 0) {
            throw new EOFException("Connection closed by the server before a PDU");
        }
        data.readUnsignedByte(); // reserved
        long length = data.readInt() & 0xFFFFFFFFL;
        if (length > 1 << 20) {
            throw new IOException("Implausible PDU length " + length + " (type 0x" + Integer.toHexString(type) + ")");
        }
        byte[] body = new byte[(int) length];
        data.readFully(body);
        return new Pdu(type, body);
    }

    /** A received PDU. */
    public record Pdu(int type, byte[] body) {

        public String describe() {
            return switch (type) {
                case A_ASSOCIATE_AC -> "A-ASSOCIATE-AC";
                case A_ASSOCIATE_RJ -> body.length >= 4
                        ? "A-ASSOCIATE-RJ result " + (body[1] & 0xFF) + " source " + (body[2] & 0xFF)
                          + " reason " + (body[3] & 0xFF)
                        : "A-ASSOCIATE-RJ (short)";
                case A_RELEASE_RP -> "A-RELEASE-RP";
                case A_ABORT -> body.length >= 4
                        ? "A-ABORT source " + (body[2] & 0xFF) + " reason " + (body[3] & 0xFF)
                        : "A-ABORT (short)";
                default -> "PDU type 0x" + Integer.toHexString(type) + " (" + body.length + " bytes)";
            };
        }
    }

    /**
     * Opens a TCP connection to the archive (TCP_NODELAY on, read timeout {@code readTimeout}).
     */
    public static Socket connect(Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(ItConfig.HOST, ItConfig.dicomPort()), 5000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        return socket;
    }

    /**
     * What the server did with a connection after we misbehaved on it, waiting at most the
     * socket's read timeout: "closed" (end of stream or reset), an A-ABORT, another PDU, or
     * "still open" (nothing within the timeout).
     */
    public static String awaitServerReaction(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            int type = in.read();
            if (type < 0) {
                return "closed";
            }
            return type == A_ABORT ? "A-ABORT" : "PDU type 0x" + Integer.toHexString(type);
        } catch (SocketTimeoutException e) {
            return "still open";
        } catch (SocketException e) {
            // "Connection reset": the server closed with our unread garbage in its buffer
            return "closed";
        }
    }

    /** An association opened with raw PDUs, kept open until {@link #close()}. */
    public static final class Association implements Closeable {
        private final Socket socket;
        private final Pdu response;

        private Association(Socket socket, Pdu response) {
            this.socket = socket;
            this.response = response;
        }

        /** Sends a Verification A-ASSOCIATE-RQ and reads the answer (AC, RJ or A-ABORT). */
        public static Association request(String calledAe, String callingAe) throws IOException {
            Socket socket = connect(Duration.ofSeconds(10));
            try {
                OutputStream out = socket.getOutputStream();
                out.write(verificationAssociateRq(calledAe, callingAe));
                out.flush();
                return new Association(socket, readPdu(socket.getInputStream()));
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        public Pdu response() {
            return response;
        }

        public boolean accepted() {
            return response.type() == A_ASSOCIATE_AC;
        }

        /**
         * Releases the association properly (A-RELEASE-RQ, waits for the A-RELEASE-RP) and
         * closes the socket; falls back to just closing.
         */
        @Override
        public void close() throws IOException {
            try {
                if (accepted() && !socket.isClosed()) {
                    OutputStream out = socket.getOutputStream();
                    out.write(releaseRq());
                    out.flush();
                    readPdu(socket.getInputStream()); // A-RELEASE-RP (or whatever: we close anyway)
                }
            } catch (IOException ignored) {
                // the server may already have closed: nothing left to release
            } finally {
                socket.close();
            }
        }
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type);
        out.write(0); // reserved
        out.write((value.length >> 8) & 0xFF);
        out.write(value.length & 0xFF);
        out.writeBytes(value);
    }

    private static byte[] pdu(int type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(6 + body.length);
        out.write(type);
        out.write(0); // reserved
        out.writeBytes(int32(body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] int32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** AE title field: 16 bytes, space padded (PS3.8 9.3.2). */
    private static byte[] aeTitle(String ae) {
        byte[] field = new byte[16];
        java.util.Arrays.fill(field, (byte) ' ');
        byte[] value = ascii(ae);
        if (value.length > 16) {
            throw new IllegalArgumentException("AE title longer than 16 characters: " + ae);
        }
        System.arraycopy(value, 0, field, 0, value.length);
        return field;
    }
}
