package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qrarchive.it.support.FindChecks.assertMatches;
import static org.qrarchive.it.support.FindChecks.setOf;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
import org.qrarchive.it.support.FindFixture;
import org.qrarchive.it.support.FindScu;
import org.qrarchive.it.support.FindScu.Model;
import org.qrarchive.it.support.FindScu.Query;
import org.qrarchive.it.support.AdminApi;
import org.qrarchive.it.support.StoreChecks;

/**
 * dcmqrscp's character set options of C-FIND responses, which an administrator may still choose although they
 * lose characters: the request's set when it can hold the values (findCharset.useRequest, the default),
 * otherwise, or always with useRequest=false, a fixed convertTo (ascii, utf8, latin1), with
 * characters that set cannot hold replaced by '?', transliterated or discarded (unencodable). The
 * lossless default (convertTo=stored) is {@link FindCharsetDefaultIT}'s. Every check is on the bytes
 * of the response value and its Specific Character Set.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FindCharsetIT {

    private static final Charset LATIN1 = StandardCharsets.ISO_8859_1;
    private static final Charset UTF8 = StandardCharsets.UTF_8;
    private static final Charset ASCII = StandardCharsets.US_ASCII;
    private static final int PATIENT_NAME = FindScu.tag("PatientName");

    private static FindFixture fx;
    private static Path work;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void storeFixture() throws Exception {
        for (String tool : List.of("findscu", "storescu", "dump2dcm")) {
            Dcmtk.require(tool);
        }
        work = Files.createTempDirectory("qr-find-charset-it-");
        fx = new FindFixture();
        fx.store(work);
    }

    @AfterAll
    static void cleanUp() {
        StoreChecks.deleteTree(work);
    }

    /** Patients named like {@code pattern}, in a query of Specific Character Set {@code charset} (null: none). */
    private Query patients(String charset, String pattern) {
        Query q = FindScu.query(Model.PATIENT_ROOT).level("PATIENT");
        if (charset != null) {
            q.charset(charset);
        }
        return q.key("PatientID", fx.scope()).key("PatientName", pattern);
    }

    /** The response of {@code patient} has Specific Character Set {@code charset}, and {@code name} in {@code cs}. */
    private static void assertName(FindScu.Result r, FindFixture.Patient patient, String charset, String name,
            Charset cs) {
        FindScu.Response rsp = r.response("PatientID", patient.id());
        assertAll(r.describe(),
                () -> assertEquals(charset, rsp.charset(), "Specific Character Set of " + patient.id()),
                () -> assertArrayEquals(name.getBytes(cs), rsp.raw(PATIENT_NAME),
                        () -> "PatientName bytes of " + patient.id() + ", expected '" + name + "' in " + cs
                                + ", got " + rsp));
    }

    @Test
    void requestCharsetIsUsedWhenItHoldsTheValues() {
        // UTF-8 request for the UTF-8 patient: answered in UTF-8, name intact
        FindScu.Result wang = patients("ISO_IR 192", "Wang*").run(work);
        assertMatches(wang, "PATIENT", "PatientID", setOf(fx.wang.id()));
        assertName(wang, fx.wang, "ISO_IR 192", fx.wang.name(), UTF8);
        // the Latin-1 patient in a UTF-8 answer
        FindScu.Result muellerUtf8 = patients("ISO_IR 192", "Müller*").run(work);
        assertMatches(muellerUtf8, "PATIENT", "PatientID", setOf(fx.mueller.id()));
        assertName(muellerUtf8, fx.mueller, "ISO_IR 192", "Müller^Hans", UTF8);
        // Latin-1 request: answered in Latin-1
        FindScu.Result muellerLatin1 = patients("ISO_IR 100", "M?ller*").run(work);
        assertMatches(muellerLatin1, "PATIENT", "PatientID", setOf(fx.mueller.id(), fx.miller.id()));
        assertName(muellerLatin1, fx.mueller, "ISO_IR 100", "Müller^Hans", LATIN1);
        assertName(muellerLatin1, fx.miller, "ISO_IR 100", "Miller^Anna", LATIN1);
        // the ideographic name of a study attribute in UTF-8
        FindScu.Result li = FindScu.query(Model.STUDY_ROOT).level("STUDY").charset("ISO_IR 192")
                .key("StudyInstanceUID", fx.study(3).uid()).key("ReferringPhysicianName").run(work);
        assertMatches(li, "STUDY", "StudyInstanceUID", setOf(fx.study(3).uid()));
        assertArrayEquals("Li^Wei=李^偉".getBytes(UTF8),
                li.responses().get(0).raw(FindScu.tag("ReferringPhysicianName")),
                li::describe);
    }

    /**
     * With findCharset.convertTo=ascii (dcmqrscp's +A7), when the request's character set cannot hold a value (the
     * Chinese name in a Latin-1 request, ü in a request without Specific Character Set), the answer falls back
     * to ASCII and the characters become '?' (findCharset.unencodable=replace).
     */
    @Test
    void fallbackToAsciiWithReplacement() {
        try (AdminApi.Change ascii = AdminApi.settings(s -> s.get("findCharset", "convertTo").set("ascii"))) {
            FindScu.Result wangLatin1 = patients("ISO_IR 100", "Wang*").run(work);
            assertMatches(wangLatin1, "PATIENT", "PatientID", setOf(fx.wang.id()));
            assertName(wangLatin1, fx.wang, "", "Wang^XiaoDong=?^??", ASCII);

            FindScu.Result noCharset = patients(null, "M?ller*").run(work);
            assertMatches(noCharset, "PATIENT", "PatientID", setOf(fx.mueller.id(), fx.miller.id()));
            assertName(noCharset, fx.mueller, "", "M?ller^Hans", ASCII);
            assertName(noCharset, fx.miller, "", "Miller^Anna", ASCII);
        }
        // the default again: nothing lost
        FindScu.Result restored = patients(null, "M?ller*").run(work);
        assertName(restored, fx.mueller, "ISO_IR 100", "Müller^Hans", LATIN1);
        assertName(restored, fx.miller, "", "Miller^Anna", ASCII);
    }

    @Test
    void overrideToAsciiTransliteratesOrDiscards() {
        try (AdminApi.Change override = AdminApi.settings(s -> s.get("findCharset", "useRequest").set(false));
             AdminApi.Change ascii = AdminApi.settings(s -> s.get("findCharset", "convertTo").set("ascii"));
             AdminApi.Change unencodable = AdminApi.settings(s -> s.get("findCharset", "unencodable").set("transliterate"))) {
            // even a Latin-1 request that could hold ü gets ASCII
            FindScu.Result latin1 = patients("ISO_IR 100", "M?ller*").run(work);
            assertMatches(latin1, "PATIENT", "PatientID", setOf(fx.mueller.id(), fx.miller.id()));
            assertName(latin1, fx.mueller, "", "Muller^Hans", ASCII);
            assertName(latin1, fx.miller, "", "Miller^Anna", ASCII);
            FindScu.Result utf8 = patients("ISO_IR 192", "Müller*").run(work);
            assertMatches(utf8, "PATIENT", "PatientID", setOf(fx.mueller.id()));
            assertName(utf8, fx.mueller, "", "Muller^Hans", ASCII);
            // ideographs have no ASCII approximation: '?'
            FindScu.Result wang = patients("ISO_IR 192", "Wang*").run(work);
            assertName(wang, fx.wang, "", "Wang^XiaoDong=?^??", ASCII);

            try (AdminApi.Change discard = AdminApi.settings(s -> s.get("findCharset", "unencodable").set("discard"))) {
                FindScu.Result discarded = patients("ISO_IR 100", "M?ller*").run(work);
                assertMatches(discarded, "PATIENT", "PatientID", setOf(fx.mueller.id(), fx.miller.id()));
                assertName(discarded, fx.mueller, "", "Mller^Hans", ASCII);
                assertName(discarded, fx.miller, "", "Miller^Anna", ASCII);
                FindScu.Result wangDiscarded = patients("ISO_IR 192", "Wang*").run(work);
                assertName(wangDiscarded, fx.wang, "", "Wang^XiaoDong=^", ASCII);
            }
        }
        // restored: the request's character set again
        FindScu.Result restored = patients("ISO_IR 100", "M?ller*").run(work);
        assertName(restored, fx.mueller, "ISO_IR 100", "Müller^Hans", LATIN1);
    }

    @Test
    void overrideToUtf8OrLatin1() {
        try (AdminApi.Change override = AdminApi.settings(s -> s.get("findCharset", "useRequest").set(false));
             AdminApi.Change utf8 = AdminApi.settings(s -> s.get("findCharset", "convertTo").set("utf8"))) {
            FindScu.Result r = patients("ISO_IR 100", "M?ller*").run(work);
            assertMatches(r, "PATIENT", "PatientID", setOf(fx.mueller.id(), fx.miller.id()));
            assertName(r, fx.mueller, "ISO_IR 192", "Müller^Hans", UTF8);
            FindScu.Result none = patients(null, "Wang*").run(work);
            assertName(none, fx.wang, "ISO_IR 192", fx.wang.name(), UTF8);
        }
        try (AdminApi.Change override = AdminApi.settings(s -> s.get("findCharset", "useRequest").set(false));
             AdminApi.Change latin1 = AdminApi.settings(s -> s.get("findCharset", "convertTo").set("latin1"))) {
            FindScu.Result r = patients("ISO_IR 192", "M?ller*").run(work);
            assertMatches(r, "PATIENT", "PatientID", setOf(fx.mueller.id(), fx.miller.id()));
            assertName(r, fx.mueller, "ISO_IR 100", "Müller^Hans", LATIN1);
        }
    }
}
