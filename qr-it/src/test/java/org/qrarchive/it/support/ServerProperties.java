package org.qrarchive.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;

/**
 * Changes {@code /system-property=...} resources of the running test server through its
 * management API (ModelControllerClient on 127.0.0.1:10090, local authentication). The
 * archive reads its {@code qr.*} properties at each new association, so a change applies
 * to the next association.
 *
 * <pre>
 * try (ServerProperties.Change change = ServerProperties.set("qr.ae.peers", "ECHOSCU,GOODPEER")) {
 *     ... // the server now has qr.ae.peers
 * } // restored: removed again, or its former value put back
 * </pre>
 */
public final class ServerProperties {

    private ServerProperties() {
    }

    /**
     * Sets system property {@code name} to {@code value} (adding the resource if absent) and
     * returns the handle that restores the previous state when closed.
     */
    public static Change set(String name, String value) {
        try (ModelControllerClient client = client()) {
            Optional<ModelNode> before = readValue(client, name);
            if (before.isPresent()) {
                ModelNode op = operation("write-attribute", name);
                op.get("name").set("value");
                op.get("value").set(value);
                execute(client, op);
            } else {
                ModelNode op = operation("add", name);
                op.get("value").set(value);
                execute(client, op);
            }
            return new Change(name, before.orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configured value of system property {@code name} (an expression stays unresolved), if defined. */
    public static Optional<String> configured(String name) {
        try (ModelControllerClient client = client()) {
            return readValue(client, name).map(ModelNode::asString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restores one property when closed. Closing twice is harmless. */
    public static final class Change implements AutoCloseable {
        private final String name;
        private final ModelNode before; // null: the resource did not exist
        private boolean restored;

        private Change(String name, ModelNode before) {
            this.name = name;
            this.before = before;
        }

        @Override
        public void close() {
            if (restored) {
                return;
            }
            restored = true;
            try (ModelControllerClient client = client()) {
                ModelNode remove = operation("remove", name);
                if (before == null) {
                    execute(client, remove);
                    return;
                }
                // Remove and add again in one composite operation instead of write-attribute:
                // configure-server.cli writes self-referencing defaults such as
                // ${qr.max.associations:16}; written back while the JVM property still holds the
                // test value, such an expression would resolve to the test value. After the
                // remove (which clears the JVM property) it resolves to its default again.
                ModelNode add = operation("add", name);
                add.get("value").set(before);
                ModelNode composite = new ModelNode();
                composite.get("operation").set("composite");
                composite.get("address").setEmptyList();
                composite.get("steps").add(remove);
                composite.get("steps").add(add);
                execute(client, composite);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot restore system property " + name, e);
            }
        }
    }

    private static Optional<ModelNode> readValue(ModelControllerClient client, String name) throws IOException {
        ModelNode op = operation("read-attribute", name);
        op.get("name").set("value");
        ModelNode response = client.execute(op);
        if (!"success".equals(response.get("outcome").asString())) {
            return Optional.empty(); // no such resource
        }
        ModelNode result = response.get("result");
        return result.getType() == ModelType.UNDEFINED ? Optional.empty() : Optional.of(result);
    }

    private static ModelNode operation(String operation, String name) {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("system-property", name);
        return op;
    }

    private static ModelNode execute(ModelControllerClient client, ModelNode op) throws IOException {
        ModelNode response = client.execute(op);
        if (!"success".equals(response.get("outcome").asString())) {
            throw new IllegalStateException("Management operation failed: " + op + "\n-> " + response);
        }
        return response.get("result");
    }

    private static ModelControllerClient client() throws IOException {
        return ModelControllerClient.Factory.create("remote+http", ItConfig.HOST, ItConfig.managementPort());
    }
}
