package org.qrarchive.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs external programs (DCMTK tools, jboss-cli.sh) for the tests: environment
 * {@code TCP_NODELAY=1} (DCMTK then disables Nagle on its sockets), stdout and stderr
 * merged into one text, and a timeout on every process: a process still running at
 * its deadline is killed and the test fails with what it printed so far.
 */
public final class ProcessRunner {

    /** Default deadline of one DCMTK tool run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private ProcessRunner() {
    }

    /** Runs {@code command} to completion (or kills it at {@code timeout}). */
    public static Result run(Duration timeout, List<String> command) {
        return start(command).await(timeout);
    }

    /** Runs {@code command} with {@link #DEFAULT_TIMEOUT}. */
    public static Result run(String... command) {
        return run(DEFAULT_TIMEOUT, List.of(command));
    }

    /** Starts {@code command} without waiting: several can run at the same time. */
    public static Running start(List<String> command) {
        try {
            Path out = Files.createTempFile("qr-it-process-", ".out");
            out.toFile().deleteOnExit();
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("TCP_NODELAY", "1");
            long started = System.nanoTime();
            return new Running(List.copyOf(command), builder.start(), out, started);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command + ": " + e.getMessage(), e);
        }
    }

    /** A started process. */
    public static final class Running {
        private final List<String> command;
        private final Process process;
        private final Path output;
        private final long startedNanos;

        private Running(List<String> command, Process process, Path output, long startedNanos) {
            this.command = command;
            this.process = process;
            this.output = output;
            this.startedNanos = startedNanos;
        }

        /** Stops a process that would run until stopped (a storescp serving a test), with its children. */
        public void destroy() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        /**
         * Waits for the process to end; at {@code timeout} (counted from its start) it is
         * killed and an {@link AssertionError} carrying its output is thrown.
         */
        public Result await(Duration timeout) {
            try {
                long left = timeout.toNanos() - (System.nanoTime() - startedNanos);
                boolean ended = process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS);
                if (!ended) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                    throw new AssertionError("Timed out after " + timeout.toMillis() + " ms, killed: "
                            + String.join(" ", command) + "\n--- output so far ---\n" + read());
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
                return new Result(command, process.exitValue(), read(), elapsed);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + command, e);
            } finally {
                if (!process.isAlive()) {
                    try {
                        Files.deleteIfExists(output);
                    } catch (IOException ignored) {
                        // a temp file left behind is harmless
                    }
                }
            }
        }

        private String read() {
            try {
                return Files.readString(output, Charset.defaultCharset());
            } catch (IOException e) {
                return "<cannot read the output: " + e + ">";
            }
        }
    }

    /** What a process did. */
    public record Result(List<String> command, int exitCode, String output, Duration elapsed) {

        /** For assertion messages: the command, its exit code, time and full output. */
        public String describe() {
            return "$ " + String.join(" ", command) + "\nexit code " + exitCode + " after "
                    + elapsed.toMillis() + " ms\n--- output ---\n" + output + "--------------";
        }
    }
}
