package org.qrarchive.it.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The DCMTK command-line tools used as DICOM peers.
 *
 * <p>Wording of DCMTK 3.6.7 (echoscu -v) that the tests rely on; these lines go to stderr,
 * which {@link ProcessRunner} merges with stdout:
 * <pre>
 * I: Association Accepted (Max Send PDV: 16372)
 * I: Received Echo Response (Success)
 * F: Association Rejected:
 * F: Result: Rejected Permanent, Source: Service User
 * F: Reason: Called AE Title Not Recognized          (A-ASSOCIATE-RJ 1/1/7)
 * F: Reason: Calling AE Title Not Recognized         (A-ASSOCIATE-RJ 1/1/3)
 * F: Result: Rejected Transient, Source: Service Provider (Presentation Related)
 * F: Reason: Local Limit Exceeded                    (A-ASSOCIATE-RJ 2/3/2)
 * </pre>
 * A rejected echoscu exits with code 1.
 */
public final class Dcmtk {

    public static final String ECHO_SUCCESS = "Received Echo Response (Success)";
    public static final String ASSOCIATION_REJECTED = "Association Rejected";
    public static final String REJECTED_PERMANENT = "Rejected Permanent";
    public static final String REJECTED_TRANSIENT = "Rejected Transient";
    public static final String CALLED_AE_NOT_RECOGNIZED = "Reason: Called AE Title Not Recognized";
    public static final String CALLING_AE_NOT_RECOGNIZED = "Reason: Calling AE Title Not Recognized";
    public static final String LOCAL_LIMIT_EXCEEDED = "Reason: Local Limit Exceeded";

    private Dcmtk() {
    }

    /**
     * Fails (never skips) when echoscu is not installed: these tests are the point of the
     * module, a machine without DCMTK must not pass them silently.
     */
    public static Path requireEchoscu() {
        return require("echoscu");
    }

    /** The absolute path of a DCMTK tool on the PATH, or an {@link IllegalStateException}. */
    public static Path require(String tool) {
        return onPath(tool, "DCMTK 3.6.x: install it with 'apt-get update && apt-get install -y dcmtk' (.ci/run does"
                + " this)");
    }

    /** The absolute path of a program on the PATH; missing, an {@link IllegalStateException} naming {@code what}. */
    public static Path onPath(String tool, String what) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, tool);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException(tool + " is not on the PATH (" + path + "). The integration tests need "
                + what + ".");
    }

    /**
     * {@code echoscu -v [extraArgs] 127.0.0.1 <dicom port>}; pass {@code -aec}/{@code -aet} in
     * {@code extraArgs} (echoscu's defaults are called ANY-SCP, calling ECHOSCU).
     */
    public static List<String> echoscuCommand(String... extraArgs) {
        List<String> command = new ArrayList<>();
        command.add(requireEchoscu().toString());
        command.add("-v");
        // fail fast instead of hanging if the server never answers
        command.add("-to");
        command.add("10");
        command.add("-ta");
        command.add("10");
        command.add("-td");
        command.add("10");
        command.addAll(List.of(extraArgs));
        command.add(ItConfig.HOST);
        command.add(Integer.toString(ItConfig.dicomPort()));
        return command;
    }

    /** Runs echoscu (see {@link #echoscuCommand}) with a 30 s deadline. */
    public static ProcessRunner.Result echoscu(String... extraArgs) {
        return ProcessRunner.run(Duration.ofSeconds(30), echoscuCommand(extraArgs));
    }
}
