package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qrarchive.it.support.AdminApi;
import org.qrarchive.it.support.Dcmtk;
import org.qrarchive.it.support.Deployments;
import org.qrarchive.it.support.FindFixture;
import org.qrarchive.it.support.FindScu;
import org.qrarchive.it.support.FindScu.Model;
import org.qrarchive.it.support.ItConfig;
import org.qrarchive.it.support.ProcessRunner;
import org.qrarchive.it.support.StoreChecks;
import org.qrarchive.it.support.StoreScu;
import org.qrarchive.it.support.TestObjects;

/**
 * The configuration as data, through the admin API: resources, validation with problem bodies, security,
 * ETags, and changes that the next association sees (echoscu, storescu, findscu).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConfigIT {
    private static final String PROBLEM = "application/problem+json";
    private static Path work;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void prepare() throws Exception {
        Dcmtk.require("echoscu");
        work = Files.createTempDirectory("qr-config-it-");
    }

    @AfterAll
    static void cleanUp() {
        StoreChecks.deleteTree(work);
    }

    private static HttpResponse<String> send(String method, String path, String user, String json,
            String... headers) {
        return AdminApi.send(method, path, user, json == null ? null : "application/json", json, headers);
    }

    private static void assertProblem(HttpResponse<String> r, int status, String field) {
        assertAll(r.body(),
                () -> assertEquals(status, r.statusCode(), "status"),
                () -> assertEquals(PROBLEM, r.headers().firstValue("Content-Type").orElse("").split(";")[0],
                        "content type"),
                () -> {
                    ModelNode p = ModelNode.fromJSONString(r.body());
                    assertEquals(status, p.get("status").asInt());
                    if (field != null) {
                        assertEquals(field, p.get("field").asString());
                    }
                });
    }

    @Test
    void readsNeedARoleAndChangesTheAdminRole() {
        AdminApi.ensureUsers();
        assertEquals(401, send("GET", "/qr/api/aes", null, null).statusCode(), "no credentials");
        assertEquals(200, send("GET", "/qr/api/aes", AdminApi.MONITOR, null).statusCode(), "monitor reads");
        assertEquals(403, send("PUT", "/qr/api/peers/X1", AdminApi.MONITOR, "{\"aeTitle\":\"X1\",\"port\":0}")
                .statusCode(), "monitor cannot change");
        assertEquals(404, send("GET", "/qr/api/peers/X1", AdminApi.ADMIN, null).statusCode(), "nothing changed");
    }

    @Test
    void crudOfPeersGroupsVendorsWithEtags() {
        // the test server outlives a run: what an interrupted earlier run left goes first
        AdminApi.delete("/qr/api/vendors/Acme%20CT");
        AdminApi.delete("/qr/api/groups/CTS");
        AdminApi.delete("/qr/api/peers/CT1");
        HttpResponse<String> created = send("PUT", "/qr/api/peers/CT1", AdminApi.ADMIN,
                "{\"aeTitle\":\"CT_ONE\",\"host\":\"ct1.example.org\",\"port\":104}");
        assertEquals(201, created.statusCode(), created.body());
        String etag = created.headers().firstValue("ETag").orElseThrow();
        ModelNode peer = AdminApi.get("/qr/api/peers/CT1");
        assertEquals("CT_ONE", peer.get("aeTitle").asString());
        assertEquals(104, peer.get("port").asInt());

        HttpResponse<String> updated = send("PUT", "/qr/api/peers/CT1", AdminApi.ADMIN,
                "{\"aeTitle\":\"CT_ONE\",\"host\":\"ct1.example.org\",\"port\":11112}", "If-Match", etag);
        assertEquals(200, updated.statusCode(), updated.body());
        assertProblem(send("PUT", "/qr/api/peers/CT1", AdminApi.ADMIN,
                "{\"aeTitle\":\"CT_ONE\",\"port\":1}", "If-Match", etag), 412, null);
        assertEquals(11112, AdminApi.get("/qr/api/peers/CT1").get("port").asInt(), "the stale change changed nothing");

        assertEquals(201, send("PUT", "/qr/api/groups/CTS", AdminApi.ADMIN, "{\"members\":[\"CT1\"]}").statusCode());
        assertEquals(201, send("PUT", "/qr/api/vendors/Acme%20CT", AdminApi.ADMIN, "{\"members\":[\"CTS\"]}")
                .statusCode());
        assertEquals(List.of("CTS"), AdminApi.get("/qr/api/vendors/Acme%20CT").get("members").asList().stream()
                .map(ModelNode::asString).toList());
        // still used by the group: refused, nothing deleted
        assertProblem(send("DELETE", "/qr/api/peers/CT1", AdminApi.ADMIN, null), 409, null);
        AdminApi.delete("/qr/api/vendors/Acme%20CT");
        AdminApi.delete("/qr/api/groups/CTS");
        AdminApi.delete("/qr/api/peers/CT1");
        assertEquals(404, send("GET", "/qr/api/peers/CT1", AdminApi.ADMIN, null).statusCode());
        assertProblem(send("DELETE", "/qr/api/groups/NOPE", AdminApi.ADMIN, null), 404, null);
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertProblem(send("PUT", "/qr/api/aes/ABCDEFGHIJKLMNOPQ", AdminApi.ADMIN, "{}"), 400, "aes[ABCDEFGHIJKLMNOPQ].aeTitle");
        assertProblem(send("PUT", "/qr/api/aes/BADQUOTA", AdminApi.ADMIN, "{\"quota\":{\"maxStudies\":0}}"), 400,
                "aes[BADQUOTA].quota.maxStudies");
        assertProblem(send("PUT", "/qr/api/aes/BADPEER", AdminApi.ADMIN, "{\"peers\":[\"NOBODY\"]}"), 400,
                "aes[BADPEER].peers");
        assertProblem(send("PUT", "/qr/api/peers/P1", AdminApi.ADMIN, "{\"aeTitle\":\"P1\",\"port\":70000}"), 400,
                "peers[P1].port");
        assertEquals(400, send("PUT", "/qr/api/aes/BADJSON", AdminApi.ADMIN, "{\"access\":").statusCode());
        HttpResponse<String> misspelt = send("PUT", "/qr/api/aes/BADJSON", AdminApi.ADMIN, "{\"maxStudies\":1}");
        assertEquals(400, misspelt.statusCode(), misspelt.body());
        assertTrue(misspelt.body().contains("maxStudies"), misspelt.body());
        assertEquals(400, send("PUT", "/qr/api/aes/BADJSON", AdminApi.ADMIN, "{\"access\":\"RX\"}").statusCode(),
                "no such access");
        ModelNode settings = AdminApi.get("/qr/api/settings");
        settings.get("dimseTimeout").set(0);
        assertProblem(send("PUT", "/qr/api/settings", AdminApi.ADMIN, settings.toJSONString(true)), 400,
                "settings.dimseTimeout");
        for (String ae : List.of("ABCDEFGHIJKLMNOPQ", "BADQUOTA", "BADPEER", "BADJSON")) {
            assertEquals(404, send("GET", AdminApi.aePath(ae), AdminApi.ADMIN, null).statusCode(), ae);
        }
    }

    /** A peer added through the API may associate at once; removed, it gets reason 3 again. */
    @Test
    void peerChangesApplyToTheNextAssociation() {
        try (AdminApi.Change only = AdminApi.onlyPeers(ItConfig.AE_TITLE, "ECHOSCU")) {
            assertTrue(echo("NEWPEER").output().contains(Dcmtk.CALLING_AE_NOT_RECOGNIZED), "not a peer yet");
            ModelNode peer = new ModelNode();
            peer.get("aeTitle").set("NEWPEER");
            peer.get("port").set(0);
            AdminApi.put("/qr/api/peers/NEWPEER", peer);
            try (AdminApi.Change added = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("peers").add("NEWPEER"))) {
                ProcessRunner.Result r = echo("NEWPEER");
                assertTrue(r.output().contains(Dcmtk.ECHO_SUCCESS), r::describe);
            }
            AdminApi.delete("/qr/api/peers/NEWPEER");
            assertTrue(echo("NEWPEER").output().contains(Dcmtk.CALLING_AE_NOT_RECOGNIZED), "removed again");
        }
        assertTrue(echo("NEWPEER").output().contains(Dcmtk.ECHO_SUCCESS), "ANY again");
    }

    /** A peer entry naming a host (a documentation address) admits its AE title only from there. */
    @Test
    void peerEntryWithAHostRefusesOtherAddresses() {
        ModelNode peer = new ModelNode();
        peer.get("aeTitle").set("FARAWAY");
        peer.get("host").set("192.0.2.1");
        peer.get("port").set(104);
        AdminApi.put("/qr/api/peers/faraway", peer);
        try (AdminApi.Change only = AdminApi.ae(ItConfig.AE_TITLE, a -> {
            a.get("peers").setEmptyList();
            a.get("peers").add("faraway");
        })) {
            ProcessRunner.Result r = echo("FARAWAY");
            assertTrue(r.output().contains(Dcmtk.CALLING_AE_NOT_RECOGNIZED), r::describe);
        } finally {
            AdminApi.delete("/qr/api/peers/faraway");
        }
    }

    /** Access R refuses storescu and answers findscu; W the reverse. */
    @Test
    void accessOfTheStorageArea() throws Exception {
        String aet = "RO" + TestObjects.runToken().substring(0, 6);
        FindFixture fx = new FindFixture();
        List<Path> files = fx.write(work);
        try (AdminApi.Change area = AdminApi.newAe(aet, a -> a.get("access").set("R"))) {
            ProcessRunner.Result refused = store(aet, files.get(0));
            assertEquals(0, StoreScu.successes(refused), refused::describe);
            FindScu.Result found = FindScu.query(Model.STUDY_ROOT).level("STUDY").calledAe(aet)
                    .key("StudyInstanceUID").run(work);
            assertEquals(FindScu.SUCCESS, found.status(), found::describe);
            try (AdminApi.Change w = AdminApi.ae(aet, a -> a.get("access").set("W"))) {
                ProcessRunner.Result stored = store(aet, files.get(0));
                assertEquals(1, StoreScu.successes(stored), stored::describe);
                FindScu.Result noFind = FindScu.query(Model.STUDY_ROOT).level("STUDY").calledAe(aet)
                        .key("StudyInstanceUID").run(work);
                assertTrue(noFind.noAcceptableContexts(), noFind::describe);
            }
            // the AE now holds an object: deleting it needs ?purge=true
            assertProblem(send("DELETE", AdminApi.aePath(aet), AdminApi.ADMIN, null), 409, null);
        }
        assertEquals(404, send("GET", AdminApi.aePath(aet), AdminApi.ADMIN, null).statusCode(), "purged");
        assertFalse(Files.exists(Path.of(System.getProperty("jboss.home"), "standalone", "data", "qr-storage", aet)),
                "the purged AE's storage area is gone");
    }

    /**
     * Debian's /etc/dcmtk/dcmqrscp.cfg with its commented examples uncommented imports unchanged; the export is
     * canonical (export, import, export: the same text); a storage area that cannot be created and a
     * malformed file are refused with the place named, and change nothing.
     */
    @Test
    void dcmqrscpCfgImportAndRoundTrip() throws Exception {
        String path = "/qr/api/config/dcmqrscp";
        ModelNode settingsBefore = AdminApi.get("/qr/api/settings");
        List<ModelNode> aesBefore = AdminApi.get("/qr/api/aes").asList();
        String before = text(AdminApi.send("GET", path, AdminApi.ADMIN, null, null));
        String debian = uncommentExamples(Files.readString(Path.of("/etc/dcmtk/dcmqrscp.cfg")));
        try {
            HttpResponse<String> imported = AdminApi.send("PUT", path, AdminApi.ADMIN, "text/plain", debian);
            assertEquals(200, imported.statusCode(), imported.body());
            ModelNode acme = AdminApi.get("/qr/api/aes/ACME_STORE");
            assertAll(acme.toJSONString(false),
                    () -> assertEquals("/var/lib/dcmtk/db/ACME_STORE", acme.get("storageArea").asString()),
                    () -> assertEquals("RW", acme.get("access").asString()),
                    () -> assertEquals(9, acme.get("quota", "maxStudies").asInt()),
                    () -> assertEquals(1024L * 1024 * 1024, acme.get("quota", "maxBytesPerStudy").asLong()),
                    () -> assertEquals("acmeCTcompany", acme.get("peers").asList().get(0).asString()));
            assertEquals(List.of("acme1", "acme2"), AdminApi.get("/qr/api/groups/acmeCTcompany").get("members")
                    .asList().stream().map(ModelNode::asString).toList());
            assertEquals("ACME1", AdminApi.get("/qr/api/peers/acme1").get("aeTitle").asString());
            assertEquals(104, AdminApi.get("/qr/api/settings").get("port").asInt());
            assertEquals("R", AdminApi.get("/qr/api/aes/READ").get("access").asString());

            String exported = text(AdminApi.send("GET", path, AdminApi.ADMIN, null, null));
            assertEquals(200, AdminApi.send("PUT", path, AdminApi.ADMIN, "text/plain", exported).statusCode());
            assertEquals(exported, text(AdminApi.send("GET", path, AdminApi.ADMIN, null, null)), "canonical export");

            HttpResponse<String> badArea = AdminApi.send("PUT", path, AdminApi.ADMIN, "text/plain",
                    "AETable BEGIN\nBROKEN /etc/hostname/area RW (1, 1mb) ANY\nAETable END\n");
            assertProblem(badArea, 400, "aes[BROKEN].storageArea");
            HttpResponse<String> malformed = AdminApi.send("PUT", path, AdminApi.ADMIN, "text/plain",
                    "NetworkTCPPort = 104\nHostTable BEGIN\nx = (A, b\n");
            assertProblem(malformed, 400, null);
            assertTrue(ModelNode.fromJSONString(malformed.body()).get("line").asInt() >= 3, malformed.body());
            assertEquals(exported, text(AdminApi.send("GET", path, AdminApi.ADMIN, null, null)), "nothing changed");
        } finally {
            assertEquals(200, AdminApi.send("PUT", path, AdminApi.ADMIN, "text/plain", before).statusCode());
            AdminApi.put("/qr/api/settings", settingsBefore);
            for (ModelNode ae : aesBefore) {
                AdminApi.put(AdminApi.aePath(ae.get("aeTitle").asString()), ae);
            }
        }
        assertTrue(echo("ECHOSCU").output().contains(Dcmtk.ECHO_SUCCESS), "the configuration is back");
    }

    private static String text(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** The example lines of Debian's file, uncommented: HostTable, VendorTable and AETable examples. */
    static String uncommentExamples(String cfg) {
        return cfg.lines().map(l -> l.matches("#(acme|united|\"Acme|\"United|ACME_STORE|UNITED_STORE|READWRITE|READ )"
                + ".*") ? l.substring(1) : l).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    private static ProcessRunner.Result echo(String callingAe) {
        return Dcmtk.echoscu("-aec", ItConfig.AE_TITLE, "-aet", callingAe);
    }

    private static ProcessRunner.Result store(String aet, Path file) {
        return StoreScu.sendTo(aet, List.of(file));
    }
}
