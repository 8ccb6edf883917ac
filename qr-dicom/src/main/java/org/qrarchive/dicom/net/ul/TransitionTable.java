package org.qrarchive.dicom.net.ul;

import static org.qrarchive.dicom.net.ul.Action.*;
import static org.qrarchive.dicom.net.ul.State.*;

import java.util.EnumMap;
import java.util.Map;

/** PS3.8 Table 9-10: which action an event triggers in each state. Empty cells are absent. */
final class TransitionTable {
    private static final State[] STA6_TO_12 = {STA6, STA7, STA8, STA9, STA10, STA11, STA12};
    private static final Map<Event, Map<State, Action>> TABLE = new EnumMap<>(Event.class);

    static {
        row(Event.EVT1).put(STA1, AE_1);
        row(Event.EVT2).put(STA4, AE_2);
        unexpectedPdu(Event.EVT3).put(STA5, AE_3);
        unexpectedPdu(Event.EVT4).put(STA5, AE_4);
        row(Event.EVT5).put(STA1, AE_5);
        Map<State, Action> evt6 = unexpectedPdu(Event.EVT6);
        evt6.put(STA2, AE_6);
        evt6.put(STA13, AA_7);
        row(Event.EVT7).put(STA3, AE_7);
        row(Event.EVT8).put(STA3, AE_8);
        Map<State, Action> evt9 = row(Event.EVT9);
        evt9.put(STA6, DT_1);
        evt9.put(STA8, AR_7);
        Map<State, Action> evt10 = unexpectedPdu(Event.EVT10);
        evt10.put(STA6, DT_2);
        evt10.put(STA7, AR_6);
        row(Event.EVT11).put(STA6, AR_1);
        Map<State, Action> evt12 = unexpectedPdu(Event.EVT12);
        evt12.put(STA6, AR_2);
        evt12.put(STA7, AR_8);
        Map<State, Action> evt13 = unexpectedPdu(Event.EVT13);
        evt13.put(STA7, AR_3);
        evt13.put(STA10, AR_10);
        evt13.put(STA11, AR_3);
        Map<State, Action> evt14 = row(Event.EVT14);
        evt14.put(STA8, AR_4);
        evt14.put(STA9, AR_9);
        evt14.put(STA12, AR_4);
        Map<State, Action> evt15 = row(Event.EVT15);
        evt15.put(STA3, AA_1);
        evt15.put(STA4, AA_2);
        evt15.put(STA5, AA_1);
        forEach(STA6_TO_12, s -> evt15.put(s, AA_1));
        Map<State, Action> evt16 = row(Event.EVT16);
        evt16.put(STA2, AA_2);
        evt16.put(STA3, AA_3);
        evt16.put(STA5, AA_3);
        forEach(STA6_TO_12, s -> evt16.put(s, AA_3));
        evt16.put(STA13, AA_2);
        Map<State, Action> evt17 = row(Event.EVT17);
        evt17.put(STA2, AA_5);
        evt17.put(STA3, AA_4);
        evt17.put(STA4, AA_4);
        evt17.put(STA5, AA_4);
        forEach(STA6_TO_12, s -> evt17.put(s, AA_4));
        evt17.put(STA13, AR_5);
        Map<State, Action> evt18 = row(Event.EVT18);
        evt18.put(STA2, AA_2);
        evt18.put(STA13, AA_2);
        Map<State, Action> evt19 = unexpectedPdu(Event.EVT19);
        evt19.put(STA13, AA_7);
    }

    private TransitionTable() {
    }

    static Action lookup(Event event, State state) {
        return TABLE.get(event).get(state);
    }

    private static Map<State, Action> row(Event event) {
        return TABLE.computeIfAbsent(event, e -> new EnumMap<>(State.class));
    }

    /**
     * The pattern shared by the PDU-received events: in Sta2 abort (AA-1), in Sta3, Sta5 and Sta6-12 abort
     * with a provider indication (AA-8), in Sta13 ignore (AA-6). Callers overwrite the valid cells.
     */
    private static Map<State, Action> unexpectedPdu(Event event) {
        Map<State, Action> row = row(event);
        row.put(STA2, AA_1);
        row.put(STA3, AA_8);
        row.put(STA5, AA_8);
        forEach(STA6_TO_12, s -> row.put(s, AA_8));
        row.put(STA13, AA_6);
        return row;
    }

    private static void forEach(State[] states, java.util.function.Consumer<State> action) {
        for (State s : states) {
            action.accept(s);
        }
    }
}
