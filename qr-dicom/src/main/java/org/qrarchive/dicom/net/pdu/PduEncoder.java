package org.qrarchive.dicom.net.pdu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes PDUs (PS3.8 §9.3) to bytes. */
public final class PduEncoder {
    private PduEncoder() {
    }

    public static byte[] encode(Pdu pdu) {
        Body body = new Body();
        if (pdu instanceof AAssociateRQ rq) {
            associate(body, rq.protocolVersion(), rq.calledAETitle(), rq.callingAETitle(),
                    rq.applicationContext(), rq.userInformation(), () -> {
                        for (PresentationContext pc : rq.presentationContexts()) {
                            body.item(0x20, item -> {
                                item.u8(pc.id()).u8(0).u8(0).u8(0);
                                item.item(0x30, s -> s.ascii(pc.abstractSyntax()));
                                for (String ts : pc.transferSyntaxes()) {
                                    item.item(0x40, s -> s.ascii(ts));
                                }
                            });
                        }
                    });
        } else if (pdu instanceof AAssociateAC ac) {
            associate(body, ac.protocolVersion(), ac.calledAETitle(), ac.callingAETitle(),
                    ac.applicationContext(), ac.userInformation(), () -> {
                        for (PresentationContext pc : ac.presentationContexts()) {
                            body.item(0x21, item -> {
                                item.u8(pc.id()).u8(0).u8(pc.result()).u8(0);
                                // PS3.8 §9.3.3.2: the sub-item is present even when the context is refused.
                                String ts = pc.isAccepted() ? pc.transferSyntax() : "";
                                item.item(0x40, s -> s.ascii(ts));
                            });
                        }
                    });
        } else if (pdu instanceof AAssociateRJ rj) {
            body.u8(0).u8(rj.result()).u8(rj.source()).u8(rj.reason());
        } else if (pdu instanceof PDataTF pd) {
            for (PDataTF.Pdv pdv : pd.pdvs()) {
                body.u32(pdv.length() + 2).u8(pdv.presentationContextId()).u8(pdv.controlHeader());
                body.out.write(pdv.buffer(), pdv.offset(), pdv.length());
            }
        } else if (pdu instanceof AAbort ab) {
            body.u8(0).u8(0).u8(ab.source()).u8(ab.reason());
        } else {
            body.u32(0); // A-RELEASE-RQ and -RP: four reserved bytes
        }
        byte[] content = body.out.toByteArray();
        byte[] pduBytes = new byte[6 + content.length];
        pduBytes[0] = (byte) pdu.type();
        putU32(pduBytes, 2, content.length);
        System.arraycopy(content, 0, pduBytes, 6, content.length);
        return pduBytes;
    }

    public static void write(Pdu pdu, OutputStream out) throws IOException {
        out.write(encode(pdu));
    }

    /** Writes the header of a P-DATA-TF with one PDV whose {@code dataLength} bytes the caller writes next. */
    public static void writePDataHeader(OutputStream out, int pcid, boolean command, boolean last, int dataLength)
            throws IOException {
        byte[] h = new byte[12];
        h[0] = Pdu.P_DATA_TF;
        putU32(h, 2, dataLength + 6);
        putU32(h, 6, dataLength + 2);
        h[10] = (byte) pcid;
        h[11] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
        out.write(h);
    }

    static void putU32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void associate(Body body, int version, String called, String calling, String appContext,
            UserInformation ui, Runnable contexts) {
        body.u16(version).u16(0).aeTitle(called).aeTitle(calling);
        body.out.write(new byte[32], 0, 32);
        body.item(0x10, item -> item.ascii(appContext));
        contexts.run();
        body.item(0x50, item -> {
            item.item(0x51, s -> s.u32(ui.maxPduLength()));
            if (ui.implementationClassUid() != null) {
                item.item(0x52, s -> s.ascii(ui.implementationClassUid()));
            }
            if (ui.hasAsyncOpsWindow()) {
                item.item(0x53, s -> s.u16(ui.maxOpsInvoked()).u16(ui.maxOpsPerformed()));
            }
            for (RoleSelection role : ui.roleSelections()) {
                item.item(0x54, s -> s.u16(role.sopClassUid().length()).ascii(role.sopClassUid())
                        .u8(role.scu() ? 1 : 0).u8(role.scp() ? 1 : 0));
            }
            if (ui.implementationVersionName() != null) {
                item.item(0x55, s -> s.ascii(ui.implementationVersionName()));
            }
            for (UserInformation.RawItem raw : ui.otherItems()) {
                item.item(raw.type(), s -> s.out.write(raw.value(), 0, raw.value().length));
            }
        });
    }

    /** Growing big-endian byte buffer with nested items whose 16-bit length is filled in afterwards. */
    private static final class Body {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        Body u8(int v) {
            out.write(v);
            return this;
        }

        Body u16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Body u32(long v) {
            u16((int) (v >>> 16));
            return u16((int) v);
        }

        Body ascii(String s) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            out.write(b, 0, b.length);
            return this;
        }

        Body aeTitle(String ae) {
            byte[] b = new byte[16];
            java.util.Arrays.fill(b, (byte) ' ');
            byte[] src = ae.getBytes(StandardCharsets.US_ASCII);
            if (src.length > 16) {
                throw new IllegalArgumentException("AE title longer than 16 characters: " + ae);
            }
            System.arraycopy(src, 0, b, 0, src.length);
            out.write(b, 0, 16);
            return this;
        }

        void item(int type, java.util.function.Consumer<Body> content) {
            Body inner = new Body();
            content.accept(inner);
            byte[] b = inner.out.toByteArray();
            if (b.length > 0xFFFF) {
                throw new IllegalArgumentException(String.format("item 0x%02X of %d bytes exceeds its 16-bit length",
                        type, b.length));
            }
            u8(type).u8(0).u16(b.length);
            out.write(b, 0, b.length);
        }
    }
}
