package org.qrarchive.archive.dimse.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.qrarchive.archive.access.control.PeerAccess;
import org.qrarchive.archive.config.boundary.ConfigurationRegistry;
import org.qrarchive.archive.config.control.Access;
import org.qrarchive.archive.config.control.AeConfig;
import org.qrarchive.archive.store.control.StorageExclusivity;
import org.qrarchive.dicom.data.UIDRegistry;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.dimse.Commands;
import org.qrarchive.dicom.dimse.Status;
import org.qrarchive.dicom.net.Association;
import org.qrarchive.dicom.net.AssociationDecision;
import org.qrarchive.dicom.net.AssociationDecision.Rejection;
import org.qrarchive.dicom.net.AssociationHandler;
import org.qrarchive.dicom.net.Negotiation;
import org.qrarchive.dicom.net.pdu.AAssociateRQ;
import org.qrarchive.dicom.net.pdu.PresentationContext;
import org.qrarchive.dicom.net.pdu.RoleSelection;
import org.qrarchive.archive.retrieve.control.RetrieveModel;
import org.qrarchive.dicom.data.UID;

/**
 * Decides on incoming associations (AE titles, peers, the association limit, presentation contexts)
 * and routes their requests to the {@link DimseService} of the SOP class.
 */
@ApplicationScoped
public class AssociationAcceptor implements AssociationHandler {
    private static final Logger LOG = Logger.getLogger(AssociationAcceptor.class);
    private static final String COUNTED = "qr.counted";

    @EJB
    ConfigurationRegistry registry;

    @Inject
    DimseServices services;

    @Inject
    StorageExclusivity exclusivity;

    private final AtomicInteger established = new AtomicInteger();

    /** Associations accepted and not yet ended. */
    public int activeAssociations() {
        return established.get();
    }

    @Override
    public AssociationDecision negotiate(Association as, AAssociateRQ rq) {
        AeConfig ae = registry.forAe(rq.calledAETitle());
        String refusal = null;
        Rejection rejection = null;
        if (!UID.DICOMApplicationContext.equals(rq.applicationContext())) {
            rejection = Rejection.APPLICATION_CONTEXT_NOT_SUPPORTED;
        } else if (ae == null) {
            rejection = Rejection.CALLED_AE_TITLE_NOT_RECOGNIZED;
            refusal = "no archive AE is called " + rq.calledAETitle();
        } else {
            refusal = PeerAccess.refusal(ae, rq.callingAETitle(), as.remoteAddress());
            rejection = refusal == null ? null : Rejection.CALLING_AE_TITLE_NOT_RECOGNIZED;
        }
        if (rejection == null && !reserveSlot(as, ae.configuration().global().maxAssociations())) {
            rejection = Rejection.LOCAL_LIMIT_EXCEEDED;
        }
        if (rejection != null) {
            LOG.infof("Rejected association %s -> %s from %s: %s%s", rq.callingAETitle(), rq.calledAETitle(),
                    as.remoteAddress(), rejection, refusal == null ? "" : " (" + refusal + ")");
            return AssociationDecision.reject(rejection);
        }
        ae.attachTo(as);
        List<PresentationContext> answers = Negotiation.negotiate(rq, sop -> services.transferSyntaxes(ae, sop));
        Access access = ae.ae().access();
        Set<String> getStores = access.reads() && ae.ae().retrieve().get() ? scpOnlyRoles(rq) : Set.of();
        if (!access.reads()) {
            answers = refuse(answers, AssociationAcceptor::isQueryRetrieve);
        }
        if (!access.writes()) {
            // storage contexts the requester proposed as SCP only carry C-GET sub-operations, not stores
            answers = refuse(answers, sop -> isStorage(sop) && !getStores.contains(sop));
        }
        if (ae.ae().retrieve().requireFind()) {
            Set<String> proposed = rq.presentationContexts().stream().map(PresentationContext::abstractSyntax)
                    .collect(Collectors.toSet());
            answers = refuse(answers, sop -> RetrieveModel.ofSopClass(sop) != null
                    && !proposed.contains(RetrieveModel.ofSopClass(sop).model().sopClassUid()));
        }
        if (ae.store().noParallelStore() && holdsStorage(answers)
                && !exclusivity.acquire(rq.calledAETitle(), as)) {
            answers = refuse(answers, AssociationAcceptor::isStorage);
        }
        return AssociationDecision.accept(answers, roles(rq, ae), ae.configuration().global().associationSettings());
    }

