package org.qrarchive.dicom.net.pdu;

import java.util.List;

/** P-DATA-TF (PS3.8 §9.3.5): one or more presentation data values. */
public record PDataTF(List<Pdv> pdvs) implements Pdu {
    public PDataTF {
        pdvs = List.copyOf(pdvs);
    }

    @Override
    public int type() {
        return P_DATA_TF;
    }

    /**
     * One presentation data value item: a fragment of a command or data set, a window on the PDU's
     * buffer so that receiving copies no bytes.
     */
    public record Pdv(int presentationContextId, boolean command, boolean last, byte[] buffer, int offset,
            int length) {

        public static Pdv of(int pcid, boolean command, boolean last, byte[] data) {
            return new Pdv(pcid, command, last, data, 0, data.length);
        }

        /** The message control header byte (PS3.8 Annex E.2). */
        public int controlHeader() {
            return (command ? 1 : 0) | (last ? 2 : 0);
        }
    }
}
