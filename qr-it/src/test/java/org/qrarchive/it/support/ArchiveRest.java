package org.qrarchive.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.jboss.dmr.ModelNode;

/**
 * The archive's JAX-RS front end in the test server (HTTP port 8080 + the port offset = 8180):
 * {@code /qr/api/status}, {@code /qr/api/aes/{ae}/counts}, {@code /qr/api/aes/{ae}/instances/{uid}}, read as
 * {@link AdminApi#MONITOR}.
 * JSON is parsed with jboss-dmr (already on the test classpath).
 */
public final class ArchiveRest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ArchiveRest() {
    }

    /** Patient, study, series and instance counts of one AE. */
    public record Counts(long patients, long studies, long series, long instances) {
        public Counts minus(Counts before) {
            return new Counts(patients - before.patients, studies - before.studies, series - before.series,
                    instances - before.instances);
        }
    }

    public static int httpPort() {
        return 8080 + Integer.getInteger("it.port.offset", 100);
    }

    public static Counts counts(String ae) {
        HttpResponse<String> r = get("/qr/api/aes/" + encode(ae) + "/counts");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET counts of " + ae + ": HTTP " + r.statusCode() + "\n" + r.body());
        }
        ModelNode json = ModelNode.fromJSONString(r.body());
        return new Counts(json.get("patients").asLong(), json.get("studies").asLong(), json.get("series").asLong(),
                json.get("instances").asLong());
    }

    /** The index view of one instance, or empty on 404. */
    public static Optional<ModelNode> instance(String ae, String sopInstanceUid) {
        HttpResponse<String> r = get("/qr/api/aes/" + encode(ae) + "/instances/" + encode(sopInstanceUid));
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new AssertionError("GET instance " + sopInstanceUid + ": HTTP " + r.statusCode() + "\n" + r.body());
        }
        return Optional.of(ModelNode.fromJSONString(r.body()));
    }

    /** A string field of a JSON view; {@code null} when absent or JSON null. */
    public static String field(ModelNode view, String name) {
        if (!view.hasDefined(name)) {
            return null;
        }
        return view.get(name).asString();
    }

    /** GET /qr/api/status as JSON. */
    public static ModelNode status() {
        HttpResponse<String> r = get("/qr/api/status");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET status: HTTP " + r.statusCode() + "\n" + r.body());
        }
        return ModelNode.fromJSONString(r.body());
    }

    /** Whether /qr/api/status answers 200 right now (false on any connection error). */
    public static boolean statusAnswers() {
        try {
            return AdminApi.send("GET", "/qr/api/status", AdminApi.MONITOR, null, null).statusCode() == 200;
        } catch (AssertionError e) {
            return false;
        }
    }

    /**
     * Waits until the server has no association open (status activeAssociations == 0): a peer that
     * got its A-RELEASE-RP may be a few milliseconds ahead of the server's clean-up.
     */
    public static void awaitNoAssociations(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ModelNode last = null;
        while (System.nanoTime() < deadline) {
            last = status();
            if (last.get("activeAssociations").asInt() == 0) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("Associations still open after " + timeout.toMillis() + " ms: " + last);
    }

    /** A read as the monitor user: reads need role qr-monitor or qr-admin. */
    private static HttpResponse<String> get(String path) {
        return AdminApi.send("GET", path, AdminApi.MONITOR, null, null, "Accept", "application/json");
    }

    private static URI uri(String path) {
        return URI.create("http://" + ItConfig.HOST + ":" + httpPort() + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
