package org.qrarchive.dicom.net.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.qrarchive.dicom.net.pdu.AAbort;
import org.qrarchive.dicom.net.pdu.AAssociateAC;
import org.qrarchive.dicom.net.pdu.AAssociateRJ;
import org.qrarchive.dicom.net.pdu.AAssociateRQ;
import org.qrarchive.dicom.net.pdu.AReleaseRP;
import org.qrarchive.dicom.net.pdu.AReleaseRQ;
import org.qrarchive.dicom.net.pdu.PDataTF;
import org.qrarchive.dicom.net.pdu.Pdu;
import org.qrarchive.dicom.net.pdu.PresentationContext;
import org.qrarchive.dicom.net.pdu.UserInformation;

/**
 * The upper layer protocol machine against PS3.8 §9.2: the actions of Tables 9-6 to 9-9 as effects recorded
 * by {@link RecordingEffects}, and every cell of the state transition table, Table 9-10.
 */
class StateMachineTest {
    private static final String VERIFICATION = "1.2.840.10008.1.1";
    private static final AAssociateRQ RQ = request(1);
    private static final AAssociateAC AC = new AAssociateAC(1, "ARCHIVE", "MODALITY", "1.2.840.10008.3.1.1.1",
            List.of(PresentationContext.accepted(1, VERIFICATION, "1.2.840.10008.1.2")),
            new UserInformation(16384, null, null));
    private static final AAssociateRJ RJ = AAssociateRJ.calledAETitleNotRecognized();
    private static final PDataTF PDATA = new PDataTF(List.of(PDataTF.Pdv.of(1, true, true, new byte[] {1, 2})));
    private static final AAbort USER_ABORT = AAbort.byUser();

    private final RecordingEffects effects = new RecordingEffects();
    private StateMachine machine;

    // ------------------------------------------------------------------ normal paths

    @Test
    void acceptorHappyPath() {
        machine = new StateMachine(false, effects);

        fire(Event.EVT5, null, Action.AE_5, State.STA2, "startArtim");
        assertTrue(machine.isArtimRunning());
        fire(Event.EVT6, RQ, Action.AE_6, State.STA3, "stopArtim", "associateIndication A-ASSOCIATE-RQ");
        assertFalse(machine.isArtimRunning());
        assertSame(RQ, effects.indicated.get(0));
        fire(Event.EVT7, AC, Action.AE_7, State.STA6, "send A-ASSOCIATE-AC");
        assertSame(AC, effects.sent.get(0));
        fire(Event.EVT10, PDATA, Action.DT_2, State.STA6, "dataIndication P-DATA-TF");
        assertSame(PDATA, effects.indicated.get(1));
        fire(Event.EVT12, new AReleaseRQ(), Action.AR_2, State.STA8, "releaseIndication");
        fire(Event.EVT14, null, Action.AR_4, State.STA13, "send A-RELEASE-RP", "startArtim");
        assertTrue(machine.isArtimRunning());
        fire(Event.EVT17, null, Action.AR_5, State.STA1, "stopArtim");
        assertFalse(machine.isArtimRunning());
    }

    @Test
    void requestorHappyPath() {
        machine = new StateMachine(true, effects);

        fire(Event.EVT1, null, Action.AE_1, State.STA4, "connectTransport");
        fire(Event.EVT2, RQ, Action.AE_2, State.STA5, "send A-ASSOCIATE-RQ");
        assertSame(RQ, effects.sent.get(0));
        fire(Event.EVT3, AC, Action.AE_3, State.STA6, "associateIndication A-ASSOCIATE-AC");
        assertSame(AC, effects.indicated.get(0));
        fire(Event.EVT9, null, Action.DT_1, State.STA6);
        fire(Event.EVT11, null, Action.AR_1, State.STA7, "send A-RELEASE-RQ");
        fire(Event.EVT10, PDATA, Action.AR_6, State.STA7, "dataIndication P-DATA-TF");
        fire(Event.EVT13, new AReleaseRP(), Action.AR_3, State.STA1, "releaseConfirmation", "closeTransport");
        assertFalse(machine.isArtimRunning());
    }

