package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qrarchive.it.support.Dcmtk;
import org.qrarchive.it.support.Deployments;
import org.qrarchive.it.support.DicomFiles;
import org.qrarchive.it.support.FindScu;
import org.qrarchive.it.support.FindScu.Model;
import org.qrarchive.it.support.FindScu.Query;
import org.qrarchive.it.support.ProcessRunner;
import org.qrarchive.it.support.StoreChecks;
import org.qrarchive.it.support.StoreScu;
import org.qrarchive.it.support.TestObjects;

/**
 * Sequence matching (PS3.4 C.2.2.2.6) with findscu: Procedure Code Sequence at study level, Request
 * Attributes Sequence at series level. Objects are made with dump2dcm; the items of each response are read
 * back with DCMTK's dcmdump.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FindSequenceIT {

    private static final String PROCEDURE_CODE = "(0008,1032)";
    private static final String REQUEST_ATTRIBUTES = "(0040,0275)";
    private static final String ITEM = "(fffe,e000) na (Item with explicit length #=1)";
    private static final String ITEM_END = "(fffe,e00d) na (ItemDelimitationItem for re-encoding)";
    private static final String SEQUENCE_END = "(fffe,e0dd) na (SequenceDelimitationItem for re-encoding)";

    private static Path work;
    private static String token;
    private static String head;
    private static String thorax;
    private static String plain;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void storeObjects() throws Exception {
        for (String tool : List.of("findscu", "storescu", "dump2dcm", "dcmdump")) {
            Dcmtk.require(tool);
        }
        work = Files.createTempDirectory("qr-find-sequence-it-");
        token = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        TestObjects objects = new TestObjects(work);
        head = TestObjects.newUid();
        thorax = TestObjects.newUid();
        plain = TestObjects.newUid();
        List<Path> files = new ArrayList<>();
        files.add(object(objects, "1", head, List.<String[]>of(code("CTHEAD", "CT Kopf")), List.of("SPS-H1")));
        files.add(object(objects, "2", thorax, List.<String[]>of(code("CTTHOR", "CT Thorax (Münster)"),
                code("CTABD", "CT Abdomen")), List.of("SPS-T1", "SPS-T2")));
        files.add(object(objects, "3", plain, List.of(), List.of()));
        ProcessRunner.Result r = StoreScu.send(TestObjects.EXPLICIT_LE, files);
        assertEquals(files.size(), StoreScu.successes(r), r.describe());
    }

    @AfterAll
    static void cleanUp() {
        StoreChecks.deleteTree(work);
    }

    private static String[] code(String value, String meaning) {
        return new String[] {value, meaning};
    }

    /** A CT object (no pixel data, ISO 8859-1) of its own patient, study and series. */
    private static Path object(TestObjects objects, String n, String studyUid, List<String[]> codes,
            List<String> steps) throws Exception {
        StringBuilder d = new StringBuilder();
        d.append("(0008,0005) CS [ISO_IR 100]\n");
        d.append("(0008,0016) UI [").append(TestObjects.CT).append("]\n");
        d.append("(0008,0018) UI [").append(TestObjects.newUid()).append("]\n");
        d.append("(0008,0020) DA [20240105]\n");
        d.append("(0008,0060) CS [CT]\n");
        if (!codes.isEmpty()) {
            d.append(PROCEDURE_CODE).append(" SQ (Sequence with explicit length #=").append(codes.size()).append(")\n");
            for (String[] c : codes) {
                d.append(ITEM).append('\n')
                        .append("(0008,0100) SH [").append(c[0]).append("]\n")
                        .append("(0008,0102) SH [LOCAL]\n")
                        .append("(0008,0104) LO [").append(c[1]).append("]\n")
                        .append(ITEM_END).append('\n');
            }
            d.append(SEQUENCE_END).append('\n');
        }
        d.append("(0010,0010) PN [Sequence^Patient").append(n).append("]\n");
        d.append("(0010,0020) LO [QS").append(token).append('-').append(n).append("]\n");
        d.append("(0020,000d) UI [").append(studyUid).append("]\n");
        d.append("(0020,000e) UI [").append(TestObjects.newUid()).append("]\n");
        if (!steps.isEmpty()) {
            d.append(REQUEST_ATTRIBUTES).append(" SQ (Sequence with explicit length #=").append(steps.size())
                    .append(")\n");
            for (String step : steps) {
                d.append(ITEM).append('\n')
                        .append("(0040,0009) SH [").append(step).append("]\n")
                        .append("(0040,1001) SH [RP-").append(n).append("]\n")
                        .append(ITEM_END).append('\n');
            }
            d.append(SEQUENCE_END).append('\n');
        }
        return objects.dump2dcm(d.toString(), TestObjects.EXPLICIT_LE, work.resolve("seq" + n + ".dcm"));
    }

    private static Query studies() {
        return FindScu.query(Model.STUDY_ROOT).level("STUDY").key("PatientID", "QS" + token + "-*")
                .key("StudyInstanceUID");
    }

    private static FindScu.Result run(Query q) {
        FindScu.Result r = q.run(work);
        assertEquals(FindScu.SUCCESS, r.status(), r.describe());
        return r;
    }

    /** What dcmdump prints for a response file (the items' lines included). */
    private static String dump(FindScu.Response response) {
        return DicomFiles.dcmdump(response.file());
    }

    @Test
    void anItemKeyMatchesStudiesWithAMatchingItemAndReturnsOnlyThatItem() {
        FindScu.Result r = run(studies().raw(PROCEDURE_CODE + " SQ (Sequence with explicit length #=1)", ITEM,
                "(0008,0100) SH [CTTHOR]", "(0008,0104) LO", ITEM_END, SEQUENCE_END));
        assertEquals(Set.of(thorax), r.values("StudyInstanceUID"), r.describe());
        String items = dump(r.responses().get(0));
        assertTrue(items.contains("(0008,0100) SH [CTTHOR]"), items);
        assertTrue(items.contains("(0008,0104) LO [CT Thorax (M"), items);
        assertFalse(items.contains("CTABD"), "only the matching item:\n" + items);
        assertFalse(items.contains("(0008,0102)"), "only the requested attributes:\n" + items);
    }

    @Test
    void wildcardItemKeysCountCharacters() {
        FindScu.Result r = run(studies().charset("ISO_IR 100").raw(PROCEDURE_CODE
                + " SQ (Sequence with explicit length #=1)", ITEM, "(0008,0104) LO [*M?nster*]", ITEM_END,
                SEQUENCE_END));
        assertEquals(Set.of(thorax), r.values("StudyInstanceUID"), r.describe());
    }

    @Test
    void anEmptyItemIsUniversalAndReturnsTheWholeSequence() {
        FindScu.Result r = run(studies().raw(PROCEDURE_CODE + " SQ (Sequence with explicit length #=1)",
                "(fffe,e000) na (Item with explicit length #=0)", ITEM_END, SEQUENCE_END));
        assertEquals(Set.of(head, thorax, plain), r.values("StudyInstanceUID"), r.describe());
        String items = dump(r.response("StudyInstanceUID", thorax));
        assertTrue(items.contains("CTTHOR") && items.contains("CTABD") && items.contains("(0008,0102) SH [LOCAL]"),
                items);
        assertFalse(dump(r.response("StudyInstanceUID", plain)).contains("(0008,0100)"));
    }

    @Test
    void seriesLevelRequestAttributes() {
        FindScu.Result r = run(FindScu.query(Model.STUDY_ROOT).level("SERIES").key("StudyInstanceUID", thorax)
                .key("SeriesInstanceUID").raw(REQUEST_ATTRIBUTES + " SQ (Sequence with explicit length #=1)", ITEM,
                        "(0040,0009) SH [SPS-T2]", "(0040,1001) SH", ITEM_END, SEQUENCE_END));
        assertEquals(1, r.responses().size(), r.describe());
        String items = dump(r.responses().get(0));
        assertTrue(items.contains("[SPS-T2]") && items.contains("[RP-2]"), items);
        assertFalse(items.contains("SPS-T1"), items);
        FindScu.Result none = run(FindScu.query(Model.STUDY_ROOT).level("SERIES").key("StudyInstanceUID", head)
                .key("SeriesInstanceUID").raw(REQUEST_ATTRIBUTES + " SQ (Sequence with explicit length #=1)", ITEM,
                        "(0040,0009) SH [SPS-T2]", ITEM_END, SEQUENCE_END));
        assertEquals(0, none.responses().size(), none.describe());
    }
}
