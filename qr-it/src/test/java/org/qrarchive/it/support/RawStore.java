package org.qrarchive.it.support;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A C-STORE SCU made of raw PDUs (PS3.8 9.3, PS3.7 9.3.1), for what storescu cannot do: send UIDs
 * exactly as given (DCMTK strips the space padding of UIDs when it reads a file), stop in the middle
 * of a data set, or hold storage contexts open. One presentation context (ID 1), built by
 * {@link RawDicom#associateRq}; the command set in implicit VR little endian.
 */
public final class RawStore implements Closeable {

    /** Presentation context result (PS3.8 9.3.3.2): 0 acceptance, 1 user rejection, 3 abstract syntax, 4 TS. */
    public static final int PC_ACCEPTANCE = 0;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final RawDicom.Pdu response;
    private final int contextResult;
    private final int peerMaxPdu;
    private int messageId = 1;

    private RawStore(Socket socket, RawDicom.Pdu response) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        this.response = response;
        int result = -1;
        int maxPdu = 0;
        if (response.type() == RawDicom.A_ASSOCIATE_AC) {
            ByteBuffer b = ByteBuffer.wrap(response.body()).order(ByteOrder.BIG_ENDIAN);
            b.position(68); // version, reserved, called and calling AE, 32 reserved bytes
            while (b.remaining() >= 4) {
                int type = b.get() & 0xFF;
                b.get();
                int length = b.getShort() & 0xFFFF;
                int end = b.position() + length;
                if (type == 0x21 && (b.get(b.position()) & 0xFF) == 1) {
                    result = b.get(b.position() + 2) & 0xFF;
                } else if (type == 0x50) {
                    while (b.position() < end) {
                        int subType = b.get() & 0xFF;
                        b.get();
                        int subLength = b.getShort() & 0xFFFF;
                        if (subType == 0x51) {
                            maxPdu = b.getInt(b.position());
                        }
                        b.position(b.position() + subLength);
                    }
                }
                b.position(end);
            }
        }
        this.contextResult = result;
        this.peerMaxPdu = maxPdu == 0 ? 1 << 20 : maxPdu;
    }

    /**
     * Requests an association with one presentation context ({@code sopClass}, {@code transferSyntax})
     * and reads the answer (AC, RJ or A-ABORT).
     */
    public static RawStore open(String calledAe, String callingAe, String sopClass, String transferSyntax)
            throws IOException {
        Socket socket = RawDicom.connect(Duration.ofSeconds(30));
        try {
            socket.getOutputStream().write(RawDicom.associateRq(calledAe, callingAe, sopClass, transferSyntax, 16384));
            socket.getOutputStream().flush();
            return new RawStore(socket, RawDicom.readPdu(socket.getInputStream()));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public RawDicom.Pdu response() {
        return response;
    }

    /** The result of presentation context 1 in the A-ASSOCIATE-AC, -1 without an AC. */
    public int contextResult() {
        return contextResult;
    }

    /** Association accepted and its one presentation context too. */
    public boolean contextAccepted() {
        return response.type() == RawDicom.A_ASSOCIATE_AC && contextResult == PC_ACCEPTANCE;
    }

    /**
     * Sends a C-STORE-RQ with {@code dataSet} (encoded in the negotiated transfer syntax) and returns
     * the status of the C-STORE-RSP. UIDs go into the command as given: odd lengths get a NUL, a value
     * of even length (e.g. space-padded) is sent as it is.
     */
    public int store(String sopClass, String sopInstance, byte[] dataSet) throws IOException {
        sendCommand(sopClass, sopInstance);
        int chunk = maxPdvData();
        for (int offset = 0; offset < dataSet.length; offset += chunk) {
            int n = Math.min(chunk, dataSet.length - offset);
            sendPdv(false, offset + n == dataSet.length, dataSet, offset, n);
        }
        return readStatus();
    }

    /** Sends the C-STORE-RQ command set (the data set must follow). */
    public void sendCommand(String sopClass, String sopInstance) throws IOException {
        byte[] command = storeCommand(messageId++, sopClass, sopInstance);
        sendPdv(true, true, command, 0, command.length);
    }

    /** Sends {@code length} bytes of data set as one P-DATA-TF (at most {@link #maxPdvData()} bytes). */
    public void sendDataPdv(byte[] data, int offset, int length, boolean last) throws IOException {
        sendPdv(false, last, data, offset, length);
    }

    /** The largest data fragment one P-DATA-TF may carry to this peer. */
    public int maxPdvData() {
        return Math.min(peerMaxPdu, 1 << 20) - 6;
    }

    /** Writes raw bytes (e.g. half a PDU). */
    public void writeRaw(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        out.flush();
    }

    /** A P-DATA-TF carrying one PDV. */
    public static byte[] pDataTf(boolean command, boolean last, byte[] data, int offset, int length) {
        ByteBuffer b = ByteBuffer.allocate(6 + 6 + length).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) RawDicom.P_DATA_TF).put((byte) 0).putInt(6 + length);
        b.putInt(2 + length).put((byte) 1).put((byte) ((command ? 1 : 0) | (last ? 2 : 0)));
        b.put(data, offset, length);
        return b.array();
    }

    private void sendPdv(boolean command, boolean last, byte[] data, int offset, int length) throws IOException {
        out.write(pDataTf(command, last, data, offset, length));
        out.flush();
    }

    /** Reads PDUs up to the last fragment of a command and returns its Status (0000,0900). */
    public int readStatus() throws IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        while (true) {
            RawDicom.Pdu pdu = RawDicom.readPdu(in);
            if (pdu.type() != RawDicom.P_DATA_TF) {
                throw new IOException("Expected a C-STORE-RSP, got " + pdu.describe());
            }
            ByteBuffer b = ByteBuffer.wrap(pdu.body()).order(ByteOrder.BIG_ENDIAN);
            while (b.remaining() >= 6) {
                int length = b.getInt();
                b.get(); // presentation context ID
                int header = b.get() & 0xFF;
                byte[] fragment = new byte[length - 2];
                b.get(fragment);
                if ((header & 1) != 0) {
                    command.writeBytes(fragment);
                    if ((header & 2) != 0) {
                        return status(command.toByteArray());
                    }
                }
            }
        }
    }

    private static int status(byte[] command) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(command).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 8) {
            int tag = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
            int length = b.getInt();
            if (tag == 0x00000900) {
                return b.getShort(b.position()) & 0xFFFF;
            }
            b.position(b.position() + length);
        }
        throw new IOException("C-STORE-RSP without a Status");
    }

    /** C-STORE-RQ command set (PS3.7 9.3.1.1), implicit VR little endian, with its group length. */
    public static byte[] storeCommand(int messageId, String sopClass, String sopInstance) {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        elements.writeBytes(implicitElement(0x00000002, uid(sopClass)));          // Affected SOP Class UID
        elements.writeBytes(implicitElement(0x00000100, us(0x0001)));            // Command Field: C-STORE-RQ
        elements.writeBytes(implicitElement(0x00000110, us(messageId)));         // Message ID
        elements.writeBytes(implicitElement(0x00000700, us(0x0000)));            // Priority: medium
        elements.writeBytes(implicitElement(0x00000800, us(0x0000)));            // Command Data Set Type: present
        elements.writeBytes(implicitElement(0x00001000, uid(sopInstance)));       // Affected SOP Instance UID
        byte[] rest = elements.toByteArray();
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        command.writeBytes(implicitElement(0x00000000, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(rest.length).array()));
        command.writeBytes(rest);
        return command.toByteArray();
    }

    /** One data element in implicit VR little endian: tag, 4-byte length, value. */
    public static byte[] implicitElement(int tag, byte[] value) {
        return ByteBuffer.allocate(8 + value.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) (tag >>> 16)).putShort((short) tag).putInt(value.length).put(value).array();
    }

    /** Header of an implicit VR little endian element whose value follows separately. */
    public static byte[] implicitHeader(int tag, int length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) (tag >>> 16)).putShort((short) tag).putInt(length).array();
    }

    /** A UI value: ASCII, padded with one NUL to even length if odd. */
    public static byte[] uid(String uid) {
        return text(uid, (byte) 0);
    }

    /** A text value padded with a space to even length if odd. */
    public static byte[] text(String s, byte pad) {
        byte[] ascii = s.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length % 2 == 0) {
            return ascii;
        }
        byte[] padded = new byte[ascii.length + 1];
        System.arraycopy(ascii, 0, padded, 0, ascii.length);
        padded[ascii.length] = pad;
        return padded;
    }

    public static byte[] us(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8)};
    }

    /**
     * Closes the TCP connection without A-RELEASE or A-ABORT: the peer just vanishes, with a FIN
     * (end of stream for the server) or, with {@code reset}, an RST ("connection reset").
     */
    public void drop(boolean reset) throws IOException {
        if (reset) {
            socket.setSoLinger(true, 0);
        }
        socket.close();
    }

    /** Sends an A-ABORT and closes. */
    public void abort() throws IOException {
        try {
            out.write(RawDicom.abort());
            out.flush();
        } finally {
            socket.close();
        }
    }

    /** A-RELEASE-RQ, waits for the A-RELEASE-RP (or whatever comes), closes. */
    @Override
    public void close() throws IOException {
        if (socket.isClosed()) {
            return;
        }
        try {
            if (response.type() == RawDicom.A_ASSOCIATE_AC) {
                out.write(RawDicom.releaseRq());
                out.flush();
                RawDicom.readPdu(in);
            }
        } catch (IOException ignored) {
            // already closed by the server: nothing to release
        } finally {
            socket.close();
        }
    }
}
