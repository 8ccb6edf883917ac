package org.qrarchive.dicom.net.ul;

import org.qrarchive.dicom.net.pdu.AAbort;
import org.qrarchive.dicom.net.pdu.AAssociateAC;
import org.qrarchive.dicom.net.pdu.AAssociateRJ;
import org.qrarchive.dicom.net.pdu.AAssociateRQ;
import org.qrarchive.dicom.net.pdu.AReleaseRP;
import org.qrarchive.dicom.net.pdu.AReleaseRQ;
import org.qrarchive.dicom.net.pdu.Pdu;

/**
 * The upper layer protocol machine of PS3.8 §9.2 for one association, in either role.
 *
 * <p>Events are fired by the reader (PDUs received, transport closed, timer expired) and by the local
 * user (requests and responses); {@link #fire} is synchronized so both may call it. Effects run under
 * that lock, except P-DATA: for {@link Event#EVT9} the caller writes the data itself after {@code fire}
 * returned, so that a slow peer never blocks the reader behind a large write.
 */
public final class StateMachine {
    private final boolean requestor;
    private final Effects effects;
    private State state = State.STA1;
    private boolean artimRunning;

    public StateMachine(boolean requestor, Effects effects) {
        this.requestor = requestor;
        this.effects = effects;
    }

    public synchronized State state() {
        return state;
    }

    public boolean isRequestor() {
        return requestor;
    }

    public synchronized boolean isArtimRunning() {
        return artimRunning;
    }

    /**
     * Handles an event.
     *
     * @param pdu the PDU received (EVT3, 4, 6, 10, 12, 13, 16), or to send (EVT7 the AC, EVT8 the RJ,
     *            EVT15 the A-ABORT, EVT19 the A-ABORT whose reason describes the fault); may be null
     * @return the action taken
     * @throws IllegalStateException when the event is not valid in the current state (a local user error;
     *                               PS3.8 leaves those cells empty)
     */
    public synchronized Action fire(Event event, Pdu pdu) {
        Action action = TransitionTable.lookup(event, state);
        if (action == null) {
            throw new IllegalStateException(event + " (" + event.description() + ") is not valid in " + state
                    + " (" + state.description() + ")");
        }
        state = perform(action, event, pdu);
        return action;
    }

    private State perform(Action action, Event event, Pdu pdu) {
        switch (action) {
            case AE_1:
                effects.connectTransport();
                return State.STA4;
            case AE_2:
                effects.send(pdu);
                return State.STA5;
            case AE_3:
                effects.associateIndication(pdu);
                return State.STA6;
            case AE_4:
                effects.associateIndication(pdu);
                effects.closeTransport();
                return State.STA1;
            case AE_5:
                startArtim();
                return State.STA2;
            case AE_6:
                stopArtim();
                if ((((AAssociateRQ) pdu).protocolVersion() & 1) == 0) {
                    effects.send(AAssociateRJ.protocolVersionNotSupported());
                    startArtim();
                    return State.STA13;
                }
                effects.associateIndication(pdu);
                return State.STA3;
            case AE_7:
                effects.send((AAssociateAC) pdu);
                return State.STA6;
            case AE_8:
                effects.send((AAssociateRJ) pdu);
                startArtim();
                return State.STA13;
            case DT_1:
                return State.STA6;
            case DT_2:
                effects.dataIndication(pdu);
                return State.STA6;
            case AR_1:
                effects.send(new AReleaseRQ());
                return State.STA7;
            case AR_2:
                effects.releaseIndication();
                return State.STA8;
            case AR_3:
                effects.releaseConfirmation();
                effects.closeTransport();
                return State.STA1;
            case AR_4:
                effects.send(new AReleaseRP());
                startArtim();
                return State.STA13;
            case AR_5:
                stopArtim();
                return State.STA1;
            case AR_6:
                effects.dataIndication(pdu);
                return State.STA7;
            case AR_7:
                return State.STA8;
            case AR_8:
                effects.releaseIndication();
                return requestor ? State.STA9 : State.STA10;
            case AR_9:
                effects.send(new AReleaseRP());
                return State.STA11;
            case AR_10:
                effects.releaseConfirmation();
                return State.STA12;
            case AA_1:
                effects.send(abortToSend(event, pdu));
                startArtim();
                return State.STA13;
            case AA_2:
                stopArtim();
                effects.closeTransport();
                return State.STA1;
            case AA_3:
                effects.abortIndication(pdu);
                effects.closeTransport();
                return State.STA1;
            case AA_4:
                effects.abortIndication(null);
                return State.STA1;
            case AA_5:
                stopArtim();
                return State.STA1;
            case AA_6:
                return State.STA13;
            case AA_7:
                effects.send(abortToSend(event, pdu));
                return State.STA13;
            case AA_8:
                effects.send(abortToSend(event, pdu));
                effects.abortIndication(null);
                startArtim();
                return State.STA13;
            default:
                throw new AssertionError(action);
        }
    }

    /**
     * The A-ABORT to send: the caller's for a local abort (EVT15) or an invalid PDU (EVT19); for a PDU
     * that is valid but unexpected in this state, a provider abort saying so.
     */
    private static AAbort abortToSend(Event event, Pdu pdu) {
        if (pdu instanceof AAbort abort && (event == Event.EVT15 || event == Event.EVT19)) {
            return abort;
        }
        if (event == Event.EVT15) {
            return AAbort.byUser();
        }
        return AAbort.byProvider(event == Event.EVT19 ? AAbort.REASON_NOT_SPECIFIED : AAbort.UNEXPECTED_PDU);
    }

    private void startArtim() {
        artimRunning = true;
        effects.startArtim();
    }

    private void stopArtim() {
        if (artimRunning) {
            artimRunning = false;
            effects.stopArtim();
        }
    }
}
