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
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The C-FIND test data, in one place: six patients (one named in ISO_IR 100, one in ISO_IR 192, two that
 * differ only in case), eight studies with various dates, times, accession numbers, descriptions and
 * referring physicians, series of CT, MR and SR, 18 instances of four SOP classes, and two multi-valued
 * attributes (Other Patient IDs, Name of Physician(s) Reading Study). The tests compute every expected result
 * from these records with {@link #patients(Predicate)}, {@link #studies(Predicate)}...
 *
 * <p>Patient IDs and accession numbers carry the run token: the test server's index outlives a run (and holds
 * other tests' objects), so a test scopes a query to this fixture with {@code PatientID=<scope>*}
 * ({@link #scope()}) instead of universal matching on everything.
 *
 * <p>The objects are made with dump2dcm, without pixel data, from dump files written in the character set of
 * the patient (ISO 8859-1 or UTF-8: dump2dcm takes the bytes as they are), and sent with one storescu
 * association.
 */
public final class FindFixture {

    public static final String CT = TestObjects.CT;
    public static final String MR = TestObjects.MR;
    public static final String BASIC_TEXT_SR = TestObjects.BASIC_TEXT_SR;
    public static final String ENHANCED_SR = "1.2.840.10008.5.1.4.1.1.88.22";

    /** {@code otherIds}: Other Patient IDs (0010,1000), several values joined with '\', or null. */
    public record Patient(String id, String name, String charset, String birthDate, String sex, String otherIds) {
        /** The Java charset of the patient's objects (and of their dump files). */
        public Charset javaCharset() {
            return charset == null ? StandardCharsets.US_ASCII
                    : "ISO_IR 100".equals(charset) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        }
    }

    /** {@code readingPhysicians}: Name of Physician(s) Reading Study (0008,1060), values joined with '\', or null. */
    public record Study(Patient patient, String uid, String date, String time, String accession, String description,
                       String referringPhysician, String readingPhysicians) {
    }

    public record Series(Study study, String uid, String modality, int number, String description) {
    }

    public record Instance(Series series, String uid, String sopClass, int number) {
        public Study study() {
            return series.study();
        }

        public Patient patient() {
            return series.study().patient();
        }
    }

    private final String token;
    private final List<Patient> patients = new ArrayList<>();
    private final List<Study> studies = new ArrayList<>();
    private final List<Series> series = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final java.util.Map<Instance, Path> files = new java.util.concurrent.ConcurrentHashMap<>();

    public final Patient mueller;
    public final Patient wang;
    public final Patient doe;
    public final Patient doeJane;
    public final Patient miller;
    public final Patient muellerMax;

    public FindFixture() {
        token = TestObjects.runToken();
        String p = "QF" + token + "-";
        mueller = patient(p + "MUELLER", "Müller^Hans", "ISO_IR 100", "19600412", "M", null);
        wang = patient(p + "WANG", "Wang^XiaoDong=王^小東", "ISO_IR 192", "19751103", "M", null);
        doe = patient(p + "DOE", "Doe^John", null, "19800101", "M", "OTHER-1\\OTHER-9");
        doeJane = patient(p + "DOE2", "doe^jane", null, "19851224", "F", null);
        miller = patient(p + "MILLER", "Miller^Anna", null, "19900228", "F", null);
        muellerMax = patient(p + "MUELLER2", "Mueller^Max", null, "20000101", "M", null);

        Study s1 = study(mueller, "20190315", "083000", 1, "CT Thorax", "Schmidt^Anna", null);
        Study s2 = study(mueller, "20200610", "141500.5", 2, "MR Knie links", "Meier^Karl", null);
        Study s3 = study(wang, "20200611", "090000", 3, "CT Abdomen", "Li^Wei=李^偉", null);
        Study s4 = study(doe, "20210101", "235959", 4, "MR Brain", "Schmidt^Anna", "Adams^Bob\\Clark^Dan");
        Study s5 = study(doe, "20211231", "000000", 5, "SR Report", null, null);
        Study s6 = study(doeJane, "20220202", "1230", 6, "CT Chest", "meier^karl", null);
        Study s7 = study(miller, "20220203", "120030", 7, "MR Spine", "SCHMIDT^ANNA", null);
        // '%', '_' and '!' are LIKE metacharacters (or the archive's escape character): literals in DICOM
        Study s8 = study(muellerMax, "20180101", "070000", 8, "CT Head 50%_!", "Weber^Tom", null);

        series(s1, "CT", 1, "Thorax 1mm", CT, CT, CT);
        series(s1, "SR", 2, "Befund", BASIC_TEXT_SR);
        series(s2, "MR", 1, "T1 sag", MR, MR);
        series(s3, "CT", 1, "Abdomen", CT, CT);
        series(s3, "MR", 2, "Liver", MR);
        series(s4, "MR", 1, "T2 ax", MR, MR);
        series(s4, "SR", 2, "Reports", BASIC_TEXT_SR, ENHANCED_SR);
        series(s5, "SR", 1, "Report", BASIC_TEXT_SR);
        series(s6, "CT", 1, "Chest", CT);
        series(s7, "MR", 1, "Spine", MR);
        series(s7, "CT", 2, "Scout", CT);
        series(s8, "CT", 1, "Head", CT);
    }

    private Patient patient(String id, String name, String charset, String birthDate, String sex, String otherIds) {
        Patient p = new Patient(id, name, charset, birthDate, sex, otherIds);
        patients.add(p);
        return p;
    }

    private Study study(Patient patient, String date, String time, int n, String description, String referring,
            String reading) {
        Study s = new Study(patient, TestObjects.newUid(), date, time, token + "-" + n, description, referring,
                reading);
        studies.add(s);
        return s;
    }

    private void series(Study study, String modality, int number, String description, String... sopClasses) {
        Series s = new Series(study, TestObjects.newUid(), modality, number, description);
        series.add(s);
        for (int i = 0; i < sopClasses.length; i++) {
            instances.add(new Instance(s, TestObjects.newUid(), sopClasses[i], i + 1));
        }
    }

    /** The run token in every patient ID and accession number. */
    public String token() {
        return token;
    }

    /** "QF<token>-*": the PatientID wild card that selects exactly this fixture's patients. */
    public String scope() {
        return "QF" + token + "-*";
    }

    public List<Patient> patients() {
        return Collections.unmodifiableList(patients);
    }

    public List<Study> studies() {
        return Collections.unmodifiableList(studies);
    }

    public List<Series> series() {
        return Collections.unmodifiableList(series);
    }

    public List<Instance> instances() {
        return Collections.unmodifiableList(instances);
    }

    public Study study(int n) {
        return studies.get(n - 1);
    }

    public List<Patient> patients(Predicate<Patient> p) {
        return patients.stream().filter(p).toList();
    }

    public List<Study> studies(Predicate<Study> p) {
        return studies.stream().filter(p).toList();
    }

    public List<Series> series(Predicate<Series> p) {
        return series.stream().filter(p).toList();
    }

    public List<Instance> instances(Predicate<Instance> p) {
        return instances.stream().filter(p).toList();
    }

    public List<Study> studiesOf(Patient p) {
        return studies(s -> s.patient() == p);
    }

    public List<Series> seriesOf(Study st) {
        return series(s -> s.study() == st);
    }

    public List<Series> seriesOf(Patient p) {
        return series(s -> s.study().patient() == p);
    }

    public List<Instance> instancesOf(Series se) {
        return instances(i -> i.series() == se);
    }

    public List<Instance> instancesOf(Study st) {
        return instances(i -> i.study() == st);
    }

    public List<Instance> instancesOf(Patient p) {
        return instances(i -> i.patient() == p);
    }

    /** Modalities in Study as the archive returns them: distinct, sorted. */
    public List<String> modalitiesIn(Study st) {
        return List.copyOf(new TreeSet<>(seriesOf(st).stream().map(Series::modality).toList()));
    }

    /** SOP Classes in Study: distinct, sorted. */
    public List<String> sopClassesIn(Study st) {
        return List.copyOf(new TreeSet<>(instancesOf(st).stream().map(Instance::sopClass).toList()));
    }

    public static <T> Set<String> set(Collection<T> items, Function<T, String> f) {
        return items.stream().map(f).collect(Collectors.toCollection(TreeSet::new));
    }

    public static Set<String> studyUids(Collection<Study> studies) {
        return set(studies, Study::uid);
    }

    public static Set<String> patientIds(Collection<Patient> patients) {
        return set(patients, Patient::id);
    }

    // ------------------------------------------------------------------------------------- making, sending

    /** The dump2dcm text of one instance (no pixel data). */
    public static String dumpText(Instance i) {
        Series se = i.series();
        Study st = se.study();
        Patient p = st.patient();
        StringBuilder d = new StringBuilder();
        if (p.charset() != null) {
            line(d, "(0008,0005) CS [" + p.charset() + "]");
        }
        line(d, "(0008,0016) UI [" + i.sopClass() + "]");
        line(d, "(0008,0018) UI [" + i.uid() + "]");
        line(d, "(0008,0020) DA [" + st.date() + "]");
        line(d, "(0008,0030) TM [" + st.time() + "]");
        line(d, "(0008,0050) SH [" + st.accession() + "]");
        line(d, "(0008,0060) CS [" + se.modality() + "]");
        line(d, "(0008,0080) LO [QR Archive Test Hospital]");
        if (st.referringPhysician() != null) {
            line(d, "(0008,0090) PN [" + st.referringPhysician() + "]");
        }
        line(d, "(0008,1030) LO [" + st.description() + "]");
        if (st.readingPhysicians() != null) {
            line(d, "(0008,1060) PN [" + st.readingPhysicians() + "]");
        }
        line(d, "(0008,103e) LO [" + se.description() + "]");
        line(d, "(0010,0010) PN [" + p.name() + "]");
        line(d, "(0010,0020) LO [" + p.id() + "]");
        line(d, "(0010,0030) DA [" + p.birthDate() + "]");
        line(d, "(0010,0040) CS [" + p.sex() + "]");
        if (p.otherIds() != null) {
            line(d, "(0010,1000) LO [" + p.otherIds() + "]");
        }
        line(d, "(0020,000d) UI [" + st.uid() + "]");
        line(d, "(0020,000e) UI [" + se.uid() + "]");
        line(d, "(0020,0010) SH [" + st.accession().substring(st.accession().length() - 1) + "]");
        line(d, "(0020,0011) IS [" + se.number() + "]");
        line(d, "(0020,0013) IS [" + i.number() + "]");
        return d.toString();
    }

    private static void line(StringBuilder d, String line) {
        d.append(line).append('\n');
    }

    /** Makes every instance with dump2dcm (explicit VR little endian) under {@code dir}. */
    public List<Path> write(Path dir) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> futures = new ArrayList<>();
            for (Instance i : instances) {
                futures.add(pool.submit(() -> write(dir, i)));
            }
            List<Path> files = new ArrayList<>();
            for (Future<Path> f : futures) {
                files.add(f.get());
            }
            return files;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make the C-FIND fixture", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The file made for {@code i} by {@link #write} or {@link #store}. */
    public Path file(Instance i) {
        Path f = files.get(i);
        if (f == null) {
            throw new IllegalStateException("not written yet: " + i.uid());
        }
        return f;
    }

    private Path write(Path dir, Instance i) {
        try {
            Path dump = dir.resolve(i.uid() + ".dump");
            Path file = dir.resolve(i.uid() + ".dcm");
            Charset cs = i.patient().javaCharset();
            String text = dumpText(i);
            if (!cs.newEncoder().canEncode(text)) {
                throw new IllegalArgumentException("fixture text not encodable in " + cs + ": " + text);
            }
            Files.write(dump, text.getBytes(cs));
            DicomFiles.ToolRun r = DicomFiles.runTool(Duration.ofSeconds(60),
                    List.of(Dcmtk.require("dump2dcm").toString(), "+te", dump.toString(), file.toString()));
            if (r.exitCode() != 0) {
                throw new IllegalStateException("dump2dcm failed\n" + r.describe());
            }
            files.put(i, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the objects and stores them into QRSCP with one storescu association; fails unless all succeed. */
    public void store(Path dir) {
        List<Path> files = write(dir);
        ProcessRunner.Result r = StoreScu.send(TestObjects.EXPLICIT_LE, files);
        if (r.exitCode() != 0 || StoreScu.successes(r) != files.size()) {
            throw new AssertionError("storing the C-FIND fixture failed: " + StoreScu.successes(r) + " of "
                    + files.size() + " stored\n" + r.describe());
        }
    }
}
