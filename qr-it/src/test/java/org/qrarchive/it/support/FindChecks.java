package org.qrarchive.it.support;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.function.Executable;

/** Assertions on findscu results shared by the C-FIND tests. */
public final class FindChecks {

    private FindChecks() {
    }

    /**
     * The query succeeded, every pending response had status FF00, one rsp file per pending response, the
     * values of {@code keyword} over the responses are exactly {@code expected}, and every response holds
     * Specific Character Set, Query/Retrieve Level = {@code level} and Retrieve AE Title = QRSCP.
     */
    public static void assertMatches(FindScu.Result r, String level, String keyword, Set<String> expected) {
        assertMatches(r, level, keyword, expected, FindScu.PENDING);
    }

    /** {@link #assertMatches} with the pending status expected ({@code FF00} or {@code FF01}). */
    public static void assertMatches(FindScu.Result r, String level, String keyword, Set<String> expected,
            int pendingStatus) {
        assertMatches(r, level, keyword, expected, pendingStatus, ItConfig.AE_TITLE);
    }

    /** {@link #assertMatches} of a query to the archive AE title {@code retrieveAe}. */
    public static void assertMatches(FindScu.Result r, String level, String keyword, Set<String> expected,
            int pendingStatus, String retrieveAe) {
        String d = r.describe();
        assertEquals(FindScu.SUCCESS, r.status(), () -> "final status 0x" + Integer.toHexString(r.status()) + "\n" + d);
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(r.pendingCount(), r.responses().size(), "rsp files vs pending responses"));
        checks.add(() -> assertEquals(new TreeSet<>(expected), new TreeSet<>(r.values(keyword)),
                keyword + " of the matches"));
        checks.add(() -> assertTrue(r.outcome().pendingStatuses().stream().allMatch(s -> s == pendingStatus),
                "pending statuses " + hex(r.outcome().pendingStatuses()) + ", expected all 0x"
                        + Integer.toHexString(pendingStatus)));
        for (FindScu.Response rsp : r.responses()) {
            checks.add(() -> assertTrue(rsp.has("SpecificCharacterSet"), "SpecificCharacterSet in " + rsp));
            checks.add(() -> assertEquals(level, rsp.string("QueryRetrieveLevel"), "QueryRetrieveLevel in " + rsp));
            checks.add(() -> assertEquals(retrieveAe, rsp.string("RetrieveAETitle"), "RetrieveAETitle in " + rsp));
        }
        assertAll(d, checks);
    }

    /** The query was refused with {@code status}: no pending response, no rsp file, an Error Comment. */
    public static void assertRefused(FindScu.Result r, int status) {
        String d = r.describe();
        assertAll(d,
                () -> assertEquals(hex(status), hex(r.status()), "final status"),
                () -> assertEquals(0, r.pendingCount(), "pending responses"),
                () -> assertEquals(0, r.responses().size(), "rsp files"),
                () -> assertNotNull(r.outcome().errorComment(), "Error Comment"),
                () -> assertFalse(r.noAcceptableContexts(), "association accepted"));
    }

    /** Refused with {@code status}, naming {@code offending} ("(0008,0052)") as the Offending Element. */
    public static void assertRefused(FindScu.Result r, int status, String offending) {
        assertRefused(r, status);
        assertEquals(offending, r.outcome().offendingElement(), () -> "Offending Element\n" + r.describe());
    }

    public static String hex(int status) {
        return String.format("0x%04X", status);
    }

    public static List<String> hex(List<Integer> statuses) {
        return statuses.stream().map(FindChecks::hex).distinct().toList();
    }

    public static Set<String> setOf(String... values) {
        return new TreeSet<>(List.of(values));
    }
}
