package org.qrarchive.dicom.net;

import java.util.List;

import org.qrarchive.dicom.net.pdu.AAssociateRJ;
import org.qrarchive.dicom.net.pdu.PresentationContext;
import org.qrarchive.dicom.net.pdu.RoleSelection;

/**
 * What an {@link AssociationHandler} decides for an A-ASSOCIATE-RQ: accept, with the answer to each proposed
 * presentation context, or reject for one of the reasons of PS3.8 Table 9-21. {@link Association} turns it
 * into the A-ASSOCIATE-AC or -RJ; the application never builds PDUs.
 */
public sealed interface AssociationDecision {

    /**
     * @param contexts the answer to every proposed context ({@link Negotiation#negotiate} makes them)
     * @param roles    the role selections accepted as the requestor proposed them (PS3.7 D.3.3.4)
     * @param settings our maximum PDU length and implementation identity for the A-ASSOCIATE-AC
     */
    record Accept(List<PresentationContext> contexts, List<RoleSelection> roles, AssociationSettings settings)
            implements AssociationDecision {
        public Accept {
            contexts = List.copyOf(contexts);
            roles = List.copyOf(roles);
        }
    }

    record Reject(Rejection rejection) implements AssociationDecision {
    }

    /** The rejections an application gives (the upper layer itself sends the protocol-version one). */
    enum Rejection {
        /** Permanent, service user, reason 7. */
        CALLED_AE_TITLE_NOT_RECOGNIZED(AAssociateRJ.calledAETitleNotRecognized()),
        /** Permanent, service user, reason 3. */
        CALLING_AE_TITLE_NOT_RECOGNIZED(AAssociateRJ.callingAETitleNotRecognized()),
        /** Permanent, service user, reason 2. */
        APPLICATION_CONTEXT_NOT_SUPPORTED(AAssociateRJ.applicationContextNotSupported()),
        /** Transient, service provider (presentation), reason 2. */
        LOCAL_LIMIT_EXCEEDED(AAssociateRJ.localLimitExceeded()),
        /** Permanent, service user, reason 1. */
        NO_REASON_GIVEN(new AAssociateRJ(AAssociateRJ.RESULT_PERMANENT, AAssociateRJ.SOURCE_SERVICE_USER,
                AAssociateRJ.NO_REASON_GIVEN));

        private final AAssociateRJ pdu;

        Rejection(AAssociateRJ pdu) {
            this.pdu = pdu;
        }

        AAssociateRJ pdu() {
            return pdu;
        }
    }

    static AssociationDecision accept(List<PresentationContext> contexts, List<RoleSelection> roles,
            AssociationSettings settings) {
        return new Accept(contexts, roles, settings);
    }

    static AssociationDecision reject(Rejection rejection) {
        return new Reject(rejection);
    }
}
