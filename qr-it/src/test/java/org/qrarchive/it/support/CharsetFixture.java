package org.qrarchive.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Objects whose text is in one character set each, for the C-FIND character set tests: ISO_IR 100 (German),
 * ISO_IR 192 (Chinese), ISO 2022 IR 87 (Japanese, the names of PS3.5 Annex H), ISO_IR 144 (Russian), the
 * default repertoire, and one study of two objects in two sets (ISO_IR 144, then ISO_IR 100), so that a
 * series of it answers with text stored in two sets. Every text attribute C-FIND returns is non-ASCII at
 * every level: patient and referring physician names (PN with component groups), study and series
 * descriptions (LO), and the Code Meaning (LO) in an item of the Concept Name Code Sequence.
 *
 * <p>Each object is written by dump2dcm from a dump file in its own character set's bytes (the JDK's
 * encoders: ISO-8859-1, UTF-8, ISO-2022-JP, ISO-8859-5) and stored with one storescu association, in order.
 */
public final class CharsetFixture {

    /** One stored object. {@code charset} is its (0008,0005), {@code null} for none. */
    public record Obj(String charset, Charset javaCharset, String patientId, String patientName, String studyUid,
                      String studyDescription, String referringPhysician, String seriesUid, String seriesDescription,
                      String sopInstanceUid, String codeMeaning) {
    }

    public static final Charset ISO_8859_5 = Charset.forName("ISO-8859-5");
    public static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");

    private final String token = TestObjects.runToken();
    private final List<Obj> objects = new ArrayList<>();

    public final Obj latin1;
    public final Obj utf8;
    public final Obj japanese;
    public final Obj cyrillic;
    public final Obj ascii;
    /** The first object of the mixed study: its series keeps text in ISO_IR 144. */
    public final Obj mixedCyrillic;
    /** The second object of the mixed study, stored last: patient and study text in ISO_IR 100. */
    public final Obj mixedLatin1;

    public CharsetFixture() {
        latin1 = add("ISO_IR 100", StandardCharsets.ISO_8859_1, "LATIN1", "Müller^Hans", "Röntgen Thorax",
                "Schröder^Jürgen", "Lunge seitlich, Größe", "Überweisung: ohne Befund");
        utf8 = add("ISO_IR 192", StandardCharsets.UTF_8, "UTF8", "Wang^XiaoDong=王^小東", "腹部 CT",
                "Li^Wei=李^偉", "肝臓", "所見");
        japanese = add("\\ISO 2022 IR 87", ISO_2022_JP, "JIS", "Yamada^Tarou=山田^太郎=やまだ^たろう", "胸部エックス線",
                "Suzuki^Ichirou=鈴木^一郎", "胸部 正面", "所見あり");
        cyrillic = add("ISO_IR 144", ISO_8859_5, "CYR", "Иванов^Иван", "Рентген грудной клетки",
                "Петрова^Анна", "Грудь, боковая", "Заключение");
        ascii = add(null, StandardCharsets.US_ASCII, "ASCII", "Doe^John", "CT Chest", "Smith^Ann", "Chest 1mm",
                "Finding");
        mixedCyrillic = add("ISO_IR 144", ISO_8859_5, "MIXED", "Petrov^Ivan=Петров^Иван", "Рентген", "Петрова^Анна",
                "Грудь", "Заключение");
        Obj second = new Obj("ISO_IR 100", StandardCharsets.ISO_8859_1, mixedCyrillic.patientId(),
                "Petrov^Ivan=Pétrov^Iván", mixedCyrillic.studyUid(), "Röntgen", "Schröder^Jürgen",
                TestObjects.newUid(), "Thorax seitlich", TestObjects.newUid(), "Befund über");
        objects.add(second);
        mixedLatin1 = second;
    }

    private Obj add(String charset, Charset javaCharset, String id, String name, String studyDescription,
            String referring, String seriesDescription, String codeMeaning) {
        Obj o = new Obj(charset, javaCharset, "QC" + token + "-" + id, name, TestObjects.newUid(), studyDescription,
                referring, TestObjects.newUid(), seriesDescription, TestObjects.newUid(), codeMeaning);
        objects.add(o);
        return o;
    }

