package org.qrarchive.dicom.net;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs DCMTK command line tools; a missing DCMTK fails the test with a message saying how to get it. */
final class Dcmtk {
    record Result(int exitCode, String output) {
    }

    private Dcmtk() {
    }

    static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        throw new IllegalStateException(name + " (DCMTK) is not installed: run `apt-get install -y dcmtk` "
                + "(.ci/run does it)");
    }

    static Result run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p = start(command);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static Process start(String... command) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(command));
        cmd.set(0, tool(cmd.get(0)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        return pb.start();
    }
}
