package org.qrarchive.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DCMTK's storescu as the sending peer.
 *
 * <p>What DCMTK 3.6.7's storescu does, and the tests rely on:
 * <ul>
 * <li>It decodes each file and encodes the data set again for the network. The bytes sent equal the
 *     file's data set bytes only if the file is in the transfer syntax of the accepted presentation
 *     context AND its sequences and items have explicit lengths (storescu writes explicit lengths;
 *     a file with undefined-length sequences arrives 16 bytes longer or shorter). Deflated files are
 *     deflated again, with the same zlib and level 6, which gives the same bytes for DCMTK-made files.</li>
 * <li>Per SOP class it proposes one context with the preferred transfer syntax ({@code -x?} option) and
 *     one with the other uncompressed ones; a file is sent in its own transfer syntax only if that
 *     exact syntax was accepted, otherwise it is converted (uncompressed) or fails ("unable to
 *     convert dataset from 'JPEG Baseline'"). So the tests send each transfer syntax with its own
 *     storescu run: {@code -xi} implicit only, {@code -xe} explicit LE alone first, {@code -xb}
 *     explicit BE alone first, {@code -xd} deflated first, {@code -xy} JPEG baseline first.</li>
 * <li>It removes spaces from UI values when reading a file ("DcmUniqueIdentifier: Element
 *     SOPInstanceUID (0008,0018) contains one or more space characters, which were removed"):
 *     space-padded UIDs cannot be sent with it (see {@link RawStore}). It sends syntactically invalid
 *     UIDs ("../../x", 65 characters, letters) unchanged.</li>
 * <li>{@code -v} prints "Received Store Response (Success)" per stored object; a failure status is
 *     printed as e.g. "Received Store Response (Error: ...)"; without {@code -nh} it stops at the first
 *     failure.</li>
 * <li>Without any accepted presentation context it prints "No Acceptable Presentation Contexts" and
 *     exits with a non-zero code.</li>
 * </ul>
 */
public final class StoreScu {

    public static final String STORE_SUCCESS = "Received Store Response (Success)";
    public static final String NO_ACCEPTABLE_CONTEXTS = "No Acceptable Presentation Contexts";
    private static final Pattern RESPONSE = Pattern.compile("Received Store Response \\(([^)]*)\\)");

    /** The -x option that makes storescu send files of that transfer syntax as they are. */
    private static final Map<String, String> PROPOSAL = Map.of(
            TestObjects.IMPLICIT_LE, "-xi",
            TestObjects.EXPLICIT_LE, "-xe",
            TestObjects.EXPLICIT_BE, "-xb",
            TestObjects.DEFLATED_LE, "-xd",
            TestObjects.JPEG_BASELINE, "-xy");

    private StoreScu() {
    }

    /** The storescu option proposing {@code transferSyntaxUid} first, in a context of its own. */
    public static String proposalFor(String transferSyntaxUid) {
        String option = PROPOSAL.get(transferSyntaxUid);
        if (option == null) {
            throw new IllegalArgumentException("no storescu proposal for " + transferSyntaxUid);
        }
        return option;
    }

    /**
     * {@code storescu -v -R <proposal> [extra] -aec QRSCP 127.0.0.1 <port> files...}, with timeouts so a
     * silent server fails the test instead of hanging it.
     */
    public static List<String> command(String proposal, List<String> extraArgs, Collection<Path> files) {
        List<String> command = new ArrayList<>();
        command.add(Dcmtk.require("storescu").toString());
        command.add("-v");
        command.add("-R"); // only the SOP classes of the files
        command.add(proposal);
        command.addAll(List.of("-to", "10", "-ta", "10", "-td", "30"));
        command.addAll(extraArgs);
        command.addAll(List.of("-aec", ItConfig.AE_TITLE, ItConfig.HOST, Integer.toString(ItConfig.dicomPort())));
        for (Path f : files) {
            command.add(f.toString());
        }
        return command;
    }

    /** Sends {@code files} (all in {@code transferSyntaxUid}) in one association and waits. */
    public static ProcessRunner.Result send(String transferSyntaxUid, Collection<Path> files, String... extraArgs) {
        return ProcessRunner.run(Duration.ofSeconds(120), command(proposalFor(transferSyntaxUid), List.of(extraArgs),
                files));
    }

    /** {@link #command} in explicit VR little endian, calling {@code calledAe} instead of QRSCP. */
    public static List<String> commandTo(String calledAe, Collection<Path> files) {
        List<String> command = command(proposalFor(TestObjects.EXPLICIT_LE), List.of(), files);
        command.set(command.indexOf("-aec") + 1, calledAe);
        return command;
    }

    /** Sends {@code files} (explicit VR little endian) to archive AE {@code calledAe} in one association. */
    public static ProcessRunner.Result sendTo(String calledAe, Collection<Path> files) {
        return ProcessRunner.run(Duration.ofSeconds(120), commandTo(calledAe, files));
    }

    /** Starts storescu without waiting (for parallel senders). */
    public static ProcessRunner.Running start(String transferSyntaxUid, Collection<Path> files, String... extraArgs) {
        return ProcessRunner.start(command(proposalFor(transferSyntaxUid), List.of(extraArgs), files));
    }

    /** How many "Received Store Response (Success)" lines storescu printed. */
    public static int successes(ProcessRunner.Result result) {
        return (int) responses(result).stream().filter("Success"::equals).count();
    }

    /** The text in parentheses of every "Received Store Response (...)" line, in order. */
    public static List<String> responses(ProcessRunner.Result result) {
        List<String> responses = new ArrayList<>();
        Matcher m = RESPONSE.matcher(result.output());
        while (m.find()) {
            responses.add(m.group(1));
        }
        return responses;
    }
}