    /** "QC<token>-*": the PatientID wild card that selects exactly this fixture's patients. */
    public String scope() {
        return "QC" + token + "-*";
    }

    public List<Obj> objects() {
        return List.copyOf(objects);
    }

    /** The object whose text the index holds for a patient, study or series: the last one stored of it. */
    public Obj lastOfPatient(String patientId) {
        return last(o -> o.patientId().equals(patientId));
    }

    public Obj lastOfStudy(String studyUid) {
        return last(o -> o.studyUid().equals(studyUid));
    }

    public Obj lastOfSeries(String seriesUid) {
        return last(o -> o.seriesUid().equals(seriesUid));
    }

    public List<String> patientIds() {
        return objects.stream().map(Obj::patientId).distinct().toList();
    }

    public List<String> studyUids() {
        return objects.stream().map(Obj::studyUid).distinct().toList();
    }

    private Obj last(java.util.function.Predicate<Obj> p) {
        return objects.stream().filter(p).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalArgumentException("not in the fixture"));
    }

    static String dumpText(Obj o) {
        StringBuilder d = new StringBuilder();
        if (o.charset() != null) {
            d.append("(0008,0005) CS [").append(o.charset()).append("]\n");
        }
        d.append("(0008,0016) UI [").append(TestObjects.BASIC_TEXT_SR).append("]\n");
        d.append("(0008,0018) UI [").append(o.sopInstanceUid()).append("]\n");
        d.append("(0008,0020) DA [20240105]\n");
        d.append("(0008,0060) CS [SR]\n");
        d.append("(0008,0090) PN [").append(o.referringPhysician()).append("]\n");
        d.append("(0008,1030) LO [").append(o.studyDescription()).append("]\n");
        d.append("(0008,103e) LO [").append(o.seriesDescription()).append("]\n");
        d.append("(0010,0010) PN [").append(o.patientName()).append("]\n");
        d.append("(0010,0020) LO [").append(o.patientId()).append("]\n");
        d.append("(0020,000d) UI [").append(o.studyUid()).append("]\n");
        d.append("(0020,000e) UI [").append(o.seriesUid()).append("]\n");
        d.append("(0020,0011) IS [1]\n");
        d.append("(0020,0013) IS [1]\n");
        d.append("(0040,a043) SQ (Sequence with undefined length #=1)\n");
        d.append("(fffe,e000) na (Item with undefined length #=3)\n");
        d.append("(0008,0100) SH [121070]\n");
        d.append("(0008,0102) SH [DCM]\n");
        d.append("(0008,0104) LO [").append(o.codeMeaning()).append("]\n");
        d.append("(fffe,e00d) na (ItemDelimitationItem)\n");
        d.append("(fffe,e0dd) na (SequenceDelimitationItem)\n");
        return d.toString();
    }

    /** Writes every object with dump2dcm and stores them in order with one storescu association. */
    public void store(Path dir) {
        List<Path> files = new ArrayList<>();
        for (Obj o : objects) {
            files.add(write(dir, o));
        }
        ProcessRunner.Result r = StoreScu.send(TestObjects.EXPLICIT_LE, files);
        if (r.exitCode() != 0 || StoreScu.successes(r) != files.size()) {
            throw new AssertionError("storing the character set fixture failed: " + StoreScu.successes(r) + " of "
                    + files.size() + " stored\n" + r.describe());
        }
    }

    private static Path write(Path dir, Obj o) {
        String text = dumpText(o);
        if (!o.javaCharset().newEncoder().canEncode(text)) {
            throw new IllegalArgumentException("fixture text not encodable in " + o.javaCharset() + ": " + text);
        }
        try {
            Path dump = dir.resolve(o.sopInstanceUid() + ".dump");
            Path file = dir.resolve(o.sopInstanceUid() + ".dcm");
            Files.write(dump, text.getBytes(o.javaCharset()));
            DicomFiles.ToolRun r = DicomFiles.runTool(Duration.ofSeconds(60),
                    List.of(Dcmtk.require("dump2dcm").toString(), "+te", dump.toString(), file.toString()));
            if (r.exitCode() != 0) {
                throw new IllegalStateException("dump2dcm failed\n" + r.describe());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