    @Test
    void requestorRejectedClosesTheTransport() {
        machine = inState(true, State.STA5);

        fire(Event.EVT4, RJ, Action.AE_4, State.STA1, "associateIndication A-ASSOCIATE-RJ", "closeTransport");
    }

    @Test
    void acceptorRejectingSendsRjAndWaitsForTheClose() {
        machine = inState(false, State.STA3);

        fire(Event.EVT8, RJ, Action.AE_8, State.STA13, "send A-ASSOCIATE-RJ", "startArtim");
        assertSame(RJ, effects.sent.get(0));
    }

    @Test
    void dataMayStillBeSentAfterReceivingReleaseRequest() {
        machine = inState(false, State.STA8);

        fire(Event.EVT9, null, Action.AR_7, State.STA8);
    }

    // ------------------------------------------------------------------ release collision

    @Test
    void releaseCollisionOnTheRequestorSide() {
        machine = inState(true, State.STA7);

        fire(Event.EVT12, new AReleaseRQ(), Action.AR_8, State.STA9, "releaseIndication");
        fire(Event.EVT14, null, Action.AR_9, State.STA11, "send A-RELEASE-RP");
        fire(Event.EVT13, new AReleaseRP(), Action.AR_3, State.STA1, "releaseConfirmation", "closeTransport");
    }

    @Test
    void releaseCollisionOnTheAcceptorSide() {
        machine = inState(false, State.STA7);

        fire(Event.EVT12, new AReleaseRQ(), Action.AR_8, State.STA10, "releaseIndication");
        fire(Event.EVT13, new AReleaseRP(), Action.AR_10, State.STA12, "releaseConfirmation");
        fire(Event.EVT14, null, Action.AR_4, State.STA13, "send A-RELEASE-RP", "startArtim");
        fire(Event.EVT17, null, Action.AR_5, State.STA1, "stopArtim");
    }

    // ------------------------------------------------------------------ timer, rejection by the provider, aborts

    @Test
    void artimExpiryAwaitingTheRequestClosesTheTransport() {
        machine = inState(false, State.STA2);

        fire(Event.EVT18, null, Action.AA_2, State.STA1, "stopArtim", "closeTransport");
        assertFalse(machine.isArtimRunning());
    }

    @Test
    void artimExpiryAwaitingTheCloseClosesTheTransport() {
        machine = inState(false, State.STA13);
        assertTrue(machine.isArtimRunning());

        fire(Event.EVT18, null, Action.AA_2, State.STA1, "stopArtim", "closeTransport");
        assertFalse(machine.isArtimRunning());
    }

    @Test
    void requestWithoutProtocolVersionBit0IsRejectedByTheProvider() {
        machine = inState(false, State.STA2);

        fire(Event.EVT6, request(2), Action.AE_6, State.STA13, "stopArtim", "send A-ASSOCIATE-RJ", "startArtim");

        AAssociateRJ rj = (AAssociateRJ) effects.sent.get(0);
        assertEquals(AAssociateRJ.RESULT_PERMANENT, rj.result());
        assertEquals(AAssociateRJ.SOURCE_SERVICE_PROVIDER_ACSE, rj.source());
        assertEquals(AAssociateRJ.PROTOCOL_VERSION_NOT_SUPPORTED, rj.reason());
        assertTrue(effects.indicated.isEmpty(), "the service user never sees the request");
        assertTrue(machine.isArtimRunning());
    }

    @Test
    void abortReceivedWhileEstablishedIsIndicatedAndClosesTheTransport() {
        machine = inState(false, State.STA6);
        AAbort abort = AAbort.byProvider(AAbort.UNEXPECTED_PDU);

        fire(Event.EVT16, abort, Action.AA_3, State.STA1, "abortIndication A-ABORT", "closeTransport");
        assertSame(abort, effects.indicated.get(0));
    }

