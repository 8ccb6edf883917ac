package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.qrarchive.it.support.CharsetFixture;
import org.qrarchive.it.support.CharsetFixture.Obj;
import org.qrarchive.it.support.Dcmtk;
import org.qrarchive.it.support.DcmtkText;
import org.qrarchive.it.support.Deployments;
import org.qrarchive.it.support.FindScu;
import org.qrarchive.it.support.FindScu.Model;
import org.qrarchive.it.support.FindScu.Query;
import org.qrarchive.it.support.StoreChecks;

/**
 * With the default configuration no character of a stored value is lost in a C-FIND answer: each response
 * is in the request's character set when that holds all of its values, else in the set its values were
 * stored in when they share one, else in UTF-8, and its (0008,0005) says which. Objects stored in ISO_IR 100,
 * ISO_IR 192, ISO 2022 IR 87, ISO_IR 144, the default repertoire and a study of two sets
 * ({@link CharsetFixture}) are queried with no Specific Character Set, with ISO_IR 100 and with ISO_IR 192, at
 * every level and in every model. Each returned value is compared after DCMTK has decoded it
 * ({@link DcmtkText}: {@code dcmconv +U8}, then {@code dcmdump}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FindCharsetDefaultIT {
    private static final int PATIENT_ID = FindScu.tag("PatientID");
    private static final int PATIENT_NAME = FindScu.tag("PatientName");
    private static final int STUDY_UID = FindScu.tag("StudyInstanceUID");
    private static final int STUDY_DESCRIPTION = FindScu.tag("StudyDescription");
    private static final int REFERRING = FindScu.tag("ReferringPhysicianName");
    private static final int SERIES_UID = FindScu.tag("SeriesInstanceUID");
    private static final int SERIES_DESCRIPTION = FindScu.tag("SeriesDescription");
    private static final int SOP_INSTANCE_UID = FindScu.tag("SOPInstanceUID");
    private static final int CODE_VALUE = 0x00080100;
    private static final int CODE_MEANING = 0x00080104;
    private static final String CONCEPT_NAME_CODE = "(0040,a043)";

    private static CharsetFixture fx;
    private static Path work;

    /** The character sets the queries are sent in, and which Java charset holds the same characters. */
    enum Request {
        NONE(null, StandardCharsets.US_ASCII), LATIN1("ISO_IR 100", StandardCharsets.ISO_8859_1),
        UTF8("ISO_IR 192", StandardCharsets.UTF_8);

        final String term;
        final Charset java;

        Request(String term, Charset java) {
            this.term = term;
            this.java = java;
        }

        Query applyTo(Query q) {
            return term == null ? q : q.charset(term);
        }
    }

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void storeFixture() throws Exception {
        for (String tool : List.of("findscu", "storescu", "dump2dcm", "dcmconv", "dcmdump")) {
            Dcmtk.require(tool);
        }
        work = Files.createTempDirectory("qr-find-charset-default-it-");
        fx = new CharsetFixture();
        fx.store(work);
    }

    @AfterAll
    static void cleanUp() {
        StoreChecks.deleteTree(work);
    }

    /** One value the response must carry, and the (0008,0005) of the object it was stored from. */
    private record Expected(int tag, String value, String storedCharset) {
    }

    /**
     * The set the answer must name: the request's when its charset holds every value, none when all are in
     * the default repertoire, else the one set the non-ASCII values were stored in, else UTF-8.
     */
    private static String expectedCharset(Request request, List<Expected> values) {
        if (values.stream().allMatch(e -> request.java.newEncoder().canEncode(e.value()))) {
            return request.term == null ? "" : request.term;
        }
        Set<String> stored = values.stream()
                .filter(e -> !StandardCharsets.US_ASCII.newEncoder().canEncode(e.value()))
                .map(Expected::storedCharset).collect(Collectors.toSet());
        return stored.size() == 1 ? stored.iterator().next() : "ISO_IR 192";
    }

    /** The values of {@code rsp} as DCMTK decodes them are {@code expected}, in the set the rule names. */
    private static Executable check(FindScu.Response rsp, Request request, List<Expected> expected,
            FindScu.Result r) {
        return () -> {
            Map<Integer, List<String>> decoded = DcmtkText.decode(rsp.file(), rsp.charset());
            List<Executable> checks = new ArrayList<>();
            checks.add(() -> assertEquals(expectedCharset(request, expected), rsp.charset(),
                    "Specific Character Set of " + rsp + " for a request in " + request));
            for (Expected e : expected) {
                checks.add(() -> assertEquals(e.value(), DcmtkText.single(decoded, e.tag()),
                        () -> String.format("(%04X,%04X) of %s decoded by DCMTK", e.tag() >>> 16, e.tag() & 0xFFFF,
                                rsp)));
            }
            assertAll(r.describe(), checks);
        };
    }

    /** The responses of {@code r} by the ASCII value of {@code tag}; every one of {@code keys} answered once. */
    private static Map<String, FindScu.Response> byKey(FindScu.Result r, int tag, List<String> keys) {
        Map<String, FindScu.Response> map = new LinkedHashMap<>();
        for (FindScu.Response rsp : r.responses()) {
            map.put(new String(rsp.raw(tag), StandardCharsets.US_ASCII), rsp);
        }
        assertEquals(new TreeSet<>(keys), new TreeSet<>(map.keySet()), r::describe);
        assertEquals(keys.size(), r.responses().size(), r::describe);
        return map;
    }

    private static void runAll(Function<Request, List<Executable>> checks) {
        List<Executable> all = new ArrayList<>();
        for (Request request : Request.values()) {
            all.addAll(checks.apply(request));
        }
        assertAll(all);
    }

    @Test
    void patientLevelUniversalMatch() {
        runAll(request -> {
            FindScu.Result r = request.applyTo(FindScu.query(Model.PATIENT_ROOT).level("PATIENT"))
                    .key("PatientID", fx.scope()).key("PatientName").run(work);
            List<Executable> checks = new ArrayList<>();
            byKey(r, PATIENT_ID, fx.patientIds()).forEach((id, rsp) -> {
                Obj p = fx.lastOfPatient(id);
                checks.add(check(rsp, request, List.of(new Expected(PATIENT_NAME, p.patientName(), p.charset())), r));
            });
            return checks;
        });
    }

    @Test
    void studyLevelStudyRoot() {
        runAll(request -> {
            FindScu.Result r = request.applyTo(FindScu.query(Model.STUDY_ROOT).level("STUDY"))
                    .key("PatientID", fx.scope()).key("StudyInstanceUID").key("PatientName").key("StudyDescription")
                    .key("ReferringPhysicianName").key("ModalitiesInStudy").key("NumberOfStudyRelatedInstances")
                    .run(work);
            List<Executable> checks = new ArrayList<>();
            byKey(r, STUDY_UID, fx.studyUids()).forEach((uid, rsp) -> {
                Obj st = fx.lastOfStudy(uid);
                Obj p = fx.lastOfPatient(st.patientId());
                checks.add(check(rsp, request, List.of(new Expected(PATIENT_NAME, p.patientName(), p.charset()),
                        new Expected(STUDY_DESCRIPTION, st.studyDescription(), st.charset()),
                        new Expected(REFERRING, st.referringPhysician(), st.charset())), r));
                long instances = fx.objects().stream().filter(o -> o.studyUid().equals(uid)).count();
                checks.add(() -> assertEquals("SR", rsp.string("ModalitiesInStudy"), rsp::toString));
                checks.add(() -> assertEquals(Long.toString(instances),
                        rsp.string("NumberOfStudyRelatedInstances"), rsp::toString));
            });
            return checks;
        });
    }

    @Test
    void studyLevelPatientStudyOnly() {
        runAll(request -> {
            List<Query> queries = fx.patientIds().stream()
                    .map(id -> request.applyTo(FindScu.query(Model.PATIENT_STUDY_ONLY).level("STUDY"))
                            .key("PatientID", id).key("PatientName").key("StudyInstanceUID").key("StudyDescription"))
                    .toList();
            FindScu.Result r = FindScu.run(work, FindScu.Options.DEFAULT, queries);
            List<Executable> checks = new ArrayList<>();
            byKey(r, STUDY_UID, fx.studyUids()).forEach((uid, rsp) -> {
                Obj st = fx.lastOfStudy(uid);
                Obj p = fx.lastOfPatient(st.patientId());
                checks.add(check(rsp, request, List.of(new Expected(PATIENT_NAME, p.patientName(), p.charset()),
                        new Expected(STUDY_DESCRIPTION, st.studyDescription(), st.charset())), r));
            });
            return checks;
        });
    }

    /** The series of the mixed study carries study text stored in ISO_IR 100 and its own in ISO_IR 144. */
    @Test
    void seriesLevelWithTextOfTwoSets() {
        runAll(request -> {
            List<Query> queries = fx.studyUids().stream()
                    .map(uid -> request.applyTo(FindScu.query(Model.STUDY_ROOT).level("SERIES"))
                            .key("StudyInstanceUID", uid).key("SeriesInstanceUID").key("SeriesDescription")
                            .key("StudyDescription"))
                    .toList();
            FindScu.Result r = FindScu.run(work, FindScu.Options.DEFAULT, queries);
            List<String> seriesUids = fx.objects().stream().map(Obj::seriesUid).distinct().toList();
            List<Executable> checks = new ArrayList<>();
            Map<String, FindScu.Response> responses = byKey(r, SERIES_UID, seriesUids);
            responses.forEach((uid, rsp) -> {
                Obj se = fx.lastOfSeries(uid);
                Obj st = fx.lastOfStudy(se.studyUid());
                checks.add(check(rsp, request, List.of(new Expected(SERIES_DESCRIPTION, se.seriesDescription(),
                        se.charset()), new Expected(STUDY_DESCRIPTION, st.studyDescription(), st.charset())), r));
            });
            if (request != Request.UTF8) {
                checks.add(() -> assertEquals("ISO_IR 192",
                        responses.get(fx.mixedCyrillic.seriesUid()).charset(), "Röntgen with Грудь: UTF-8"));
            }
            return checks;
        });
    }

    /** The Code Meaning in the items of a returned sequence, at image level. */
    @Test
    void imageLevelSequenceItems() {
        runAll(request -> {
            List<Query> queries = fx.objects().stream()
                    .map(o -> request.applyTo(FindScu.query(Model.STUDY_ROOT).level("IMAGE"))
                            .key("StudyInstanceUID", o.studyUid()).key("SeriesInstanceUID", o.seriesUid())
                            .key("SOPInstanceUID")
                            .raw(CONCEPT_NAME_CODE + " SQ (Sequence with explicit length #=1)",
                                    "(fffe,e000) na (Item with explicit length #=0)",
                                    "(fffe,e00d) na (ItemDelimitationItem for re-encoding)",
                                    "(fffe,e0dd) na (SequenceDelimitationItem for re-encoding)"))
                    .toList();
            FindScu.Result r = FindScu.run(work, FindScu.Options.DEFAULT, queries);
            List<Executable> checks = new ArrayList<>();
            List<String> sopUids = fx.objects().stream().map(Obj::sopInstanceUid).toList();
            byKey(r, SOP_INSTANCE_UID, sopUids).forEach((uid, rsp) -> {
                Obj o = fx.objects().stream().filter(x -> x.sopInstanceUid().equals(uid)).findFirst().orElseThrow();
                checks.add(check(rsp, request, List.of(new Expected(CODE_MEANING, o.codeMeaning(), o.charset()),
                        new Expected(CODE_VALUE, "121070", o.charset())), r));
            });
            return checks;
        });
    }

    /** Wildcard matches: the matched names come back whole, labelled. */
    @Test
    void wildcardMatches() {
        FindScu.Result mueller = FindScu.query(Model.PATIENT_ROOT).level("PATIENT").key("PatientID", fx.scope())
                .key("PatientName", "M?ller*").run(work);
        FindScu.Response m = byKey(mueller, PATIENT_ID, List.of(fx.latin1.patientId())).values().iterator().next();
        FindScu.Result yamada = FindScu.query(Model.PATIENT_ROOT).level("PATIENT").key("PatientID", fx.scope())
                .key("PatientName", "Yamada*").run(work);
        FindScu.Response y = byKey(yamada, PATIENT_ID, List.of(fx.japanese.patientId())).values().iterator().next();
        FindScu.Result ivanov = FindScu.query(Model.PATIENT_ROOT).level("PATIENT").charset("ISO_IR 192")
                .key("PatientID", fx.scope()).key("PatientName", "Иван*").run(work);
        FindScu.Response i = byKey(ivanov, PATIENT_ID, List.of(fx.cyrillic.patientId())).values().iterator().next();
        assertAll(
                () -> assertEquals("ISO_IR 100", m.charset(), mueller::describe),
                check(m, Request.NONE, List.of(new Expected(PATIENT_NAME, "Müller^Hans", "ISO_IR 100")), mueller),
                () -> assertEquals("\\ISO 2022 IR 87", y.charset(), yamada::describe),
                check(y, Request.NONE, List.of(new Expected(PATIENT_NAME, fx.japanese.patientName(),
                        fx.japanese.charset())), yamada),
                () -> assertEquals("ISO_IR 192", i.charset(), ivanov::describe),
                check(i, Request.UTF8, List.of(new Expected(PATIENT_NAME, "Иванов^Иван", "ISO_IR 144")), ivanov));
    }

    /** The bytes of PS3.5 Annex H's example, as the standard gives them, for the Japanese name. */
    @Test
    void japaneseNameInTheStandardsBytes() {
        FindScu.Result r = FindScu.query(Model.PATIENT_ROOT).level("PATIENT").charset("ISO_IR 100")
                .key("PatientID", fx.japanese.patientId()).key("PatientName").run(work);
        FindScu.Response rsp = byKey(r, PATIENT_ID, List.of(fx.japanese.patientId())).values().iterator().next();
        String esc = "\u001b";
        String annexH = "Yamada^Tarou=" + esc + "$B;3ED" + esc + "(B^" + esc + "$BB@O:" + esc + "(B=" + esc
                + "$B$d$^$@" + esc + "(B^" + esc + "$B$?$m$&" + esc + "(B";
        assertEquals(annexH, new String(rsp.raw(PATIENT_NAME), StandardCharsets.ISO_8859_1), r::describe);
    }
}
