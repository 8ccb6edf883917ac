package org.qrarchive.dicom.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.DicomInputStream;
import org.qrarchive.dicom.data.DicomOutputStream;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.UID;
import org.qrarchive.dicom.data.VR;
import org.qrarchive.dicom.dimse.Commands;
import org.qrarchive.dicom.dimse.Dimse;
import org.qrarchive.dicom.dimse.Status;
import org.qrarchive.dicom.net.pdu.AAbort;
import org.qrarchive.dicom.net.pdu.AAssociateAC;
import org.qrarchive.dicom.net.pdu.AAssociateRJ;
import org.qrarchive.dicom.net.pdu.AAssociateRQ;
import org.qrarchive.dicom.net.pdu.AReleaseRP;
import org.qrarchive.dicom.net.pdu.AReleaseRQ;
import org.qrarchive.dicom.net.pdu.PDataTF;
import org.qrarchive.dicom.net.pdu.Pdu;
import org.qrarchive.dicom.net.pdu.PduDecoder;
import org.qrarchive.dicom.net.pdu.PduEncoder;
import org.qrarchive.dicom.net.pdu.PduException;
import org.qrarchive.dicom.net.pdu.PresentationContext;
import org.qrarchive.dicom.net.pdu.UserInformation;
import org.qrarchive.dicom.net.ul.Effects;
import org.qrarchive.dicom.net.ul.Event;
import org.qrarchive.dicom.net.ul.State;
import org.qrarchive.dicom.net.ul.StateMachine;

/**
 * One DICOM association, in either role, over one TCP connection.
 *
 * <p>A single reader thread reads PDUs, drives the {@link StateMachine} and assembles DIMSE messages;
 * requests go to the {@link AssociationHandler} on that thread with their data set as a stream that pulls
 * further PDUs as it is read, so a data set is never held whole in memory. Any thread may send messages;
 * a lock keeps the PDVs of one message together on the wire.
 */
public final class Association {
    private static final System.Logger LOG = System.getLogger(Association.class.getName());
    /** Command sets are small (PS3.7 §9.3); a larger one is hostile or broken. */
    private static final int MAX_COMMAND_LENGTH = 64 * 1024;
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final boolean requestor;
    private final AssociationSettings settings;
    private final AssociationHandler handler;
    private final StateMachine machine;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final CountDownLatch negotiated = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<Integer, PresentationContext> contexts = new ConcurrentHashMap<>();
    private final Operations operations = new Operations();
    private final Map<String, Object> properties = new ConcurrentHashMap<>();
    private final int serial = SERIAL.incrementAndGet();
    private final Instant started = Instant.now();

    private Socket socket;
    private DeadlineInputStream deadlineIn;
    private PduDecoder decoder;
    private OutputStream out;
    private volatile AAssociateRQ rq;
    private volatile AAssociateAC ac;
    private volatile AAssociateRJ rj;
    private volatile Pdu abortReceived;
    private volatile long peerMaxPdu;
    private volatile long artimDeadlineNanos;

    // Indications the machine raised during the last fire(); handled by the reader after fire() returned.
    private Pdu associateIndicated;
    private PDataTF dataIndicated;
    private boolean releaseIndicated;

    private PDataTF currentPdu;
    private int nextPdv;

    private Association(boolean requestor, AssociationSettings settings, AssociationHandler handler) {
        this.requestor = requestor;
        this.settings = settings;
        this.handler = handler;
        this.machine = new StateMachine(requestor, new MachineEffects());
    }

    /**
     * Serves an incoming connection on the calling thread until the association has ended.
     *
     * @return the association, ended
     */
    public static Association serve(Socket socket, AssociationSettings settings, AssociationHandler handler) {
        Association as = new Association(false, settings, handler);
        try {
            as.attach(socket);
            as.machine.fire(Event.EVT5, null);
            as.readLoop();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: cannot use connection: {1}", as, e.toString());
        } finally {
            as.finish();
        }
        return as;
    }

