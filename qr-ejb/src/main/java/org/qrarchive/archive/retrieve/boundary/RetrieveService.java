package org.qrarchive.archive.retrieve.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;

import org.jboss.logging.Logger;
import org.qrarchive.archive.config.control.AeConfig;
import org.qrarchive.archive.config.control.FindOptions;
import org.qrarchive.archive.config.control.PeerEntry;
import org.qrarchive.archive.dimse.control.DimseService;
import org.qrarchive.archive.query.control.InformationModel;
import org.qrarchive.archive.query.control.QueryFailure;
import org.qrarchive.archive.retrieve.control.MoveDestinations;
import org.qrarchive.archive.retrieve.control.ObjectSender;
import org.qrarchive.archive.retrieve.control.Retrievable;
import org.qrarchive.archive.retrieve.control.RetrieveModel;
import org.qrarchive.archive.retrieve.control.RetrieveRequest;
import org.qrarchive.archive.retrieve.control.StoreTarget;
import org.qrarchive.archive.retrieve.control.SubOperations;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.DicomInputStream;
import org.qrarchive.dicom.data.DicomOutputStream;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.VR;
import org.qrarchive.dicom.dimse.Commands;
import org.qrarchive.dicom.dimse.Dimse;
import org.qrarchive.dicom.dimse.Status;
import org.qrarchive.dicom.net.Association;
import org.qrarchive.dicom.net.AssociationRejectedException;
import org.qrarchive.dicom.net.pdu.PresentationContext;
import org.qrarchive.dicom.net.pdu.RoleSelection;

