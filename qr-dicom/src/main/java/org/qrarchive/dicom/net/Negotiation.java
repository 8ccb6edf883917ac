package org.qrarchive.dicom.net;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.qrarchive.dicom.data.UID;
import org.qrarchive.dicom.net.pdu.AAssociateAC;
import org.qrarchive.dicom.net.pdu.AAssociateRQ;
import org.qrarchive.dicom.net.pdu.PresentationContext;
import org.qrarchive.dicom.net.pdu.RoleSelection;
import org.qrarchive.dicom.net.pdu.UserInformation;

/** Presentation context negotiation as an acceptor (PS3.8 §9.3.3.2, PS3.7 Annex D). */
public final class Negotiation {
    private Negotiation() {
    }

    /**
     * Answers each proposed context: refused with reason 3 when {@code preferences} has no list for its
     * abstract syntax, with reason 4 when none of the proposed transfer syntaxes is in that list, else
     * accepted with the FIRST syntax of OUR list that was proposed (our preference, not the proposer's
     * order). A reused or even context ID cannot be answered meaningfully and is refused with reason 2.
     *
     * @param preferences the transfer syntaxes acceptable for an abstract syntax in preference order, or
     *                    {@code null} when the abstract syntax is not supported
     */
    public static List<PresentationContext> negotiate(AAssociateRQ rq, Function<String, List<String>> preferences) {
        List<PresentationContext> answers = new ArrayList<>(rq.presentationContexts().size());
        Set<Integer> seen = new HashSet<>();
        for (PresentationContext pc : rq.presentationContexts()) {
            if ((pc.id() & 1) == 0 || !seen.add(pc.id())) {
                answers.add(PresentationContext.rejected(pc.id(), PresentationContext.NO_REASON, pc.abstractSyntax()));
                continue;
            }
            List<String> ours = preferences.apply(pc.abstractSyntax());
            if (ours == null) {
                answers.add(PresentationContext.rejected(pc.id(), PresentationContext.ABSTRACT_SYNTAX_NOT_SUPPORTED,
                        pc.abstractSyntax()));
                continue;
            }
            String chosen = ours.stream().filter(pc.transferSyntaxes()::contains).findFirst().orElse(null);
            answers.add(chosen == null
                    ? PresentationContext.rejected(pc.id(), PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED,
                            pc.abstractSyntax())
                    : PresentationContext.accepted(pc.id(), pc.abstractSyntax(), chosen));
        }
        return answers;
    }

    /**
     * An A-ASSOCIATE-AC echoing the request's AE titles, with our user information and the answers to the
     * requestor's SCP/SCU role selections (PS3.7 D.3.3.4): {@code roles} lists those accepted as proposed.
     */
    public static AAssociateAC accept(AAssociateRQ rq, List<PresentationContext> answers, AssociationSettings settings,
            List<RoleSelection> roles) {
        return new AAssociateAC(1, rq.calledAETitle(), rq.callingAETitle(), UID.DICOMApplicationContext, answers,
                new UserInformation(settings.maxPduLength(), settings.implementationClassUid(),
                        settings.implementationVersionName(), -1, -1, roles, List.of()));
    }

    /** An A-ASSOCIATE-AC echoing the request's AE titles, with our user information. */
    public static AAssociateAC accept(AAssociateRQ rq, List<PresentationContext> answers, AssociationSettings settings) {
        return new AAssociateAC(1, rq.calledAETitle(), rq.callingAETitle(), UID.DICOMApplicationContext, answers,
                new UserInformation(settings.maxPduLength(), settings.implementationClassUid(),
                        settings.implementationVersionName()));
    }
}