    /**
     * Opens an association as requestor. The reader runs on {@code readerExecutor}; {@code handler}
     * (may be null) serves requests the peer sends back, e.g. C-STORE sub-operations of a C-GET.
     *
     * @throws AssociationRejectedException when the peer rejects the association
     */
    public static Association connect(String host, int port, AAssociateRQ request, AssociationSettings settings,
            Executor readerExecutor, AssociationHandler handler) throws IOException, InterruptedException {
        Association as = new Association(true, settings, handler);
        as.rq = request;
        as.machine.fire(Event.EVT1, null);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) settings.connectTimeout().toMillis());
            as.attach(socket);
        } catch (IOException e) {
            as.machine.fire(Event.EVT17, null);
            closeQuietly(socket);
            as.closed.countDown();
            throw e;
        }
        as.machine.fire(Event.EVT2, request);
        readerExecutor.execute(() -> {
            try {
                as.readLoop();
            } finally {
                as.finish();
            }
        });
        if (!as.negotiated.await(settings.acseTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            as.abort();
            throw new SocketTimeoutException("no A-ASSOCIATE answer from " + host + ":" + port + " within "
                    + settings.acseTimeout().toSeconds() + " s");
        }
        if (as.rj != null) {
            throw new AssociationRejectedException(as.rj);
        }
        if (as.ac == null) {
            throw new IOException("association to " + host + ":" + port + " aborted during negotiation");
        }
        return as;
    }

    /** Builds an A-ASSOCIATE-RQ with our user information. */
    public static AAssociateRQ request(String callingAETitle, String calledAETitle, AssociationSettings settings,
            List<PresentationContext> contexts) {
        return new AAssociateRQ(1, calledAETitle, callingAETitle, UID.DICOMApplicationContext, contexts,
                new UserInformation(settings.maxPduLength(), settings.implementationClassUid(),
                        settings.implementationVersionName()));
    }

    // ---------------------------------------------------------------- accessors

    public boolean isRequestor() {
        return requestor;
    }

    public State state() {
        return machine.state();
    }

    public boolean isEstablished() {
        return machine.state() == State.STA6;
    }

    public AAssociateRQ associateRQ() {
        return rq;
    }

    public AAssociateAC associateAC() {
        return ac;
    }

    public String callingAETitle() {
        return rq == null ? null : rq.callingAETitle();
    }

    public String calledAETitle() {
        return rq == null ? null : rq.calledAETitle();
    }

    public InetSocketAddress remoteAddress() {
        return socket == null ? null : (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    public Duration age() {
        return Duration.between(started, Instant.now());
    }

    /** Accepted presentation contexts, with their abstract syntax. */
    public Collection<PresentationContext> acceptedContexts() {
        return Collections.unmodifiableCollection(contexts.values());
    }

    public PresentationContext acceptedContext(String abstractSyntax) {
        return contexts.values().stream().filter(pc -> pc.abstractSyntax().equals(abstractSyntax)).findFirst()
                .orElse(null);
    }

    public Object getProperty(String key) {
        return properties.get(key);
    }

    public void setProperty(String key, Object value) {
        properties.put(key, value);
    }

    /** Waits until the association has ended. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- user requests

    /**
     * Registers what to do when the peer sends C-CANCEL-RQ for {@code messageId}; requests registered
     * here also count as outstanding, so a release waits for them.
     */
    public void addCancelHandler(int messageId, Runnable onCancel) {
        operations.performing(messageId, onCancel);
    }

    public void removeCancelHandler(int messageId) {
        operations.performed(messageId);
    }

    /** Sends one DIMSE message: the command, then the data set written by {@code data} (may be null). */
    public void writeMessage(PresentationContext pc, Attributes command, DataWriter data) throws IOException {
        try {
            machine.fire(Event.EVT9, null);
        } catch (IllegalStateException e) {
            throw new IOException("cannot send on association in " + machine.state() + ": " + e.getMessage());
        }
        int fragment = maxFragmentLength();
        ByteArrayOutputStream cmd = new ByteArrayOutputStream(256);
        new DicomOutputStream(cmd, TransferSyntax.IMPLICIT_LE).writeCommand(command);
        writeLock.lock();
        try {
            // a command set is a few hundred bytes: its buffer need not be a whole fragment
            PdvOutputStream pdvs = new PdvOutputStream(out, pc.id(), true, Math.min(fragment, cmd.size()));
            cmd.writeTo(pdvs);
            pdvs.finish();
            if (data != null) {
                PdvOutputStream dataOut = new PdvOutputStream(out, pc.id(), false, fragment);
                data.writeTo(dataOut, pc.transferSyntax());
                dataOut.finish();
            }
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Sends a request with a fresh message ID; {@code responses} gets every response to it.
     *
     * @return the message ID used
     */
    public int invoke(PresentationContext pc, Attributes command, DataWriter data, ResponseHandler responses)
            throws IOException {
        int id = operations.register(responses);
        command.setInt(Tag.MessageID, VR.US, id);
        try {
            writeMessage(pc, command, data);
        } catch (IOException e) {
            operations.unregister(id);
            throw e;
        }
        return id;
    }

    /**
     * Sends a request with a fresh message ID and waits, up to the DIMSE timeout, for its final response
     * (pending responses are passed over).
     *
     * @throws java.net.SocketTimeoutException when no final response came in time
     */
    public Attributes invokeAndWait(PresentationContext pc, Attributes command, DataWriter data)
            throws IOException, InterruptedException {
        FinalResponse rsp = new FinalResponse();
        invoke(pc, command, data, rsp);
        return rsp.await(settings.dimseTimeout());
    }

    /** Sends C-ECHO-RQ on the Verification context and waits for its response. */
    public Attributes cecho() throws IOException, InterruptedException {
        PresentationContext pc = acceptedContext(UID.Verification);
        if (pc == null) {
            throw new IOException("no accepted presentation context for Verification");
        }
        FinalResponse rsp = new FinalResponse();
        invoke(pc, Commands.echoRequest(0, UID.Verification), null, rsp);
        return rsp.await(settings.dimseTimeout());
    }

    /** Releases the association and waits for the peer's A-RELEASE-RP (aborts when it does not come). */
    public void release() throws IOException, InterruptedException {
        try {
            machine.fire(Event.EVT11, null);
        } catch (IllegalStateException e) {
            throw new IOException("cannot release association in " + machine.state());
        }
        if (!closed.await(settings.acseTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            abort();
            throw new SocketTimeoutException("no A-RELEASE-RP within " + settings.acseTimeout().toSeconds() + " s");
        }
    }

    /** Sends A-ABORT (when the state allows) and closes the connection. */
    public void abort() {
        try {
            machine.fire(Event.EVT15, AAbort.byUser());
        } catch (IllegalStateException e) {
            LOG.log(Level.DEBUG, "{0}: no A-ABORT in {1}", this, machine.state());
        }
        closeQuietly(socket);
    }

    // ---------------------------------------------------------------- reader

    private void attach(Socket s) throws IOException {
        this.socket = s;
        s.setTcpNoDelay(true);
        deadlineIn = new DeadlineInputStream(s, s.getInputStream());
        decoder = new PduDecoder(new BufferedInputStream(deadlineIn, 64 * 1024), settings.maxPduLength(),
                AssociationSettings.MAX_CONTROL_PDU_LENGTH);
        out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
    }

    private void readLoop() {
        while (machine.state() != State.STA1) {
            try {
                if (currentPdu != null && nextPdv < currentPdu.pdvs().size()) {
                    onMessageStart(currentPdu.pdvs().get(nextPdv++));
                } else {
                    step();
                    handleIndications();
                }
            } catch (PduException e) {
                LOG.log(Level.INFO, "{0}: aborting: {1}", this, e.getMessage());
                abortAndClose(Event.EVT19, AAbort.byProvider(e.abortReason()));
            } catch (IOException e) {
                if (machine.state() != State.STA1) {
                    LOG.log(Level.INFO, "{0}: aborting: {1}", this, e.toString());
                    abortAndClose(Event.EVT15, AAbort.byUser());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "{0}: aborting on internal error", this, e);
                abortAndClose(Event.EVT15, AAbort.byUser());
            }
        }
    }

    /** Reads one PDU and fires the event it stands for; timeouts and closed connections are events too. */
    private void step() throws IOException {
        deadlineIn.setDeadline(readTimeoutNanos());
        Pdu pdu;
        try {
            if (decoder.readHeader() < 0) {
                machine.fire(Event.EVT17, null);
                return;
            }
            pdu = decoder.readBody();
        } catch (SocketTimeoutException e) {
            if (machine.isArtimRunning()) {
                machine.fire(Event.EVT18, null);
                return;
            }
            throw new IOException("no PDU from peer within the timeout", e);
        } catch (PduException e) {
            throw e;
        } catch (IOException e) {
            if (machine.state() != State.STA1) {
                machine.fire(Event.EVT17, null);
            }
            return;
        }
        machine.fire(eventFor(pdu), pdu);
    }

    private long readTimeoutNanos() {
        if (machine.isArtimRunning()) {
            return Math.max(1, artimDeadlineNanos - System.nanoTime());
        }
        return machine.state() == State.STA6 ? settings.dimseTimeout().toNanos() : settings.acseTimeout().toNanos();
    }

    private static Event eventFor(Pdu pdu) {
        if (pdu instanceof AAssociateRQ) {
            return Event.EVT6;
        } else if (pdu instanceof AAssociateAC) {
            return Event.EVT3;
        } else if (pdu instanceof AAssociateRJ) {
            return Event.EVT4;
        } else if (pdu instanceof PDataTF) {
            return Event.EVT10;
        } else if (pdu instanceof AReleaseRQ) {
            return Event.EVT12;
        } else if (pdu instanceof AReleaseRP) {
            return Event.EVT13;
        }
        return Event.EVT16;
    }

    private void handleIndications() throws IOException {
        if (associateIndicated instanceof AAssociateRQ request) {
            associateIndicated = null;
            answer(request);
        }
        if (dataIndicated != null) {
            currentPdu = dataIndicated;
            nextPdv = 0;
            dataIndicated = null;
        }
        if (releaseIndicated) {
            releaseIndicated = false;
            awaitOutstandingOperations();
            State s = machine.state();
            if (s == State.STA8 || s == State.STA9 || s == State.STA12) {
                machine.fire(Event.EVT14, null);
            }
        }
    }

    private void answer(AAssociateRQ request) {
        this.rq = request;
        AssociationDecision decision;
        try {
            decision = handler.negotiate(this, request);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "{0}: negotiation failed", this, e);
            decision = AssociationDecision.reject(AssociationDecision.Rejection.NO_REASON_GIVEN);
        }
        if (decision instanceof AssociationDecision.Accept accept) {
            AAssociateAC ac = Negotiation.accept(request, accept.contexts(), accept.settings(), accept.roles());
            established(request, ac, request.userInformation().maxPduLength());
            machine.fire(Event.EVT7, ac);
        } else {
            this.rj = ((AssociationDecision.Reject) decision).rejection().pdu();
            machine.fire(Event.EVT8, rj);
        }
        negotiated.countDown();
    }

    /**
     * Records the negotiated contexts, with the abstract syntax of each taken from the request (an AC does
     * not repeat it), and the peer's maximum PDU length, which bounds what we send.
     */
    private void established(AAssociateRQ request, AAssociateAC accept, long peerMaxPduLength) {
        this.ac = accept;
        this.peerMaxPdu = peerMaxPduLength;
        for (PresentationContext pc : accept.presentationContexts()) {
            PresentationContext proposed = request.presentationContext(pc.id());
            if (pc.isAccepted() && proposed != null) {
                contexts.put(pc.id(), PresentationContext.accepted(pc.id(), proposed.abstractSyntax(),
                        pc.transferSyntax()));
            }
        }
    }

    /** PS3.7 §9.1.1.2 lets a peer release only when its operations are done; wait a bounded time for ours. */
    private void awaitOutstandingOperations() {
        operations.awaitPerformed(settings.dimseTimeout());
    }

    /** The next PDV of the message being assembled, reading further PDUs as needed. */
    PDataTF.Pdv nextPdv() throws IOException {
        while (currentPdu == null || nextPdv >= currentPdu.pdvs().size()) {
            currentPdu = null;
            step();
            if (dataIndicated != null) {
                currentPdu = dataIndicated;
                nextPdv = 0;
                dataIndicated = null;
            } else if (machine.state() != State.STA6 && machine.state() != State.STA7) {
                handleIndications();
                throw new IOException("association ended in the middle of a DIMSE message ("
                        + machine.state().description() + ")");
            }
        }
        return currentPdu.pdvs().get(nextPdv++);
    }

    private void onMessageStart(PDataTF.Pdv first) throws IOException {
        if (!first.command()) {
            throw new PduException(AAbort.UNEXPECTED_PDU_PARAMETER, "data set fragment without a command");
        }
        int pcid = first.presentationContextId();
        PresentationContext pc = contexts.get(pcid);
        if (pc == null) {
            throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE,
                    "message on presentation context " + pcid + ", which was not accepted");
        }
        ByteArrayOutputStream cmdBytes = new ByteArrayOutputStream(256);
        PDataTF.Pdv pdv = first;
        while (true) {
            if (!pdv.command() || pdv.presentationContextId() != pcid) {
                throw new PduException(AAbort.UNEXPECTED_PDU_PARAMETER, "command fragments interrupted");
            }
            if (cmdBytes.size() + pdv.length() > MAX_COMMAND_LENGTH) {
                throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE,
                        "command set longer than " + MAX_COMMAND_LENGTH + " bytes");
            }
            cmdBytes.write(pdv.buffer(), pdv.offset(), pdv.length());
            if (pdv.last()) {
                break;
            }
            pdv = nextPdv();
        }
        Attributes command = new DicomInputStream(new ByteArrayInputStream(cmdBytes.toByteArray()),
                TransferSyntax.IMPLICIT_LE, MAX_COMMAND_LENGTH).readDataset();
        PdvInputStream data = Commands.hasDataset(command) ? new PdvInputStream(this, pcid) : null;
        dispatch(pc, command, data);
        if (data != null) {
            data.skipRest();
        }
    }

    private void dispatch(PresentationContext pc, Attributes command, PdvInputStream data) throws IOException {
        int field = command.getInt(Tag.CommandField, -1);
        Dimse dimse = Dimse.ofCommandField(field);
        if (dimse == Dimse.C_CANCEL_RQ) {
            operations.cancel(command.getInt(Tag.MessageIDBeingRespondedTo, -1));
        } else if (dimse != null && !dimse.isRequest()) {
            onResponse(command, data);
        } else if (dimse == null || handler == null) {
            LOG.log(Level.INFO, "{0}: unsupported command field 0x{1}", this, Integer.toHexString(field));
            if (data != null) {
                data.skipRest();
            }
            if (field >= 0 && (field & 0x8000) == 0) {
                Attributes rsp = new Attributes(false, 6);
                rsp.setInt(Tag.CommandField, VR.US, field | 0x8000);
                rsp.setInt(Tag.MessageIDBeingRespondedTo, VR.US, command.getInt(Tag.MessageID, 0));
                rsp.setInt(Tag.CommandDataSetType, VR.US, Commands.NO_DATASET);
                rsp.setInt(Tag.Status, VR.US, Status.UNRECOGNIZED_OPERATION);
                writeMessage(pc, rsp, null);
            }
        } else {
            try {
                handler.onRequest(this, pc, command, data);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "{0}: {1} failed", this, dimse, e);
                if (data != null) {
                    data.skipRest();
                }
                writeMessage(pc, Commands.response(command, Status.PROCESSING_FAILURE, e.toString()), null);
            }
        }
    }

    private void onResponse(Attributes command, PdvInputStream data) throws IOException {
        int id = command.getInt(Tag.MessageIDBeingRespondedTo, -1);
        ResponseHandler rh = operations.responseHandler(id, Status.isPending(Commands.status(command)));
        if (rh == null) {
            LOG.log(Level.INFO, "{0}: response to unknown message ID {1}", this, id);
            return;
        }
        rh.onResponse(this, command, data);
    }

    private int maxFragmentLength() {
        long peer = peerMaxPdu == 0 ? settings.maxPduLength() : peerMaxPdu;
        // PDV item header: 4 bytes length, presentation context ID, message control header.
        return (int) Math.min(Integer.MAX_VALUE - 6, Math.max(peer, AssociationSettings.MIN_PDU_LENGTH) - 6);
    }

    /**
     * Sends A-ABORT and closes at once rather than waiting in Sta13 for the peer to close: a peer that
     * sent garbage or went silent would only keep the connection, and a thread, busy until ARTIM expires.
     */
    private void abortAndClose(Event event, Pdu abort) {
        try {
            machine.fire(event, abort);
        } catch (IllegalStateException e) {
            LOG.log(Level.DEBUG, "{0}: {1}", this, e.getMessage());
        }
        closeQuietly(socket);
        forceIdle();
    }

    /** After an event the machine cannot take, nothing more can be said on this connection: end it. */
    private void forceIdle() {
        if (machine.state() != State.STA1) {
            try {
                machine.fire(Event.EVT17, null);
            } catch (IllegalStateException ignored) {
                // STA1 already, or STA4: the reader loop exits once the socket is closed
            }
        }
    }

    private void finish() {
        closeQuietly(socket);
        negotiated.countDown();
        operations.closeAll(this);
        closed.countDown();
        if (handler != null) {
            try {
                handler.onClose(this);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "{0}: onClose failed", this, e);
            }
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
    }

    @Override
    public String toString() {
        AAssociateRQ r = rq;
        return r == null ? "Association#" + serial
                : "Association#" + serial + "[" + r.callingAETitle() + (requestor ? "<-" : "->") + r.calledAETitle() + "]";
    }

    /** The machine's effects, bound to this association's socket and indication fields. */
    private final class MachineEffects implements Effects {
        @Override
        public void connectTransport() {
            // connect() opens the socket itself, then fires EVT2
        }

        @Override
        public void send(Pdu pdu) {
            writeLock.lock();
            try {
                PduEncoder.write(pdu, out);
                out.flush();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "{0}: cannot send {1}: {2}", Association.this, pdu.getClass().getSimpleName(),
                        e.toString());
                closeQuietly(socket);
            } finally {
                writeLock.unlock();
            }
        }

        @Override
        public void closeTransport() {
            closeQuietly(socket);
        }

        @Override
        public void startArtim() {
            artimDeadlineNanos = System.nanoTime() + settings.acseTimeout().toNanos();
        }

        @Override
        public void stopArtim() {
            artimDeadlineNanos = 0;
        }

        @Override
        public void associateIndication(Pdu pdu) {
            if (pdu instanceof AAssociateRQ) {
                associateIndicated = pdu;
            } else {
                if (pdu instanceof AAssociateAC accept) {
                    established(rq, accept, accept.userInformation().maxPduLength());
                } else {
                    rj = (AAssociateRJ) pdu;
                }
                negotiated.countDown();
            }
        }

        @Override
        public void dataIndication(Pdu pdu) {
            dataIndicated = (PDataTF) pdu;
        }

        @Override
        public void releaseIndication() {
            releaseIndicated = true;
        }

        @Override
        public void releaseConfirmation() {
            if (machine.isRequestor()) {
                return; // AR-3: the reader closes the transport next and finish() signals release()
            }
            releaseIndicated = true; // AR-10: acceptor side of a collision still owes its A-RELEASE-RP
        }

        @Override
        public void abortIndication(Pdu abortOrNull) {
            abortReceived = abortOrNull;
            LOG.log(Level.DEBUG, "{0}: aborted{1}", Association.this,
                    abortOrNull == null ? " by provider" : " by peer " + abortOrNull);
        }
    }
}
