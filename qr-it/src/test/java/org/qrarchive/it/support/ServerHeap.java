package org.qrarchive.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/**
 * The test server's heap through its management API:
 * {@code /core-service=platform-mbean/type=memory:read-attribute(name=heap-memory-usage)}.
 */
public final class ServerHeap {

    private ServerHeap() {
    }

    /** One reading, in bytes, with the time it was taken (ms since the sampler started, or 0). */
    public record Usage(long millis, long used, long committed, long max) {
        public static long mib(long bytes) {
            return bytes / (1024 * 1024);
        }

        @Override
        public String toString() {
            return String.format("t=%d ms used=%d MiB committed=%d MiB max=%d MiB", millis, mib(used), mib(committed),
                    mib(max));
        }
    }

    /** Reads the heap usage now. */
    public static Usage read() {
        try (ModelControllerClient client = client()) {
            return read(client, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Usage read(ModelControllerClient client, long millis) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set("read-attribute");
        op.get("address").add("core-service", "platform-mbean").add("type", "memory");
        op.get("name").set("heap-memory-usage");
        ModelNode response = client.execute(op);
        if (!"success".equals(response.get("outcome").asString())) {
            throw new IllegalStateException("Cannot read heap-memory-usage: " + response);
        }
        ModelNode r = response.get("result");
        return new Usage(millis, r.get("used").asLong(), r.get("committed").asLong(), r.get("max").asLong());
    }

    /** Reads the heap every {@code periodMillis} in a thread of its own until closed. */
    public static Sampler sample(long periodMillis) {
        return new Sampler(periodMillis, 0);
    }

    /**
     * Like {@link #sample(long)}, and every {@code gcEvery}-th round also runs a full GC
     * ({@code /core-service=platform-mbean/type=memory:gc}) and reads the heap right after it: the live heap,
     * without the garbage that raw readings include ({@link Sampler#live()}).
     */
    public static Sampler sample(long periodMillis, int gcEvery) {
        return new Sampler(periodMillis, gcEvery);
    }

    private static void gc(ModelControllerClient client) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set("gc");
        op.get("address").add("core-service", "platform-mbean").add("type", "memory");
        ModelNode response = client.execute(op);
        if (!"success".equals(response.get("outcome").asString())) {
            throw new IllegalStateException("gc failed: " + response);
        }
    }

    public static final class Sampler implements AutoCloseable {
        private final List<Usage> samples = Collections.synchronizedList(new ArrayList<>());
        private final List<Usage> live = Collections.synchronizedList(new ArrayList<>());
        private final List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile boolean stop;

        private Sampler(long periodMillis, int gcEvery) {
            long start = System.nanoTime();
            thread = new Thread(() -> {
                try (ModelControllerClient client = client()) {
                    int round = 0;
                    while (!stop) {
                        try {
                            samples.add(read(client, (System.nanoTime() - start) / 1_000_000));
                            if (gcEvery > 0 && ++round % gcEvery == 0) {
                                gc(client);
                                live.add(read(client, (System.nanoTime() - start) / 1_000_000));
                            }
                        } catch (IOException | RuntimeException e) {
                            failures.add(e);
                        }
                        Thread.sleep(periodMillis);
                    }
                } catch (IOException e) {
                    failures.add(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        public List<Usage> samples() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }

        /** The readings right after a full GC. */
        public List<Usage> live() {
            synchronized (live) {
                return List.copyOf(live);
            }
        }

        public List<Exception> failures() {
            synchronized (failures) {
                return List.copyOf(failures);
            }
        }

        public Usage peak() {
            return samples().stream().max(java.util.Comparator.comparingLong(Usage::used)).orElse(null);
        }

        @Override
        public void close() {
            stop = true; // not interrupted: the management client may be in the middle of a read
            try {
                thread.join(15000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ModelControllerClient client() throws IOException {
        return ModelControllerClient.Factory.create("remote+http", ItConfig.HOST, ItConfig.managementPort());
    }
}
