package org.qrarchive.dicom.net.pdu;

import java.util.List;

/** A-ASSOCIATE-RQ (PS3.8 §9.3.2). AE titles are held without their space padding. */
public record AAssociateRQ(int protocolVersion, String calledAETitle, String callingAETitle,
        String applicationContext, List<PresentationContext> presentationContexts, UserInformation userInformation)
        implements Pdu {

    public AAssociateRQ {
        presentationContexts = List.copyOf(presentationContexts);
    }

    @Override
    public int type() {
        return A_ASSOCIATE_RQ;
    }

    public PresentationContext presentationContext(int id) {
        return presentationContexts.stream().filter(pc -> pc.id() == id).findFirst().orElse(null);
    }
}
