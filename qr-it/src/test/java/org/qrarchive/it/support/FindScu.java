package org.qrarchive.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * DCMTK's findscu as the querying peer.
 *
 * <p>Every query is written as a dcmdump-style text, turned into a query file by dump2dcm and passed to
 * findscu as its {@code dcmfile-in} argument: a value with non-ASCII characters reaches the archive as the
 * bytes of the query's Specific Character Set (ISO 8859-1 for ISO_IR 100, UTF-8 for ISO_IR 192), which a
 * {@code -k} argument cannot guarantee (findscu copies the argument's bytes as they are, and Java encodes
 * process arguments in the platform charset, {@code sun.jnu.encoding}, which is ASCII in a POSIX locale).
 * {@link Query#viaKeyArguments()} sends ASCII queries as {@code -k} arguments instead.
 *
 * <p>What DCMTK 3.6.7's findscu prints and these helpers read (stderr and stdout merged):
 * <pre>
 * I: Sending Find Request (MsgID 1)                               (-v; -d: without the message ID)
 * I: Received Find Response 1 (Pending)                           (-v with -X or -sr)
 * I: Received Find Response 1                                     (-d)
 * D: DIMSE Status                  : 0xff00: Pending: Matches are continuing   (-d only)
 * I: Received Final Find Response (Success)                       (-v)
 * I: Received Final Find Response (Error: DataSetDoesNotMatchSOPClass)
 * I: Received Final Find Response (Cancel: MatchingTerminatedDueToCancelRequest)
 * D: (0000,0901) AT (0008,0052)                                   Offending Element (-d, "Status Detail")
 * D: (0000,0902) LO [Unknown Query/Retrieve Level FOO]            Error Comment (-d)
 * I: Sending Cancel Request (MsgID 1, PresID 1)                   (--cancel N, after the N-th response)
 * E: No Acceptable Presentation Contexts                          (exit code 2)
 * </pre>
 * findscu exits with 0 whatever the C-FIND status; {@code -X} writes each pending response's identifier as
 * {@code rsp0001.dcm}, {@code rsp0002.dcm}... (Part 10, in the transfer syntax of the association: explicit VR
 * little endian by default, implicit with {@code -xi}) into {@code -od}; the
 * numbering restarts with each query of a run, so a run with several query files overwrites the first
 * query's files.
 */
public final class FindScu {

    public static final String NO_ACCEPTABLE_CONTEXTS = "No Acceptable Presentation Contexts";

    public static final int SUCCESS = 0x0000;
    public static final int PENDING = 0xFF00;
    public static final int PENDING_WARNING = 0xFF01;
    public static final int CANCEL = 0xFE00;
    public static final int OUT_OF_RESOURCES = 0xA700;
    public static final int DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int UNABLE_TO_PROCESS = 0xC000;

    /** The three C-FIND models and findscu's option for each. */
    public enum Model {
        PATIENT_ROOT("-P"), STUDY_ROOT("-S"), PATIENT_STUDY_ONLY("-O");

        private final String option;

        Model(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }
    }

    /** A query key: tag and VR (what dump2dcm needs), by keyword. */
    public record Key(int tag, String vr, String keyword) {
        public String tagText() {
            return String.format("(%04x,%04x)", tag >>> 16, tag & 0xFFFF);
        }
    }

    private static final Map<String, Key> KEYS = new LinkedHashMap<>();

    private static void key(int tag, String vr, String keyword) {
        KEYS.put(keyword, new Key(tag, vr, keyword));
    }

    static {
        key(0x00080005, "CS", "SpecificCharacterSet");
        key(0x00080016, "UI", "SOPClassUID");
        key(0x00080018, "UI", "SOPInstanceUID");
        key(0x00080020, "DA", "StudyDate");
        key(0x00080030, "TM", "StudyTime");
        key(0x00080050, "SH", "AccessionNumber");
        key(0x00080052, "CS", "QueryRetrieveLevel");
        key(0x00080054, "AE", "RetrieveAETitle");
        key(0x00080060, "CS", "Modality");
        key(0x00080061, "CS", "ModalitiesInStudy");
        key(0x00080062, "UI", "SOPClassesInStudy");
        key(0x00080080, "LO", "InstitutionName");
        key(0x00080090, "PN", "ReferringPhysicianName");
        key(0x00081030, "LO", "StudyDescription");
        key(0x00081032, "SQ", "ProcedureCodeSequence");
        key(0x00082218, "SQ", "AnatomicRegionSequence");
        key(0x00081060, "PN", "NameOfPhysiciansReadingStudy");
        key(0x0008103E, "LO", "SeriesDescription");
        key(0x00090010, "LO", "PrivateCreator0009");
        key(0x00091001, "LO", "Private00091001");
        key(0x00100010, "PN", "PatientName");
        key(0x00100020, "LO", "PatientID");
        key(0x00100030, "DA", "PatientBirthDate");
        key(0x00100040, "CS", "PatientSex");
        key(0x00101000, "LO", "OtherPatientIDs");
        key(0x0020000D, "UI", "StudyInstanceUID");
        key(0x0020000E, "UI", "SeriesInstanceUID");
        key(0x00200010, "SH", "StudyID");
        key(0x00200011, "IS", "SeriesNumber");
        key(0x00200013, "IS", "InstanceNumber");
        key(0x00201200, "IS", "NumberOfPatientRelatedStudies");
        key(0x00201202, "IS", "NumberOfPatientRelatedSeries");
        key(0x00201204, "IS", "NumberOfPatientRelatedInstances");
        key(0x00201206, "IS", "NumberOfStudyRelatedSeries");
        key(0x00201208, "IS", "NumberOfStudyRelatedInstances");
        key(0x00201209, "IS", "NumberOfSeriesRelatedInstances");
    }

    /** The key of a keyword this helper knows (an {@link IllegalArgumentException} otherwise). */
    public static Key key(String keyword) {
        Key k = KEYS.get(keyword);
        if (k == null) {
            throw new IllegalArgumentException("FindScu knows no key " + keyword + " (add it to FindScu.KEYS)");
        }
        return k;
    }

    public static int tag(String keyword) {
        return key(keyword).tag();
    }

    private FindScu() {
    }

    /** A new query of {@code model}; its keys are added in the order given. */
    public static Query query(Model model) {
        return new Query(model);
    }

    /** One C-FIND identifier and the options of the findscu run that sends it. */
    public static final class Query {
        private final Model model;
        private final List<String[]> lines = new ArrayList<>(); // {keyword or null, dump line}
        private Charset fileCharset = StandardCharsets.US_ASCII;
        private boolean viaK;
        private String callingAe = "FINDSCU";
        private String calledAe = ItConfig.AE_TITLE;

        private Query(Model model) {
            this.model = model;
        }

        public Model model() {
            return model;
        }

        /** Query/Retrieve Level. */
        public Query level(String level) {
            return key("QueryRetrieveLevel", level);
        }

        /** Specific Character Set; also the charset the query file's text values are written in. */
        public Query charset(String term) {
            fileCharset = switch (term) {
                case "ISO_IR 100" -> StandardCharsets.ISO_8859_1;
                case "ISO_IR 192" -> StandardCharsets.UTF_8;
                case "" -> StandardCharsets.US_ASCII;
                default -> throw new IllegalArgumentException("no file charset for " + term);
            };
            return key("SpecificCharacterSet", term);
        }

        /** A return key (zero length: universal matching). */
        public Query key(String keyword) {
            Key k = FindScu.key(keyword);
            lines.removeIf(l -> keyword.equals(l[0]));
            lines.add(new String[] {keyword, k.tagText() + " " + k.vr()});
            return this;
        }

        /** A matching key; {@code value} may hold '\' between values, '*', '?', ranges. */
        public Query key(String keyword, String value) {
            Key k = FindScu.key(keyword);
            if (value.contains("[") || value.contains("]") || value.contains("\n")) {
                throw new IllegalArgumentException("dump2dcm cannot take this value: " + value);
            }
            lines.removeIf(l -> keyword.equals(l[0]));
            lines.add(new String[] {keyword, k.tagText() + " " + k.vr() + " [" + value + "]", value});
            return this;
        }

        /** Lines of dcmdump text as they are (sequences, items), for what {@link #key} cannot say. */
        public Query raw(String... dumpLines) {
            for (String line : dumpLines) {
                lines.add(new String[] {"raw", line});
            }
            return this;
        }

        /** Sends the keys as findscu {@code -k} arguments instead of a query file (ASCII values only). */
        public Query viaKeyArguments() {
            viaK = true;
            return this;
        }

        /** findscu's calling AE title ({@code -aet}, default FINDSCU). */
        public Query callingAe(String ae) {
            callingAe = ae;
            return this;
        }

        /** findscu's called AE title ({@code -aec}, default QRSCP). */
        public Query calledAe(String ae) {
            calledAe = ae;
            return this;
        }

        /** The dcmdump-style text dump2dcm turns into the query file. */
        public String dumpText() {
            StringBuilder sb = new StringBuilder();
            for (String[] line : lines) {
                sb.append(line[1]).append('\n');
            }
            return sb.toString();
        }

        List<String> keyArguments() {
            List<String> args = new ArrayList<>();
            for (String[] line : lines) {
                if ("raw".equals(line[0])) {
                    throw new IllegalArgumentException("raw dump lines need a query file");
                }
                String value = line.length > 2 ? line[2] : "";
                if (!StandardCharsets.US_ASCII.newEncoder().canEncode(value)) {
                    throw new IllegalArgumentException("-k values must be ASCII (use a query file): " + value);
                }
                args.add("-k");
                args.add(line[0] + "=" + value);
            }
            return args;
        }

        /** Writes the query file with dump2dcm into {@code dir}. */
        Path writeFile(Path dir, String name) {
            try {
                Path dump = dir.resolve(name + ".dump");
                Path file = dir.resolve(name + ".dcm");
                Files.write(dump, dumpText().getBytes(fileCharset));
                DicomFiles.ToolRun r = DicomFiles.runTool(Duration.ofSeconds(30),
                        List.of(Dcmtk.require("dump2dcm").toString(), "+te", dump.toString(), file.toString()));
                if (r.exitCode() != 0) {
                    throw new IllegalStateException("dump2dcm failed for the query\n" + dumpText() + "\n"
                            + r.describe());
                }
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Runs this query alone: findscu -d -X, responses read back. */
        public Result run(Path workDir) {
            return FindScu.run(workDir, Options.DEFAULT, List.of(this));
        }

        /** Runs this query alone with {@code options}. */
        public Result run(Path workDir, Options options) {
            return FindScu.run(workDir, options, List.of(this));
        }

        @Override
        public String toString() {
            return model + " " + lines.stream().map(l -> l[0] + (l.length > 2 ? "=" + l[2] : ""))
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * Options of one findscu run.
     *
     * @param debug        {@code -d}: the hexadecimal status of every response, Error Comment and Offending
     *                     Element (otherwise {@code -v -sr}: only the final status text, for big result sets)
     * @param extract      {@code -X}: response identifiers to rsp*.dcm files, read back into {@link Result#responses()}
     * @param cancelAfter  {@code --cancel N} (0: never)
     * @param timeout      deadline of the findscu process
     * @param extraArgs    more findscu options
     */
    public record Options(boolean debug, boolean extract, int cancelAfter, Duration timeout, List<String> extraArgs) {
        public static final Options DEFAULT = new Options(true, true, 0, Duration.ofSeconds(60), List.of());

        public Options withDebug(boolean d) {
            return new Options(d, extract, cancelAfter, timeout, extraArgs);
        }

        public Options withExtract(boolean x) {
            return new Options(debug, x, cancelAfter, timeout, extraArgs);
        }

        public Options withCancelAfter(int n) {
            return new Options(debug, extract, n, timeout, extraArgs);
        }

        public Options withTimeout(Duration t) {
            return new Options(debug, extract, cancelAfter, t, extraArgs);
        }

        /** More findscu options, e.g. {@code -xi} (propose implicit VR little endian only) or {@code -pdu 4096}. */
        public Options withArgs(String... args) {
            return new Options(debug, extract, cancelAfter, timeout, List.of(args));
        }
    }

    /** The findscu command line of {@link #run} for one query (its query file written into {@code dir}). */
    public static List<String> command(Path dir, Options options, Query query) {
        return command(dir, options, List.of(query));
    }

    /**
     * Runs findscu once with one association for all {@code queries} (one query file each, sent in order);
     * all must be of the same model and calling AE title.
     */
    public static Result run(Path workDir, Options options, List<Query> queries) {
        try {
            Path dir = Files.createTempDirectory(workDir, "find-");
            List<String> command = command(dir, options, queries);
            ProcessRunner.Result process = runLatin1(options.timeout(), command);
            List<Response> responses = options.extract() ? readResponses(dir) : List.of();
            return new Result(queries, process, parse(process.output()), responses);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> command(Path dir, Options options, List<Query> queries) {
        Query first = queries.get(0);
        List<String> command = new ArrayList<>();
        command.add(Dcmtk.require("findscu").toString());
        if (options.debug()) {
            command.add("-d");
        } else {
            command.add("-v");
            command.add("-sr");
        }
        command.add(first.model.option());
        command.addAll(List.of("-aec", first.calledAe, "-aet", first.callingAe));
        command.addAll(List.of("-to", "10", "-ta", "10", "-td", "60"));
        if (options.extract()) {
            command.addAll(List.of("-X", "-od", dir.toString()));
        }
        command.addAll(options.extraArgs());
        if (options.cancelAfter() > 0) {
            command.addAll(List.of("--cancel", Integer.toString(options.cancelAfter())));
        }
        if (first.viaK) {
            if (queries.size() != 1) {
                throw new IllegalArgumentException("-k arguments make one query");
            }
            command.addAll(first.keyArguments());
        }
        command.add(ItConfig.HOST);
        command.add(Integer.toString(ItConfig.dicomPort()));
        if (!first.viaK) {
            for (int i = 0; i < queries.size(); i++) {
                Query q = queries.get(i);
                if (q.model != first.model || !q.callingAe.equals(first.callingAe)
                        || !q.calledAe.equals(first.calledAe)) {
                    throw new IllegalArgumentException("one model and pair of AE titles per findscu run");
                }
                command.add(q.writeFile(dir, "query" + (i + 1)).toString());
            }
        }
        return command;
    }

    /**
     * Like {@link ProcessRunner#run} (TCP_NODELAY=1, stdout and stderr merged, killed at the deadline) but
     * reads the output as ISO 8859-1: findscu prints response values as their raw bytes, which are not always
     * valid in the platform charset (ProcessRunner's strict decoding fails on a Latin-1 "ü").
     */
    static ProcessRunner.Result runLatin1(Duration timeout, List<String> command) throws IOException {
        Path out = Files.createTempFile("qr-it-findscu-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("TCP_NODELAY", "1");
            long started = System.nanoTime();
            Process process = builder.start();
            boolean ended;
            try {
                ended = process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted: " + command, e);
            }
            String output = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
            if (!ended) {
                process.destroyForcibly();
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms, killed: "
                        + String.join(" ", command) + "\n--- output so far ---\n"
                        + output.substring(Math.max(0, output.length() - 8000)));
            }
            return new ProcessRunner.Result(List.copyOf(command), process.exitValue(), output,
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** What one query of a findscu run got back, as printed. */
    public record Outcome(int messageId, int pendingCount, List<Integer> statuses, String finalText,
                          Integer finalStatus, String errorComment, String offendingElement, boolean cancelSent,
                          List<String> printedStudyUids) {

        /** The final status: from the debug output, or from the -v text. */
        public int status() {
            if (finalStatus != null) {
                return finalStatus;
            }
            if (finalText == null) {
                return -1;
            }
            if (finalText.startsWith("Success")) {
                return SUCCESS;
            }
            if (finalText.startsWith("Cancel")) {
                return CANCEL;
            }
            return -1; // other texts: run with debug to get the code
        }

        public boolean completed() {
            return finalText != null || finalStatus != null;
        }

        /** The statuses of the pending responses (debug output only). */
        public List<Integer> pendingStatuses() {
            return statuses.isEmpty() ? List.of() : statuses.subList(0, statuses.size() - (completed() ? 1 : 0));
        }
    }

    private static final Pattern SENDING = Pattern.compile("(?m)^I: Sending Find Request(?: \\(MsgID (\\d+)\\))?");
    private static final Pattern PENDING_LINE = Pattern.compile("(?m)^I: Received Find Response \\d+");
    private static final Pattern FINAL_LINE =
            Pattern.compile("(?m)^I: Received Final Find Response(?: \\((.*)\\))?\\s*$");
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^D: DIMSE Status\\s*: 0x([0-9a-fA-F]{4})");
    private static final Pattern COMMENT_LINE = Pattern.compile("(?m)^D: \\(0000,0902\\) LO \\[(.*?)\\s*\\]");
    private static final Pattern OFFENDING_LINE = Pattern.compile("(?m)^D: \\(0000,0901\\) AT (\\S+)");
    private static final Pattern PRINTED_STUDY_UID = Pattern.compile(
            "(?m)^[DI]: \\(0020,000d\\) UI \\[([0-9.]+)[\\s\\x00]*\\]");

    static List<Outcome> parse(String output) {
        List<Outcome> outcomes = new ArrayList<>();
        Matcher m = SENDING.matcher(output);
        List<int[]> starts = new ArrayList<>(); // {start, msgId}
        while (m.find()) {
            starts.add(new int[] {m.start(), m.group(1) != null ? Integer.parseInt(m.group(1)) : starts.size() + 1});
        }
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i)[0];
            int to = i + 1 < starts.size() ? starts.get(i + 1)[0] : output.length();
            String chunk = output.substring(from, to);
            int pending = count(PENDING_LINE, chunk);
            Matcher f = FINAL_LINE.matcher(chunk);
            String finalText = null;
            int finalAt = -1;
            if (f.find()) {
                finalText = f.group(1) == null ? "" : f.group(1);
                finalAt = f.start();
            }
            List<Integer> statuses = new ArrayList<>();
            Integer finalStatus = null;
            Matcher s = STATUS_LINE.matcher(chunk);
            while (s.find()) {
                int status = Integer.parseInt(s.group(1), 16);
                statuses.add(status);
                if (finalAt >= 0 && s.start() > finalAt) {
                    finalStatus = status;
                }
            }
            String comment = null;
            String offending = null;
            if (finalAt >= 0) {
                String tail = chunk.substring(finalAt);
                Matcher c = COMMENT_LINE.matcher(tail);
                comment = c.find() ? c.group(1) : null;
                Matcher o = OFFENDING_LINE.matcher(tail);
                offending = o.find() ? o.group(1) : null;
            }
            List<String> printed = new ArrayList<>();
            int responsesStart = chunk.indexOf("Received Find Response");
            if (responsesStart >= 0) {
                Matcher u = PRINTED_STUDY_UID.matcher(chunk.substring(responsesStart));
                while (u.find()) {
                    printed.add(u.group(1));
                }
            }
            outcomes.add(new Outcome(starts.get(i)[1], pending, statuses, finalText, finalStatus, comment, offending,
                    chunk.contains("Sending Cancel Request"), printed));
        }
        return outcomes;
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The result of one findscu run. */
    public record Result(List<Query> queries, ProcessRunner.Result process, List<Outcome> outcomes,
                         List<Response> responses) {

        public boolean noAcceptableContexts() {
            return process.output().contains(NO_ACCEPTABLE_CONTEXTS);
        }

        /** The outcome of the only (or first) query. */
        public Outcome outcome() {
            if (outcomes.isEmpty()) {
                throw new AssertionError("findscu sent no query\n" + describe());
            }
            return outcomes.get(0);
        }

        public int status() {
            return outcome().status();
        }

        public int pendingCount() {
            return outcome().pendingCount();
        }

        /** The values of {@code keyword} over all responses, as a set (fails on duplicates). */
        public Set<String> values(String keyword) {
            int tag = tag(keyword);
            List<String> list = responses.stream().map(r -> r.string(tag)).toList();
            Set<String> set = new LinkedHashSet<>(list);
            if (set.size() != list.size()) {
                throw new AssertionError("duplicate " + keyword + " values in the responses: " + list);
            }
            return set;
        }

        /** The response whose {@code keyword} is {@code value}. */
        public Response response(String keyword, String value) {
            int tag = tag(keyword);
            return responses.stream().filter(r -> value.equals(r.string(tag))).findFirst()
                    .orElseThrow(() -> new AssertionError("no response with " + keyword + "=" + value + "\n"
                            + describe()));
        }

        /** For assertion messages: the queries, the findscu command, its output (cut) and the responses. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (Query q : queries) {
                sb.append("query: ").append(q).append('\n');
            }
            String out = process.output();
            if (out.length() > 12000) {
                out = out.substring(0, 4000) + "\n[... " + (out.length() - 10000) + " characters ...]\n"
                        + out.substring(out.length() - 6000);
            }
            sb.append("$ ").append(String.join(" ", process.command())).append("\nexit code ")
                    .append(process.exitCode()).append(" after ").append(process.elapsed().toMillis())
                    .append(" ms\n--- output ---\n").append(out).append("--------------\n");
            int n = 0;
            for (Response r : responses) {
                if (++n > 30) {
                    sb.append("... ").append(responses.size() - 30).append(" more responses\n");
                    break;
                }
                sb.append("response ").append(n).append(": ").append(r).append('\n');
            }
            return sb.toString();
        }
    }

    /** Reads rsp0001.dcm, rsp0002.dcm... of {@code dir} in their numeric order. */
    public static List<Response> readResponses(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> rsp = files.filter(p -> p.getFileName().toString().matches("rsp\\d+\\.dcm"))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString()
                            .replaceAll("\\D", ""))))
                    .toList();
            List<Response> responses = new ArrayList<>(rsp.size());
            for (Path p : rsp) {
                responses.add(Response.read(p));
            }
            return responses;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One response identifier: the top-level elements with their raw value bytes. */
    public record Response(Path file, Map<Integer, Element> elements) {

        public record Element(String vr, byte[] value) {
        }

        public static Response read(Path file) {
            DicomFiles.Part10 part10 = DicomFiles.readPart10(file)
                    .orElseThrow(() -> new AssertionError("not a Part 10 file: " + file));
            String ts = part10.meta(DicomFiles.TRANSFER_SYNTAX_UID);
            boolean explicit = !TestObjects.IMPLICIT_LE.equals(ts);
            if (explicit && !TestObjects.EXPLICIT_LE.equals(ts)) {
                throw new AssertionError("unexpected transfer syntax " + ts + " of " + file);
            }
            return new Response(file, LeDataSet.parse(part10.dataSet(), explicit));
        }

        public boolean has(int tag) {
            return elements.containsKey(tag);
        }

        public boolean has(String keyword) {
            return has(tag(keyword));
        }

        /** The value bytes (without trailing padding: spaces and NULs); {@code null} when absent. */
        public byte[] raw(int tag) {
            Element e = elements.get(tag);
            if (e == null) {
                return null;
            }
            byte[] v = e.value();
            int end = v.length;
            while (end > 0 && (v[end - 1] == ' ' || v[end - 1] == 0)) {
                end--;
            }
            return java.util.Arrays.copyOf(v, end);
        }

        /** Whether element {@code tag} holds at least one sequence item (an item tag FFFE,E000 in its value). */
        public boolean hasItems(int tag) {
            Element e = elements.get(tag);
            byte[] v = e == null ? new byte[0] : e.value();
            for (int k = 0; k + 3 < v.length; k++) {
                if (v[k] == (byte) 0xFE && v[k + 1] == (byte) 0xFF && v[k + 2] == 0x00 && v[k + 3] == (byte) 0xE0) {
                    return true;
                }
            }
            return false;
        }

        public int length(int tag) {
            Element e = elements.get(tag);
            return e == null ? -1 : e.value().length;
        }

        /** The Specific Character Set's defined term ("" when empty, {@code null} when absent). */
        public String charset() {
            byte[] cs = raw(0x00080005);
            return cs == null ? null : new String(cs, StandardCharsets.US_ASCII);
        }

        /** The Java charset the response's text is in: ISO 8859-1 or -5, UTF-8, ISO-2022-JP or ASCII. */
        public Charset javaCharset() {
            String cs = charset();
            if (cs == null || cs.isEmpty()) {
                return StandardCharsets.US_ASCII;
            }
            return switch (cs) {
                case "ISO_IR 100" -> StandardCharsets.ISO_8859_1;
                case "ISO_IR 192" -> StandardCharsets.UTF_8;
                case "ISO_IR 144" -> CharsetFixture.ISO_8859_5;
                case "\\ISO 2022 IR 87" -> CharsetFixture.ISO_2022_JP;
                default -> throw new AssertionError("unexpected Specific Character Set " + cs + " in " + file);
            };
        }

        /** The value decoded with the response's character set, without padding; {@code null} when absent. */
        public String string(int tag) {
            byte[] v = raw(tag);
            return v == null ? null : new String(v, javaCharset());
        }

        public String string(String keyword) {
            return string(tag(keyword));
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{");
            Charset cs;
            try {
                cs = javaCharset();
            } catch (AssertionError e) {
                cs = StandardCharsets.ISO_8859_1;
            }
            for (Map.Entry<Integer, Element> e : elements.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                int tag = e.getKey();
                sb.append(String.format("(%04X,%04X) %s [", tag >>> 16, tag & 0xFFFF, e.getValue().vr()));
                sb.append("SQ".equals(e.getValue().vr()) ? "sequence" : new String(e.getValue().value(), cs).strip());
                sb.append(']');
            }
            return sb.append('}').toString();
        }
    }

    /**
     * A reader of the top-level elements of a little endian data set, explicit or implicit VR (findscu -X
     * writes the identifier in the transfer syntax it was received in); sequences are kept as raw bytes. With
     * implicit VR the VR comes from {@link #KEYS} ("UN" for other tags, "SQ" for undefined lengths).
     */
    static final class LeDataSet {
        private static final Set<String> LONG = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN",
                "UR", "UT", "UV");
        private final byte[] b;
        private final boolean explicit;
        private int pos;

        private LeDataSet(byte[] b, boolean explicit) {
            this.b = b;
            this.explicit = explicit;
        }

        static Map<Integer, Response.Element> parse(byte[] dataSet, boolean explicit) {
            LeDataSet r = new LeDataSet(dataSet, explicit);
            Map<Integer, Response.Element> elements = new LinkedHashMap<>();
            while (r.pos + 8 <= dataSet.length) {
                int tag = r.tag();
                String[] vr = new String[1];
                long length = r.vrAndLength(tag, vr);
                if (length == 0xFFFFFFFFL) {
                    int start = r.pos;
                    r.skipUndefinedSequence();
                    elements.put(tag, new Response.Element("SQ", java.util.Arrays.copyOfRange(dataSet, start, r.pos)));
                } else {
                    elements.put(tag, new Response.Element(vr[0],
                            java.util.Arrays.copyOfRange(dataSet, r.pos, r.pos + (int) length)));
                    r.pos += (int) length;
                }
            }
            return elements;
        }

        private long vrAndLength(int tag, String[] vr) {
            if (!explicit) {
                Key known = KEYS.values().stream().filter(k -> k.tag() == tag).findFirst().orElse(null);
                vr[0] = known != null ? known.vr() : "UN";
                return u32();
            }
            vr[0] = new String(b, pos, 2, StandardCharsets.US_ASCII);
            pos += 2;
            if (LONG.contains(vr[0])) {
                pos += 2;
                return u32();
            }
            return u16();
        }

        private int tag() {
            int group = u16();
            int element = u16();
            return group << 16 | element;
        }

        private int u16() {
            int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
            pos += 2;
            return v;
        }

        private long u32() {
            long v = (b[pos] & 0xFFL) | (b[pos + 1] & 0xFFL) << 8 | (b[pos + 2] & 0xFFL) << 16
                    | (b[pos + 3] & 0xFFL) << 24;
            pos += 4;
            return v;
        }

        /** Skips items up to and including the sequence delimitation item. */
        private void skipUndefinedSequence() {
            while (pos + 8 <= b.length) {
                int tag = tag();
                long length = u32();
                if (tag == 0xFFFEE0DD) {
                    return;
                }
                if (tag != 0xFFFEE000) {
                    throw new AssertionError(String.format("unexpected tag %08X in a sequence", tag));
                }
                if (length == 0xFFFFFFFFL) {
                    skipUndefinedItem();
                } else {
                    pos += (int) length;
                }
            }
        }

        private void skipUndefinedItem() {
            while (pos + 8 <= b.length) {
                int tag = tag();
                if (tag == 0xFFFEE00D) {
                    pos += 4;
                    return;
                }
                long length = vrAndLength(tag, new String[1]);
                if (length == 0xFFFFFFFFL) {
                    skipUndefinedSequence();
                } else {
                    pos += (int) length;
                }
            }
        }
    }

    /** "a\b\c" split into values, trailing padding of each removed. */
    public static List<String> split(String multiValue) {
        if (multiValue == null) {
            return null;
        }
        if (multiValue.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String v : multiValue.split("\\\\", -1)) {
            values.add(v.strip());
        }
        return values;
    }

    /** "a\b" of {@code values}. */
    public static String join(Collection<String> values) {
        return String.join("\\", values);
    }
}
