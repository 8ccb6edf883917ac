package org.qrarchive.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/**
 * The test server seen through its management API (127.0.0.1:10090): resolved JVM system properties
 * (where the storage root really is) and {@code :reload}.
 */
public final class ServerControl {

    private ServerControl() {
    }

    /** A JVM system property of the server as resolved there (e.g. qr.storage.root with its expression applied). */
    public static String jvmProperty(String name) {
        try (ModelControllerClient client = client()) {
            ModelNode op = new ModelNode();
            op.get("operation").set("read-attribute");
            op.get("address").add("core-service", "platform-mbean").add("type", "runtime");
            op.get("name").set("system-properties");
            ModelNode response = client.execute(op);
            if (!"success".equals(response.get("outcome").asString())) {
                throw new IllegalStateException("Cannot read the server's system properties: " + response);
            }
            ModelNode value = response.get("result").get(name);
            return value.isDefined() ? value.asString() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code qr.storage.root} of the running server (in the ITs: target/wildfly/standalone/data/qr-storage). */
    public static Path storageRoot() {
        String root = jvmProperty("qr.storage.root");
        return root != null ? Path.of(root) : dataDir().resolve("qr-storage");
    }

    /** The storage area of an archive AE: {@code <storage root>/<AE title>}. */
    public static Path storageArea(String aeTitle) {
        return storageRoot().resolve(aeTitle);
    }

    /** {@code jboss.server.data.dir} of the running server. */
    public static Path dataDir() {
        String dir = jvmProperty("jboss.server.data.dir");
        return dir != null ? Path.of(dir) : ItConfig.jbossHome().resolve("standalone/data");
    }

    /**
     * {@code :reload} of the whole server, then waits until it is running again, the archive's REST
     * status answers and its DICOM port accepts a C-ECHO.
     *
     * <p>A reload restarts every service of the server (datasource, EJBs, the deployment, the DICOM
     * listener) inside the same JVM: Arquillian's managed container cannot stop and start the JVM in
     * the middle of a test class, so this is the closest to a restart a test can get here. State kept
     * only in memory is lost, as it would be by a restart; the H2 database and the files stay.
     */
    public static Duration reload(Duration timeout) {
        long started = System.nanoTime();
        try (ModelControllerClient client = client()) {
            ModelNode op = new ModelNode();
            op.get("operation").set("reload");
            op.get("address").setEmptyList();
            ModelNode response = client.execute(op);
            if (!"success".equals(response.get("outcome").asString())) {
                throw new IllegalStateException("reload failed: " + response);
            }
        } catch (IOException e) {
            // the connection may drop while the server reloads; the polling below tells
        }
        long deadline = started + timeout.toNanos();
        String state = null;
        while (System.nanoTime() < deadline) {
            state = serverState();
            if ("running".equals(state) && ArchiveRest.statusAnswers()) {
                ProcessRunner.Result echo = Dcmtk.echoscu("-aec", ItConfig.AE_TITLE);
                if (echo.exitCode() == 0 && echo.output().contains(Dcmtk.ECHO_SUCCESS)) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            }
            ArchiveRest.sleep(250);
        }
        throw new AssertionError("Server not back within " + timeout.toMillis() + " ms after :reload (state "
                + state + ")");
    }

    /** server-state of the server ("running", "reload-required", "starting", ...), or null when unreachable. */
    public static String serverState() {
        try (ModelControllerClient client = client()) {
            ModelNode op = new ModelNode();
            op.get("operation").set("read-attribute");
            op.get("address").setEmptyList();
            op.get("name").set("server-state");
            ModelNode response = client.execute(op);
            return "success".equals(response.get("outcome").asString()) ? response.get("result").asString() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ModelControllerClient client() throws IOException {
        return ModelControllerClient.Factory.create("remote+http", ItConfig.HOST, ItConfig.managementPort());
    }
}
