package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qrarchive.it.support.ArchiveRest;
import org.qrarchive.it.support.BulkFixture;
import org.qrarchive.it.support.Dcmtk;
import org.qrarchive.it.support.Deployments;
import org.qrarchive.it.support.FindChecks;
import org.qrarchive.it.support.FindScu;
import org.qrarchive.it.support.FindScu.Model;
import org.qrarchive.it.support.FindScu.Options;
import org.qrarchive.it.support.FindScu.Query;
import org.qrarchive.it.support.ServerHeap;
import org.qrarchive.it.support.StoreChecks;

/**
 * C-FIND with many matches: C-CANCEL in the middle of thousands of responses, and one query answered with
 * 10,000 pending responses while the server's heap is watched.
 *
 * <p>Fixture: {@link BulkFixture}, 10,000 tiny objects in 10,000 studies of one patient (stored once with one
 * storescu association, then reused by later runs while the test server's data lives).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FindBulkIT {

    /** Studies in the bulk fixture ({@code -Dqr.it.find.bulk.count} to change it). */
    private static final int COUNT = Integer.getInteger("qr.it.find.bulk.count", 10_000);

    private static BulkFixture bulk;
    private static Path work;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void storeBulkFixture() throws Exception {
        for (String tool : List.of("findscu", "storescu", "dump2dcm")) {
            Dcmtk.require(tool);
        }
        work = Files.createTempDirectory("qr-find-bulk-it-");
        bulk = new BulkFixture(COUNT);
        BulkFixture.Outcome outcome = bulk.ensureStored(work);
        System.out.println("FindBulkIT: bulk fixture of " + COUNT + " studies: " + outcome);
    }

    @AfterAll
    static void cleanUp() {
        StoreChecks.deleteTree(work);
    }

    private static Query allStudies() {
        return FindScu.query(Model.STUDY_ROOT).level("STUDY").key("PatientID", bulk.patientId())
                .key("StudyInstanceUID");
    }

    /**
     * findscu --cancel 10 sends a C-CANCEL-RQ after the 10th pending response: the query ends with FE00 before
     * all matches were sent, and a second query on the same association is answered completely.
     */
    @Test
    void cancelStopsTheResponsesAndTheAssociationGoesOn() {
        Set<String> three = new TreeSet<>(List.of(bulk.studyUid(0), bulk.studyUid(COUNT / 2),
                bulk.studyUid(COUNT - 1)));
        Query second = FindScu.query(Model.STUDY_ROOT).level("STUDY").key("StudyInstanceUID", FindScu.join(three));
        FindScu.Result r = FindScu.run(work, Options.DEFAULT.withExtract(false).withCancelAfter(10)
                .withTimeout(Duration.ofMinutes(3)), List.of(allStudies(), second));
        String d = r.describe();
        assertEquals(2, r.outcomes().size(), () -> "two queries on one association\n" + d);
        FindScu.Outcome canceled = r.outcomes().get(0);
        FindScu.Outcome after = r.outcomes().get(1);
        System.out.printf("FindBulkIT: C-CANCEL after response 10 of %d matches: %d pending responses received, "
                + "final status %s%n", COUNT, canceled.pendingCount(), FindChecks.hex(canceled.status()));
        assertAll(d,
                () -> assertEquals(0, r.process().exitCode(), "findscu exit code"),
                () -> assertTrue(canceled.cancelSent(), "findscu sent the C-CANCEL-RQ"),
                () -> assertEquals(FindChecks.hex(FindScu.CANCEL), FindChecks.hex(canceled.status()),
                        "final status of the canceled query"),
                () -> assertTrue(canceled.pendingCount() >= 10, "at least the 10 responses before the cancel"),
                () -> assertTrue(canceled.pendingCount() < COUNT, "fewer than all " + COUNT + " matches"),
                () -> assertEquals(FindChecks.hex(FindScu.SUCCESS), FindChecks.hex(after.status()),
                        "second query on the same association"),
                () -> assertEquals(3, after.pendingCount(), "pending responses of the second query"),
                () -> assertEquals(three, new TreeSet<>(after.printedStudyUids()), "studies of the second query"));
    }

    /**
     * findscu killed (SIGKILL, no release, no abort) while the archive sends the matches: the archive notices,
     * stops, ends the association and answers the next query.
     */
    @Test
    void aPeerThatVanishesMidQueryFreesItsAssociation() throws Exception {
        Path dir = Files.createTempDirectory(work, "vanish-");
        List<String> command = FindScu.command(dir, Options.DEFAULT, allStudies());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("findscu.out").toFile());
        builder.environment().put("TCP_NODELAY", "1");
        Process findscu = builder.start();
        Path marker = dir.resolve("rsp0100.dcm");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(marker) && findscu.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        findscu.destroyForcibly();
        findscu.waitFor();
        long received;
        try (var files = Files.list(dir)) {
            received = files.filter(p -> p.getFileName().toString().startsWith("rsp")).count();
        }
        System.out.printf("FindBulkIT: findscu killed after %d of %d responses%n", received, COUNT);
        assertTrue(received >= 100 && received < COUNT, "killed in the middle of the responses: " + received);

        long t0 = System.nanoTime();
        ArchiveRest.awaitNoAssociations(Duration.ofSeconds(30));
        System.out.printf("FindBulkIT: the archive ended the association %d ms after the kill%n",
                (System.nanoTime() - t0) / 1_000_000);
        Set<String> one = Set.of(bulk.studyUid(7));
        FindScu.Result next = FindScu.query(Model.STUDY_ROOT).level("STUDY").key("StudyInstanceUID", bulk.studyUid(7))
                .run(work);
        FindChecks.assertMatches(next, "STUDY", "StudyInstanceUID", one);
    }

    /**
     * One query matching all 10,000 studies: 10,000 pending responses with exactly the fixture's Study
     * Instance UIDs, then Success; meanwhile the server's heap, read through the management API (every 200 ms,
     * and after a full GC every 800 ms), stays well below its maximum (-Xmx1g in arquillian.xml): the archive
     * pages through the matches instead of holding them all.
     */
    @Test
    void tenThousandMatchesWithBoundedHeap() {
        ServerHeap.Usage before = ServerHeap.read();
        FindScu.Result r;
        ServerHeap.Sampler sampler = ServerHeap.sample(200, 4);
        try {
            r = FindScu.run(work, Options.DEFAULT.withDebug(false).withTimeout(Duration.ofMinutes(5)),
                    List.of(allStudies().key("StudyDate")));
        } finally {
            sampler.close();
        }
        ServerHeap.Usage after = ServerHeap.read();
        List<ServerHeap.Usage> samples = sampler.samples();
        ServerHeap.Usage peak = sampler.peak();
        System.out.printf("FindBulkIT: %d matches: findscu took %d ms, %d pending responses, final %s%n", COUNT,
                r.process().elapsed().toMillis(), r.pendingCount(), r.outcome().finalText());
        List<ServerHeap.Usage> live = sampler.live();
        ServerHeap.Usage livePeak = live.stream().max(java.util.Comparator.comparingLong(ServerHeap.Usage::used))
                .orElse(null);
        System.out.println("FindBulkIT: heap before: " + before + "; after: " + after + "; peak during the query: "
                + peak + "; live (after a full GC) peak: " + livePeak + "; " + samples.size() + " samples: " + samples
                + "; live: " + live);

        String d = r.describe();
        assertEquals(FindScu.SUCCESS, r.status(), () -> "final status\n" + d);
        assertAll(d,
                () -> assertEquals(COUNT, r.pendingCount(), "pending responses"),
                () -> assertEquals(COUNT, r.responses().size(), "rsp files"),
                () -> assertEquals(bulk.studyUids(), new TreeSet<>(r.values("StudyInstanceUID")),
                        "Study Instance UIDs"));
        for (int i : new int[] {0, COUNT / 3, COUNT - 1}) {
            FindScu.Response rsp = r.response("StudyInstanceUID", bulk.studyUid(i));
            assertEquals(bulk.studyDate(i), rsp.string("StudyDate"), () -> "StudyDate of study " + i + ": " + rsp);
        }

        assertFalse(samples.isEmpty(), () -> "no heap sample: " + sampler.failures());
        assertFalse(live.isEmpty(), () -> "no reading after a GC: " + sampler.failures());
        assertNotNull(peak);
        // raw readings include garbage not collected yet (G1 lets it grow up to the committed size): 3/4 of the
        // maximum; what the archive really holds (after a full GC): below 3/8 of it
        assertTrue(peak.used() < peak.max() * 3 / 4, () -> "peak heap " + peak + " not below 3/4 of the maximum; "
                + "samples " + samples);
        assertTrue(livePeak.used() < livePeak.max() * 3 / 8, () -> "live heap " + livePeak + " not below 3/8 of the "
                + "maximum; live readings " + live);
    }
}