    /**
     * The answers to the requester's role selections (PS3.7 D.3.3.4): for storage SOP classes, as proposed,
     * so that a C-GET requester may take the SCP role; other proposals are left unanswered (default roles).
     */
    private static List<RoleSelection> roles(AAssociateRQ rq, AeConfig ae) {
        if (!ae.ae().retrieve().get()) {
            return List.of();
        }
        return rq.userInformation().roleSelections().stream().filter(r -> isStorage(r.sopClassUid())).toList();
    }

    /** Storage SOP classes the requester proposed to be SCP of, and not SCU. */
    private static Set<String> scpOnlyRoles(AAssociateRQ rq) {
        return rq.userInformation().roleSelections().stream().filter(r -> r.scp() && !r.scu())
                .map(RoleSelection::sopClassUid).collect(Collectors.toSet());
    }

    private boolean holdsStorage(List<PresentationContext> answers) {
        return answers.stream().anyMatch(pc -> pc.isAccepted() && isStorage(pc.abstractSyntax()));
    }

    /**
     * Refuses (user rejection) the accepted contexts of some SOP classes: storage of an area with access R or
     * while another association holds it (--no-parallel-store), Query/Retrieve of an area with access W.
     */
    private static List<PresentationContext> refuse(List<PresentationContext> answers,
            java.util.function.Predicate<String> sopClasses) {
        return answers.stream().map(pc -> pc.isAccepted() && sopClasses.test(pc.abstractSyntax())
                ? PresentationContext.rejected(pc.id(), PresentationContext.USER_REJECTION, pc.abstractSyntax())
                : pc).toList();
    }

    private static boolean isStorage(String sopClass) {
        return typeOf(sopClass) == UIDRegistry.Type.StorageSOPClass;
    }

    private static boolean isQueryRetrieve(String sopClass) {
        return typeOf(sopClass) == UIDRegistry.Type.QueryRetrieveSOPClass;
    }

    private static UIDRegistry.Type typeOf(String sopClass) {
        UIDRegistry.Entry e = UIDRegistry.lookup(sopClass);
        return e == null ? null : e.type();
    }

    /** Counts the association against the limit, unless that would exceed it. */
    private boolean reserveSlot(Association as, int max) {
        while (true) {
            int n = established.get();
            if (n >= max) {
                return false;
            }
            if (established.compareAndSet(n, n + 1)) {
                as.setProperty(COUNTED, Boolean.TRUE);
                return true;
            }
        }
    }

    @Override
    public void onRequest(Association as, PresentationContext pc, Attributes command, InputStream data)
            throws IOException {
        DimseService service = services.forSopClass(pc.abstractSyntax());
        String affected = command.getString(Tag.AffectedSOPClassUID);
        if (service == null || (affected != null && !affected.equals(pc.abstractSyntax()))) {
            as.writeMessage(pc, Commands.response(command, Status.SOP_CLASS_NOT_SUPPORTED,
                    "SOP class " + affected + " on a context for " + pc.abstractSyntax()), null);
            return;
        }
        service.onRequest(as, pc, command, data);
    }

    @Override
    public void onClose(Association as) {
        exclusivity.release(as);
        if (as.getProperty(COUNTED) != null) {
            established.decrementAndGet();
            LOG.infof("Association %s -> %s from %s ended after %d ms; accepted contexts: %s",
                    as.callingAETitle(), as.calledAETitle(), as.remoteAddress(), as.age().toMillis(),
                    describe(as));
        }
    }

    private static String describe(Association as) {
        return as.acceptedContexts().stream().map(pc -> pc.abstractSyntax() + "/" + pc.transferSyntax())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
