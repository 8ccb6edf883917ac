package org.qrarchive.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.dmr.ModelNode;
import org.qrarchive.it.support.TestObjects.DicomObject;

/** Checks shared by the storage tests: index view against the object sent, stored file against the file sent. */
public final class StoreChecks {

    /** Name of the temporary directory of a storage area (ObjectWriter.INCOMING). */
    public static final String INCOMING = ".incoming";

    private StoreChecks() {
    }

    /** Fails (never skips) when a DCMTK tool the storage tests use is missing. */
    public static void requireDcmtkTools() {
        for (String tool : List.of("echoscu", "storescu", "dump2dcm", "img2dcm", "pdf2dcm", "dcmdump", "dcmftest")) {
            Dcmtk.require(tool);
        }
    }

    /**
     * Everything that must hold for an object stored as it was sent, as a list of problems (empty: all
     * good): the REST view has the object's values, the file at {@code <area>/<filePath>} exists inside
     * the area, has the indexed size, is a Part 10 file with the right meta information, and its data
     * set bytes equal the data set bytes of the file storescu sent.
     */
    public static List<String> checkStoredAsSent(String ae, Path area, DicomObject object, String sourceAe) {
        List<String> problems = new ArrayList<>();
        Optional<ModelNode> found = ArchiveRest.instance(ae, object.sopInstanceUid());
        if (found.isEmpty()) {
            problems.add(object + ": not in the index (HTTP 404)");
            return problems;
        }
        ModelNode view = found.get();
        problems.addAll(checkView(view, object, object.transferSyntaxUid()));
        expect(problems, object, view, "sourceAETitle", sourceAe);
        Path file = storedFile(area, view);
        if (file == null) {
            problems.add(object + ": filePath " + ArchiveRest.field(view, "filePath") + " is not inside " + area);
            return problems;
        }
        if (!Files.isRegularFile(file)) {
            problems.add(object + ": no file at " + file);
            return problems;
        }
        try {
            if (Files.size(file) != view.get("fileSize").asLong()) {
                problems.add(object + ": file size " + Files.size(file) + " but indexed " + view.get("fileSize"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<DicomFiles.Part10> stored = DicomFiles.readPart10(file);
        if (stored.isEmpty()) {
            problems.add(object + ": " + file + " is not a Part 10 file");
            return problems;
        }
        DicomFiles.Part10 p10 = stored.get();
        if (!object.sopClassUid().equals(p10.meta(DicomFiles.MEDIA_STORAGE_SOP_CLASS_UID))
                || !object.sopInstanceUid().equals(p10.meta(DicomFiles.MEDIA_STORAGE_SOP_INSTANCE_UID))
                || !object.transferSyntaxUid().equals(p10.meta(DicomFiles.TRANSFER_SYNTAX_UID))) {
            problems.add(object + ": meta information " + p10.meta());
        }
        byte[] sent = DicomFiles.dataSetBytes(object.file());
        if (TestObjects.DEFLATED_LE.equals(object.transferSyntaxUid()) && sent.length % 2 == 1) {
            // storescu sends a deflated data set of odd length with one trailing NUL (P-DATA values are
            // even); dump2dcm writes the file without it. The archive keeps what it received.
            sent = Arrays.copyOf(sent, sent.length + 1);
        }
        if (!Arrays.equals(sent, p10.dataSet())) {
            problems.add(object + ": data set bytes differ from the sent file (" + p10.dataSet().length + " vs "
                    + sent.length + " bytes, first difference at " + Arrays.mismatch(sent, p10.dataSet()) + ")");
        }
        return problems;
    }

    /** The REST view against the object: patient, study, series, instance values and transfer syntax. */
    public static List<String> checkView(ModelNode view, DicomObject object, String expectedSyntax) {
        List<String> problems = new ArrayList<>();
        expect(problems, object, view, "sopInstanceUid", object.sopInstanceUid());
        expect(problems, object, view, "patientId", object.patient().id());
        expect(problems, object, view, "patientName", object.patient().name());
        expect(problems, object, view, "studyInstanceUid", object.study().uid());
        expect(problems, object, view, "studyDate", object.study().date());
        expect(problems, object, view, "seriesInstanceUid", object.series().uid());
        expect(problems, object, view, "modality", object.series().modality());
        expect(problems, object, view, "sopClassUid", object.sopClassUid());
        expect(problems, object, view, "instanceNumber", object.instanceNumber());
        expect(problems, object, view, "transferSyntaxUid", expectedSyntax);
        return problems;
    }

    private static void expect(List<String> problems, Object what, ModelNode view, String field, String expected) {
        String actual = ArchiveRest.field(view, field);
        if (!Objects.equals(expected, actual)) {
            problems.add(what + ": " + field + " is '" + actual + "', expected '" + expected + "'");
        }
    }

    /** {@code <area>/<filePath of the view>}, or null when filePath leads out of the area. */
    public static Path storedFile(Path area, ModelNode view) {
        String relative = ArchiveRest.field(view, "filePath");
        if (relative == null) {
            return null;
        }
        Path file = area.resolve(relative).normalize();
        return file.startsWith(area.normalize()) && !file.equals(area.normalize()) ? file : null;
    }

    /**
     * Every regular file below {@code dir} named after {@code uid}: the name starts with the UID, not
     * followed by another digit (stored files are {@code <uid>-<suffix>.dcm}, spool files are not).
     */
    public static List<Path> filesNamedAfter(Path dir, String uid) {
        return files(dir).stream().filter(f -> {
            String name = f.getFileName().toString();
            return name.startsWith(uid) && (name.length() == uid.length() || !Character.isDigit(name.charAt(uid.length())));
        }).toList();
    }

    /** Every regular file below {@code dir} (none if it does not exist). */
    public static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toList());
        } catch (IOException e) {
            // a file vanished during the walk (e.g. a .part being deleted): walk again
            try (Stream<Path> walk = Files.walk(dir)) {
                return walk.filter(Files::isRegularFile).collect(Collectors.toList());
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
    }

    /** Paths (relative to {@code dir}) of every file and directory below it, for before/after comparisons. */
    public static Set<String> snapshot(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(p -> dir.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files in the storage area's temporary directory. */
    public static List<Path> incoming(Path area) {
        return files(area.resolve(INCOMING));
    }

    /** Waits until the storage area's temporary directory holds no file; returns what is left at the deadline. */
    public static List<Path> awaitIncomingEmpty(Path area, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Path> left = incoming(area);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            ArchiveRest.sleep(100);
            left = incoming(area);
        }
        return left;
    }

    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