/**
 * Query/Retrieve C-MOVE and C-GET SCP (PS3.4 C.4.2, C.4.3) for the three models. The identifier is checked
 * on the association's reader thread; the sub-operations then run on the bounded {@code qr-retrieve}
 * executor, so that the reader receives C-CANCEL-RQ (and, for C-GET, the C-STORE-RSPs) meanwhile. A full
 * executor is answered with A702, never left waiting.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetrieveService implements DimseService {
    private static final Logger LOG = Logger.getLogger(RetrieveService.class);
    private static final int MAX_IDENTIFIER_LENGTH = 1 << 20;
    private static final int OUT_OF_RESOURCES_SUBOPERATIONS = 0xA702;
    private static final int MOVE_DESTINATION_UNKNOWN = 0xA801;

    @EJB
    RetrieveSearch search;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/qr-retrieve")
    ManagedExecutorService subOperations;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/qr-dimse")
    ManagedExecutorService readers;

    @Override
    public Set<String> sopClasses() {
        return RetrieveModel.sopClasses();
    }

    /** The model switches of C-FIND apply (-QP, -QS, -QO); C-GET can be switched off (--disable-get). */
    @Override
    public List<String> transferSyntaxes(AeConfig ae, String sopClass) {
        RetrieveModel m = RetrieveModel.ofSopClass(sopClass);
        FindOptions find = ae.ae().find();
        boolean model = switch (m.model()) {
            case PATIENT_ROOT -> find.patientRoot();
            case STUDY_ROOT -> find.studyRoot();
            case PATIENT_STUDY_ONLY -> find.patientStudyOnly();
        };
        return model && (!m.get() || ae.ae().retrieve().get()) ? UNCOMPRESSED : null;
    }

    @Override
    public void onRequest(Association as, PresentationContext pc, Attributes command, InputStream data)
            throws IOException {
        RetrieveModel model = RetrieveModel.ofSopClass(pc.abstractSyntax());
        Dimse expected = model.get() ? Dimse.C_GET_RQ : Dimse.C_MOVE_RQ;
        if (Commands.dimseOf(command) != expected || data == null) {
            respond(as, pc, command, Status.UNRECOGNIZED_OPERATION, "expected " + expected + " with an identifier");
            return;
        }
        AeConfig ae = AeConfig.of(as);
        RetrieveRequest request;
        try {
            Attributes identifier = new DicomInputStream(data, TransferSyntax.of(pc.transferSyntax()),
                    MAX_IDENTIFIER_LENGTH).readDataset();
            request = RetrieveRequest.parse(identifier, model.model(), ae.ae().find().strict());
        } catch (QueryFailure f) {
            LOG.infof("%s: %s refused: %s", as, expected, f.errorComment());
            Attributes rsp = Commands.response(command, f.status(), f.errorComment());
            rsp.setInt(Tag.OffendingElement, VR.AT, f.offendingTag() >>> 16, f.offendingTag() & 0xFFFF);
            as.writeMessage(pc, rsp, null);
            return;
        }
        PeerEntry destination = null;
        if (!model.get()) {
            String dest = command.getString(Tag.MoveDestination) == null ? "" : command.getString(Tag.MoveDestination).strip();
            StringBuilder why = new StringBuilder();
            Optional<PeerEntry> peer = MoveDestinations.resolve(ae, dest, as.callingAETitle(),
                    as.remoteAddress() == null ? null : as.remoteAddress().getAddress(), why);
            if (peer.isEmpty()) {
                LOG.infof("%s: C-MOVE refused: %s", as, why);
                respond(as, pc, command, MOVE_DESTINATION_UNKNOWN, why.toString());
                return;
            }
            destination = peer.get();
        }
        List<Retrievable> instances = search.instances(ae.ae().aeTitle(), request);
        int messageId = command.getInt(Tag.MessageID, 0);
        AtomicBoolean canceled = new AtomicBoolean();
        as.addCancelHandler(messageId, () -> canceled.set(true));
        PeerEntry to = destination;
        try {
            subOperations.execute(() -> run(as, pc, command, ae, request, instances, to, canceled));
        } catch (RejectedExecutionException e) {
            as.removeCancelHandler(messageId);
            LOG.warnf("%s: retrieve refused, every qr-retrieve thread is busy", as);
            respond(as, pc, command, OUT_OF_RESOURCES_SUBOPERATIONS, "too many retrieves at once: try again");
        }
    }

    private void run(Association as, PresentationContext pc, Attributes command, AeConfig ae,
            RetrieveRequest request, List<Retrievable> instances, PeerEntry destination, AtomicBoolean canceled) {
        long started = System.nanoTime();
        SubOperations ops = new SubOperations(instances.size());
        Progress progress = new Progress(as, pc, command, ops, ae.ae().retrieve().pendingInterval());
        String comment = null;
        try {
            if (destination == null) {
                send(new StoreTarget(as, scpRoles(as)), instances, ae, null, command, ops, progress, canceled);
            } else {
                comment = move(as, ae, destination, instances, command, ops, progress, canceled);
            }
            int status = ops.finalStatus(canceled.get());
            Attributes failed = ops.failedIdentifier();
            Attributes rsp = ops.finalResponse(command, status, comment);
            as.writeMessage(pc, rsp, failed == null || !Commands.hasDataset(rsp) ? null
                    : (out, ts) -> new DicomOutputStream(out, TransferSyntax.of(ts)).writeDataset(failed));
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.infof("%s: %s %s %s to %s: %d completed, %d failed, %d warning, %d remaining; %d bytes in %.3f s"
                    + " (%.1f MB/s)%s", as, destination == null ? "C-GET" : "C-MOVE", request.level(),
                    request.uniqueKeys().get(request.level()), destination == null ? as.callingAETitle()
                            : destination.aeTitle(), ops.completed(), ops.failed(), ops.warning(), ops.remaining(),
                    ops.bytes(), seconds, ops.bytes() / 1e6 / Math.max(seconds, 1e-9),
                    canceled.get() ? ", canceled" : "");
        } catch (IOException e) {
            LOG.infof("%s: retrieve responses interrupted: %s", as, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: retrieve failed", as);
            try {
                respond(as, pc, command, Status.PROCESSING_FAILURE, "retrieve failed: " + e.getMessage());
            } catch (IOException ignored) {
                // the association is gone
            }
        } finally {
            as.removeCancelHandler(command.getInt(Tag.MessageID, 0));
        }
    }

    /**
     * The sub-operations of a C-MOVE over {@code retrieve.moveAssociations} sub-associations, the instances
     * dealt out among them; the first runs on this thread, the others on the qr-retrieve executor (on this
     * thread too when it is full). Returns the Error Comment, or {@code null}.
     */
    private String move(Association as, AeConfig ae, PeerEntry destination, List<Retrievable> instances,
            Attributes command, SubOperations ops, Progress progress, AtomicBoolean canceled) throws IOException {
        int lanes = Math.max(1, Math.min(ae.ae().retrieve().moveAssociations(), instances.size()));
        List<List<Retrievable>> parts = new ArrayList<>();
        for (int k = 0; k < lanes; k++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < instances.size(); i++) {
            parts.get(i % lanes).add(instances.get(i));
        }
        String[] comment = new String[1];
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int k = 1; k < lanes; k++) {
            List<Retrievable> part = parts.get(k);
            Runnable lane = () -> lane(as, ae, destination, part, command, ops, progress, canceled, comment);
            try {
                others.add(CompletableFuture.runAsync(lane, subOperations));
            } catch (RejectedExecutionException e) {
                others.add(CompletableFuture.completedFuture(null).thenRun(lane));
            }
        }
        lane(as, ae, destination, parts.get(0), command, ops, progress, canceled, comment);
        others.forEach(CompletableFuture::join);
        return comment[0];
    }

    private void lane(Association as, AeConfig ae, PeerEntry destination, List<Retrievable> part, Attributes command,
            SubOperations ops, Progress progress, AtomicBoolean canceled, String[] comment) {
        Association sub = null;
        try {
            sub = open(as, ae, destination, part);
            send(new StoreTarget(sub), part, ae, as.callingAETitle(), command, ops, progress, canceled);
        } catch (IOException e) {
            synchronized (comment) {
                comment[0] = "destination " + destination.aeTitle() + ": " + e.getMessage();
            }
            LOG.infof("%s: C-MOVE to %s: %s", as, destination.aeTitle(), e.getMessage());
            for (Retrievable r : part) {
                if (!progress.counted(r)) {
                    progress.count(r, -1); // what this lane could not send is failed
                }
            }
        } finally {
            if (sub != null) {
                close(sub);
            }
        }
    }

    /** The C-STORE sub-operations of {@code part} on {@code target}, counted, with pending responses. */
    private static void send(StoreTarget target, List<Retrievable> part, AeConfig ae, String moveOriginator,
            Attributes command, SubOperations ops, Progress progress, AtomicBoolean canceled) throws IOException {
        int originatorId = command.getInt(Tag.MessageID, 0);
        for (Retrievable r : part) {
            if (canceled.get()) {
                break;
            }
            int status = store(target, r, ae.storageArea(), moveOriginator, originatorId);
            progress.count(r, status);
            if (!canceled.get()) {
                progress.pendingIfDue();
            }
        }
    }

    /** One C-STORE sub-operation; its response status, or -1 when it could not be sent. */
    private static int store(StoreTarget target, Retrievable r, Path area, String moveOriginator, int originatorId)
            throws IOException {
        PresentationContext pc = target.contextFor(r);
        if (pc == null) {
            LOG.debugf("no accepted context can carry %s (%s in %s)", r.sopInstanceUid(), r.sopClassUid(),
                    r.transferSyntaxUid());
            return -1;
        }
        Path file;
        try {
            file = ObjectSender.fileOf(area, r);
        } catch (IOException e) {
            LOG.infof("%s: %s", target.association(), e.getMessage()); // deleted or replaced meanwhile
            return -1;
        }
        Attributes rq = Commands.request(Dimse.C_STORE_RQ, 0, r.sopClassUid(), true);
        rq.setString(Tag.AffectedSOPInstanceUID, VR.UI, r.sopInstanceUid());
        if (moveOriginator != null) {
            rq.setString(Tag.MoveOriginatorApplicationEntityTitle, VR.AE, moveOriginator);
            rq.setInt(Tag.MoveOriginatorMessageID, VR.US, originatorId);
        }
        try {
            return Commands.status(target.association().invokeAndWait(pc, rq, ObjectSender.writer(file)));
        } catch (SocketTimeoutException e) {
            target.association().abort(); // a destination that stopped answering gets no more
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Opens the sub-association of a C-MOVE, calling AE title = the archive AE that was called. */
    private Association open(Association as, AeConfig ae, PeerEntry destination, List<Retrievable> instances)
            throws IOException {
        var settings = ae.configuration().global().associationSettings();
        try {
            return Association.connect(destination.host(), destination.port(),
                    Association.request(ae.ae().aeTitle(), destination.aeTitle(), settings,
                            StoreTarget.proposals(instances, ae.ae().retrieve().propose())), settings, readers, null);
        } catch (AssociationRejectedException e) {
            throw new IOException("association rejected: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The storage SOP classes for which the C-GET requester took the SCP role and we agreed. */
    private static Set<String> scpRoles(Association as) {
        return as.associateRQ().userInformation().roleSelections().stream().filter(RoleSelection::scp)
                .map(RoleSelection::sopClassUid).collect(Collectors.toSet());
    }

    /**
     * Counts sub-operations and sends pending responses no more often than the interval; shared by the lanes
     * of one retrieve.
     */
    private static final class Progress {
        private final Association as;
        private final PresentationContext pc;
        private final Attributes command;
        private final SubOperations ops;
        private final long intervalNanos;
        private final Set<String> counted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private long lastPending = System.nanoTime();

        Progress(Association as, PresentationContext pc, Attributes command, SubOperations ops, int intervalMillis) {
            this.as = as;
            this.pc = pc;
            this.command = command;
            this.ops = ops;
            this.intervalNanos = intervalMillis * 1_000_000L;
        }

        void count(Retrievable r, int status) {
            counted.add(r.sopInstanceUid());
            ops.count(r.sopInstanceUid(), status, r.fileSize());
        }

        boolean counted(Retrievable r) {
            return counted.contains(r.sopInstanceUid());
        }

        synchronized void pendingIfDue() throws IOException {
            if (ops.remaining() > 0 && System.nanoTime() - lastPending >= intervalNanos) {
                as.writeMessage(pc, ops.pending(command), null);
                lastPending = System.nanoTime();
            }
        }
    }

    private static void close(Association sub) {
        try {
            sub.release();
        } catch (IOException e) {
            sub.abort();
        } catch (InterruptedException e) {
            sub.abort();
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(Association as, PresentationContext pc, Attributes command, int status,
            String comment) throws IOException {
        as.writeMessage(pc, Commands.response(command, status, comment), null);
    }
}