    @Test
    void localAbortWhileEstablishedSendsUserAbortAndStartsArtim() {
        machine = inState(true, State.STA6);

        fire(Event.EVT15, null, Action.AA_1, State.STA13, "send A-ABORT", "startArtim");

        AAbort sent = (AAbort) effects.sent.get(0);
        assertEquals(AAbort.SOURCE_SERVICE_USER, sent.source());
        assertEquals(AAbort.REASON_NOT_SPECIFIED, sent.reason());
        assertTrue(machine.isArtimRunning());
    }

    @Test
    void localAbortSendsTheCallersAbort() {
        machine = inState(false, State.STA6);

        fire(Event.EVT15, USER_ABORT, Action.AA_1, State.STA13, "send A-ABORT", "startArtim");
        assertSame(USER_ABORT, effects.sent.get(0));
    }

    @Test
    void unexpectedPduWhileEstablishedAbortsAsProvider() {
        machine = inState(false, State.STA6);

        fire(Event.EVT3, AC, Action.AA_8, State.STA13, "send A-ABORT", "abortIndication null", "startArtim");

        AAbort sent = (AAbort) effects.sent.get(0);
        assertEquals(AAbort.SOURCE_SERVICE_PROVIDER, sent.source());
        assertEquals(AAbort.UNEXPECTED_PDU, sent.reason());
    }

    @Test
    void invalidPduAwaitingTheRequestAbortsAndRestartsArtim() {
        machine = inState(false, State.STA2);
        AAbort abort = AAbort.byProvider(AAbort.INVALID_PDU_PARAMETER_VALUE);

        fire(Event.EVT19, abort, Action.AA_1, State.STA13, "send A-ABORT", "startArtim");
        assertSame(abort, effects.sent.get(0));
        assertTrue(machine.isArtimRunning());
    }

    @Test
    void pdusAwaitingTheCloseAreIgnoredOrAnsweredWithAbort() {
        machine = inState(false, State.STA13);

        fire(Event.EVT10, PDATA, Action.AA_6, State.STA13);
        fire(Event.EVT6, RQ, Action.AA_7, State.STA13, "send A-ABORT");
        fire(Event.EVT16, USER_ABORT, Action.AA_2, State.STA1, "stopArtim", "closeTransport");
    }

    @Test
    void transportClosedWhileEstablishedIsAProviderAbortIndication() {
        machine = inState(true, State.STA6);

        fire(Event.EVT17, null, Action.AA_4, State.STA1, "abortIndication null");
    }

    @Test
    void invalidLocalEventThrowsAndLeavesTheStateAlone() {
        machine = new StateMachine(false, effects);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> machine.fire(Event.EVT9, null));

