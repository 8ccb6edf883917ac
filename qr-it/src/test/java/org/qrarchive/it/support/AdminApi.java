package org.qrarchive.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import org.jboss.dmr.ModelNode;

/**
 * The archive's admin REST API in the test server ({@code /qr/api}, HTTP Basic against WildFly's
 * ApplicationRealm), for tests that change the configuration. The users are created once per test JVM with
 * WildFly's own {@code bin/add-user.sh -a -u NAME -p PASSWORD -g ROLE -s}, the command the README documents.
 *
 * <pre>
 * try (AdminApi.Change c = AdminApi.ae(ItConfig.AE_TITLE, ae -> ae.get("find", "maxMatches").set(5))) {
 *     ... // the next association sees maxMatches 5
 * } // the AE as it was before
 * </pre>
 */
public final class AdminApi {
    public static final String ADMIN = "qr-it-admin";
    public static final String MONITOR = "qr-it-monitor";
    public static final String PASSWORD = "Qr-it-2026!pw";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static boolean usersCreated;

    private AdminApi() {
    }

    /** Creates the admin and monitor users in the test server's ApplicationRealm, once. */
    public static synchronized void ensureUsers() {
        if (usersCreated) {
            return;
        }
        Path addUser = Path.of(System.getProperty("jboss.home"), "bin", "add-user.sh");
        for (String[] user : List.of(new String[] {ADMIN, "qr-admin"}, new String[] {MONITOR, "qr-monitor"})) {
            ProcessRunner.Result r = ProcessRunner.run(Duration.ofSeconds(60), List.of(addUser.toString(), "-a",
                    "-u", user[0], "-p", PASSWORD, "-g", user[1], "-s"));
            if (r.exitCode() != 0) {
                throw new AssertionError("add-user.sh failed\n" + r.describe());
            }
        }
        usersCreated = true;
    }

    /** One HTTP exchange; {@code user} null: no credentials; {@code body} null: none. */
    public static HttpResponse<String> send(String method, String path, String user, String contentType,
            String body, String... headers) {
        ensureUsers();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + ItConfig.HOST + ":"
                + ArchiveRest.httpPort() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** GET as the admin; fails unless 200. */
    public static ModelNode get(String path) {
        return ok(send("GET", path, ADMIN, null, null), "GET " + path);
    }

    /** PUT of JSON as the admin; fails unless 200 or 201. */
    public static ModelNode put(String path, ModelNode json) {
        return ok(send("PUT", path, ADMIN, "application/json", json.toJSONString(true)), "PUT " + path);
    }

    public static void delete(String path) {
        HttpResponse<String> r = send("DELETE", path, ADMIN, null, null);
        if (r.statusCode() != 204 && r.statusCode() != 404) {
            throw new AssertionError("DELETE " + path + ": HTTP " + r.statusCode() + "\n" + r.body());
        }
    }

    private static ModelNode ok(HttpResponse<String> r, String what) {
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new AssertionError(what + ": HTTP " + r.statusCode() + "\n" + r.body());
        }
        return r.body().isEmpty() ? new ModelNode() : ModelNode.fromJSONString(r.body());
    }

    public static String aePath(String aet) {
        return "/qr/api/aes/" + URLEncoder.encode(aet, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Edits the AE's JSON and PUTs it; closing PUTs the former JSON back. */
    public static Change ae(String aet, Consumer<ModelNode> edit) {
        return edit(aePath(aet), edit);
    }

    /** Edits the global settings; closing puts them back. */
    public static Change settings(Consumer<ModelNode> edit) {
        return edit("/qr/api/settings", edit);
    }

    private static Change edit(String path, Consumer<ModelNode> edit) {
        ModelNode before = get(path);
        ModelNode after = before.clone();
        edit.accept(after);
        put(path, after);
        return new Change(List.of(() -> put(path, before)));
    }

    /** A new archive AE with defaults and {@code edit} applied; closing deletes it with its stored objects. */
    public static Change newAe(String aet, Consumer<ModelNode> edit) {
        ModelNode ae = new ModelNode();
        ae.get("aeTitle").set(aet);
        edit.accept(ae);
        put(aePath(aet), ae);
        return new Change(List.of(() -> delete(aePath(aet) + "?purge=true")));
    }

    /**
     * Lets only the calling AE titles {@code titles} associate with {@code aet}: a peer entry (any host) per
     * title, named like it, as the AE's peers. Closing restores the AE and deletes the entries.
     */
    public static Change onlyPeers(String aet, String... titles) {
        List<Runnable> undo = new ArrayList<>();
        for (String title : titles) {
            ModelNode peer = new ModelNode();
            peer.get("aeTitle").set(title);
            peer.get("port").set(0);
            put("/qr/api/peers/" + title, peer);
            undo.add(0, () -> delete("/qr/api/peers/" + title));
        }
        Change ae = ae(aet, a -> {
            a.get("peers").setEmptyList();
            for (String title : titles) {
                a.get("peers").add(title);
            }
        });
        undo.add(0, ae::close);
        return new Change(undo);
    }

    /** Undoes a change when closed; closing twice is harmless. */
    public static final class Change implements AutoCloseable {
        private List<Runnable> undo;

        private Change(List<Runnable> undo) {
            this.undo = undo;
        }

        @Override
        public void close() {
            if (undo != null) {
                List<Runnable> u = undo;
                undo = null;
                u.forEach(Runnable::run);
            }
        }
    }
}
