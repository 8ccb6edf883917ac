package org.qrarchive.dicom.net.pdu;

import java.util.List;

/**
 * A-ASSOCIATE-AC (PS3.8 §9.3.3). The called and calling AE titles echo the request's (and are not to be
 * tested by the requestor, PS3.8 §9.3.3).
 */
public record AAssociateAC(int protocolVersion, String calledAETitle, String callingAETitle,
        String applicationContext, List<PresentationContext> presentationContexts, UserInformation userInformation)
        implements Pdu {

    public AAssociateAC {
        presentationContexts = List.copyOf(presentationContexts);
    }

    @Override
    public int type() {
        return A_ASSOCIATE_AC;
    }

    public PresentationContext presentationContext(int id) {
        return presentationContexts.stream().filter(pc -> pc.id() == id).findFirst().orElse(null);
    }
}