        assertTrue(e.getMessage().contains("EVT9") && e.getMessage().contains("STA1"), e.getMessage());
        assertEquals(State.STA1, machine.state());
        assertEquals(List.of(), effects.calls);
    }

    // ------------------------------------------------------------------ PS3.8 Table 9-10, cell by cell

    /**
     * PS3.8 Table 9-10 as printed in the standard: one row per event, one column per state, "." for an empty
     * cell. Written out here rather than derived from {@link TransitionTable}, so the test checks the table.
     */
    private static final String TABLE_9_10 = """
                   STA1  STA2  STA3  STA4  STA5  STA6  STA7  STA8  STA9  STA10 STA11 STA12 STA13
            EVT1   AE-1  .     .     .     .     .     .     .     .     .     .     .     .
            EVT2   .     .     .     AE-2  .     .     .     .     .     .     .     .     .
            EVT3   .     AA-1  AA-8  .     AE-3  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-6
            EVT4   .     AA-1  AA-8  .     AE-4  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-6
            EVT5   AE-5  .     .     .     .     .     .     .     .     .     .     .     .
            EVT6   .     AE-6  AA-8  .     AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-7
            EVT7   .     .     AE-7  .     .     .     .     .     .     .     .     .     .
            EVT8   .     .     AE-8  .     .     .     .     .     .     .     .     .     .
            EVT9   .     .     .     .     .     DT-1  .     AR-7  .     .     .     .     .
            EVT10  .     AA-1  AA-8  .     AA-8  DT-2  AR-6  AA-8  AA-8  AA-8  AA-8  AA-8  AA-6
            EVT11  .     .     .     .     .     AR-1  .     .     .     .     .     .     .
            EVT12  .     AA-1  AA-8  .     AA-8  AR-2  AR-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-6
            EVT13  .     AA-1  AA-8  .     AA-8  AA-8  AR-3  AA-8  AA-8  AR-10 AR-3  AA-8  AA-6
            EVT14  .     .     .     .     .     .     .     AR-4  AR-9  .     .     AR-4  .
            EVT15  .     .     AA-1  AA-2  AA-1  AA-1  AA-1  AA-1  AA-1  AA-1  AA-1  AA-1  .
            EVT16  .     AA-2  AA-3  .     AA-3  AA-3  AA-3  AA-3  AA-3  AA-3  AA-3  AA-3  AA-2
            EVT17  .     AA-5  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AR-5
            EVT18  .     AA-2  .     .     .     .     .     .     .     .     .     .     AA-2
            EVT19  .     AA-1  AA-8  .     AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-7
            """;

    /** For every (event, state) cell: a machine driven into the state fires the standard's action, or refuses. */
    @Test
    void everyCellOfTable9_10() {
        Map<Event, Map<State, Action>> table = parseTable9_10();
        int defined = 0;
        for (Event event : Event.values()) {
            for (State state : State.values()) {
                Action expected = table.get(event).get(state);
                assertEquals(expected, TransitionTable.lookup(event, state), event + " in " + state);
                StateMachine m = inState(requestorFor(state), state);
                if (expected == null) {
                    assertThrows(IllegalStateException.class, () -> m.fire(event, pduFor(event)),
                            event + " in " + state);
                    assertEquals(state, m.state(), "state unchanged after refusing " + event);
                } else {
                    assertEquals(expected, m.fire(event, pduFor(event)), event + " in " + state);
                    defined++;
                }
            }
        }
        assertEquals(123, defined, "cells PS3.8 Table 9-10 fills");
    }

    private static Map<Event, Map<State, Action>> parseTable9_10() {
        List<String> lines = TABLE_9_10.lines().toList();
        String[] states = lines.get(0).trim().split("\\s+");
        Map<Event, Map<State, Action>> table = new EnumMap<>(Event.class);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            assertEquals(states.length + 1, cells.length, line);
            Map<State, Action> row = new EnumMap<>(State.class);
            for (int i = 0; i < states.length; i++) {
                if (!cells[i + 1].equals(".")) {
                    row.put(State.valueOf(states[i]), Action.valueOf(cells[i + 1].replace('-', '_')));
                }
            }
            table.put(Event.valueOf(cells[0]), row);
        }
        assertEquals(Event.values().length, table.size());
        return table;
    }

    // ------------------------------------------------------------------ helpers

    /** Fires and checks the action, the next state and the effects, in order, that this event alone caused. */
    private void fire(Event event, Pdu pdu, Action action, State next, String... expectedEffects) {
        effects.calls.clear();
        assertEquals(action, machine.fire(event, pdu), event + " in " + machine.state());
        assertEquals(next, machine.state(), "state after " + event);
        assertEquals(List.of(expectedEffects), effects.calls, "effects of " + event);
    }

    /** The events that lead a new machine of the given role into {@code target}, through normal transitions. */
    private static List<Event> pathTo(State target, boolean requestor) {
        List<Event> establish = requestor
                ? List.of(Event.EVT1, Event.EVT2, Event.EVT3)
                : List.of(Event.EVT5, Event.EVT6, Event.EVT7);
        return switch (target) {
            case STA1 -> List.of();
            case STA2 -> List.of(Event.EVT5);
            case STA3 -> List.of(Event.EVT5, Event.EVT6);
            case STA4 -> List.of(Event.EVT1);
            case STA5 -> List.of(Event.EVT1, Event.EVT2);
            case STA6 -> establish;
            case STA7 -> concat(establish, Event.EVT11);
            case STA8 -> concat(establish, Event.EVT12);
            case STA9, STA10 -> concat(establish, Event.EVT11, Event.EVT12);
            case STA11 -> concat(establish, Event.EVT11, Event.EVT12, Event.EVT14);
            case STA12 -> concat(establish, Event.EVT11, Event.EVT12, Event.EVT13);
            case STA13 -> concat(establish, Event.EVT15);
        };
    }

    /** Which role can reach the state: only a requestor connects (STA4, 5) and resolves a collision in STA9, 11. */
    private static boolean requestorFor(State state) {
        return switch (state) {
            case STA4, STA5, STA9, STA11 -> true;
            default -> false;
        };
    }

    private StateMachine inState(boolean requestor, State target) {
        StateMachine m = new StateMachine(requestor, effects);
        for (Event event : pathTo(target, requestor)) {
            m.fire(event, pduFor(event));
        }
        assertEquals(target, m.state(), "driving a " + (requestor ? "requestor" : "acceptor") + " into " + target);
        effects.reset();
        return m;
    }

    /** The PDU an event carries: received for the PDU events, to send for EVT2, 7, 8, 15 and 19. */
    private static Pdu pduFor(Event event) {
        return switch (event) {
            case EVT2, EVT6 -> RQ;
            case EVT3, EVT7 -> AC;
            case EVT4, EVT8 -> RJ;
            case EVT10 -> PDATA;
            case EVT12 -> new AReleaseRQ();
            case EVT13 -> new AReleaseRP();
            case EVT15, EVT16 -> USER_ABORT;
            case EVT19 -> AAbort.byProvider(AAbort.UNRECOGNIZED_PDU);
            default -> null;
        };
    }

    private static AAssociateRQ request(int protocolVersion) {
        return new AAssociateRQ(protocolVersion, "ARCHIVE", "MODALITY", "1.2.840.10008.3.1.1.1",
                List.of(PresentationContext.proposed(1, VERIFICATION, "1.2.840.10008.1.2")),
                new UserInformation(16384, null, null));
    }

    private static List<Event> concat(List<Event> first, Event... more) {
        List<Event> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    /** Records each call as a short string, and keeps the PDUs sent and indicated. */
    private static final class RecordingEffects implements Effects {
        final List<String> calls = new ArrayList<>();
        final List<Pdu> sent = new ArrayList<>();
        final List<Pdu> indicated = new ArrayList<>();

        void reset() {
            calls.clear();
            sent.clear();
            indicated.clear();
        }

        @Override
        public void connectTransport() {
            calls.add("connectTransport");
        }

        @Override
        public void send(Pdu pdu) {
            sent.add(pdu);
            calls.add("send " + name(pdu));
        }

        @Override
        public void closeTransport() {
            calls.add("closeTransport");
        }

        @Override
        public void startArtim() {
            calls.add("startArtim");
        }

        @Override
        public void stopArtim() {
            calls.add("stopArtim");
        }

        @Override
        public void associateIndication(Pdu pdu) {
            indicate("associateIndication", pdu);
        }

        @Override
        public void dataIndication(Pdu pdu) {
            indicate("dataIndication", pdu);
        }

        @Override
        public void releaseIndication() {
            calls.add("releaseIndication");
        }

        @Override
        public void releaseConfirmation() {
            calls.add("releaseConfirmation");
        }

        @Override
        public void abortIndication(Pdu abortOrNull) {
            indicate("abortIndication", abortOrNull);
        }

        private void indicate(String call, Pdu pdu) {
            if (pdu != null) {
                indicated.add(pdu);
            }
            calls.add(call + " " + name(pdu));
        }

        /** The PDU's name in PS3.8, from its type. */
        private static String name(Pdu pdu) {
            if (pdu == null) {
                return "null";
            }
            return switch (pdu.type()) {
                case Pdu.A_ASSOCIATE_RQ -> "A-ASSOCIATE-RQ";
                case Pdu.A_ASSOCIATE_AC -> "A-ASSOCIATE-AC";
                case Pdu.A_ASSOCIATE_RJ -> "A-ASSOCIATE-RJ";
                case Pdu.P_DATA_TF -> "P-DATA-TF";
                case Pdu.A_RELEASE_RQ -> "A-RELEASE-RQ";
                case Pdu.A_RELEASE_RP -> "A-RELEASE-RP";
                default -> "A-ABORT";
            };
        }
    }
}
