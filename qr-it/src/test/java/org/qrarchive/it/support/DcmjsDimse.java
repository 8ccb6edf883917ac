package org.qrarchive.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jboss.dmr.ModelNode;

/**
 * dcmjs-dimse (npm), a DIMSE client that shares no code with DCMTK, driven through
 * {@code src/test/node/retrieve.js}. It is installed with npm into {@code target/dcmjs-dimse} on first use
 * (npm from Node.js is a prerequisite of the tests, like DCMTK: missing, the test fails).
 */
public final class DcmjsDimse {
    private static final Path SOURCES = Path.of("src/test/node");
    private static final Path HOME = Path.of("target/dcmjs-dimse");
    private static boolean installed;

    private DcmjsDimse() {
    }

    private static synchronized void ensureInstalled() {
        if (installed) {
            return;
        }
        try {
            Files.createDirectories(HOME);
            for (String file : List.of("package.json", "retrieve.js")) {
                Files.copy(SOURCES.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessRunner.Result r = ProcessRunner.run(Duration.ofSeconds(300), List.of(Dcmtk.onPath("npm",
                "Node.js and npm (apt-get install -y nodejs npm)").toString(), "install", "--no-audit", "--no-fund",
                "--prefix", HOME.toAbsolutePath().toString()));
        if (r.exitCode() != 0) {
            throw new AssertionError("npm install of dcmjs-dimse failed\n" + r.describe());
        }
        installed = true;
    }

    /** Runs retrieve.js with {@code args}; its JSON line, or an AssertionError with its output. */
    public static ModelNode retrieve(String... args) {
        ensureInstalled();
        List<String> command = new ArrayList<>(List.of(Dcmtk.onPath("node", "Node.js").toString(),
                HOME.resolve("retrieve.js").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessRunner.Result r = ProcessRunner.run(Duration.ofSeconds(120), command);
        String out = r.output().strip();
        String last = out.substring(out.lastIndexOf('\n') + 1);
        if (r.exitCode() != 0 || !last.startsWith("{")) {
            throw new AssertionError("dcmjs-dimse retrieve failed\n" + r.describe());
        }
        return ModelNode.fromJSONString(last);
    }
}
