package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qrarchive.it.support.ArchiveRest;
import org.qrarchive.it.support.Deployments;
import org.qrarchive.it.support.DicomFiles;
import org.qrarchive.it.support.ItConfig;
import org.qrarchive.it.support.ProcessRunner;
import org.qrarchive.it.support.RawDicom;
import org.qrarchive.it.support.RawStore;
import org.qrarchive.it.support.ServerControl;
import org.qrarchive.it.support.AdminApi;
import org.qrarchive.it.support.StoreChecks;
import org.qrarchive.it.support.StoreScu;
import org.qrarchive.it.support.TestObjects;
import org.qrarchive.it.support.TestObjects.DicomObject;
import org.qrarchive.it.support.TestObjects.Patient;
import org.qrarchive.it.support.TestObjects.Series;
import org.qrarchive.it.support.TestObjects.Spec;
import org.qrarchive.it.support.TestObjects.Study;

/**
 * The AE's store options, changed at runtime through the admin API (each restored afterwards):
 * write-ts, write-dataset, drop-cache, ignore, no-parallel, uid-padding.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoreOptionsIT {

    private static final String AE = ItConfig.AE_TITLE;
    private static final int SOP_INSTANCE_UID = 0x00080018;
    private static final int STUDY_INSTANCE_UID = 0x0020000D;
    private static final int SERIES_INSTANCE_UID = 0x0020000E;

    private static Path work;
    private static TestObjects generator;
    private static Study study;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void setUp() throws Exception {
        StoreChecks.requireDcmtkTools();
        work = Files.createTempDirectory("qr-store-options-it-");
        generator = new TestObjects(work);
        study = new Study(new Patient("QRIT-OPT-" + TestObjects.runToken(), "Options^Olga"), TestObjects.newUid(),
                "20240607");
    }

    @AfterAll
    static void cleanUp() {
        StoreChecks.deleteTree(work);
    }

    /**
     * store.writeTransferSyntax=little: objects received in implicit VR LE and explicit VR BE (images with a
     * sequence, a 160 KiB CR above the bulk data threshold, an SR with nested sequences) are written
     * in explicit VR LE. The stored file says so (meta information and dcmdump), the index too, and
     * dcmdump shows every element with the same VR and value as in the sent file (pixel data word
     * by word, so byte swapping and the OW VR of 16-bit pixel data are checked). A JPEG baseline
     * object is kept as it was received.
     */
    @Test
    void writeTsLittleStoresImplicitAndBigEndianAsExplicitLittle() {
        List<DicomObject> implicit = generator.generate(List.of(
                spec("CT", TestObjects.CT, TestObjects.IMPLICIT_LE, 64, 64),
                spec("SR", TestObjects.BASIC_TEXT_SR, TestObjects.IMPLICIT_LE, 0, 0),
                spec("CR", TestObjects.CR, TestObjects.IMPLICIT_LE, 256, 320)), 3);
        List<DicomObject> big = generator.generate(List.of(
                spec("MR", TestObjects.MR, TestObjects.EXPLICIT_BE, 128, 128),
                spec("CT", TestObjects.CT, TestObjects.EXPLICIT_BE, 64, 64),
                spec("CR", TestObjects.CR, TestObjects.EXPLICIT_BE, 256, 320)), 3);

        List<DicomObject> jpeg = generator.generate(List.of(
                spec("OT", TestObjects.SECONDARY_CAPTURE, TestObjects.JPEG_BASELINE, 48, 64)), 1);

        try (AdminApi.Change writeTs = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("store", "writeTransferSyntax").set("little"))) {
            sendAll(TestObjects.IMPLICIT_LE, implicit);
            sendAll(TestObjects.EXPLICIT_BE, big);
            sendAll(TestObjects.JPEG_BASELINE, jpeg);
        }
        // write-ts applies to uncompressed data sets: encapsulated pixel data are kept as received
        List<String> jpegProblems = StoreChecks.checkStoredAsSent(AE, ServerControl.storageArea(AE), jpeg.get(0),
                "STORESCU");
        assertTrue(jpegProblems.isEmpty(), String.join("\n", jpegProblems));

        Path area = ServerControl.storageArea(AE);
        List<DicomObject> all = new ArrayList<>(implicit);
        all.addAll(big);
        for (DicomObject object : all) {
            ModelNode view = ArchiveRest.instance(AE, object.sopInstanceUid())
                    .orElseThrow(() -> new AssertionError(object + " not in the index"));
            List<String> problems = StoreChecks.checkView(view, object, TestObjects.EXPLICIT_LE);
            assertTrue(problems.isEmpty(), String.join("\n", problems));
            Path stored = StoreChecks.storedFile(area, view);
            assertNotNull(stored, "filePath inside the storage area: " + view);
            DicomFiles.Part10 p10 = DicomFiles.readPart10(stored)
                    .orElseThrow(() -> new AssertionError(stored + " is not a Part 10 file"));
            assertEquals(TestObjects.EXPLICIT_LE, p10.meta(DicomFiles.TRANSFER_SYNTAX_UID),
                    "transfer syntax in the meta information of " + stored);

            String storedDump = DicomFiles.dcmdump(stored);
            String sentDump = DicomFiles.dcmdump(object.file());
            assertEquals("Little Endian Explicit", DicomFiles.dumpedDataSetSyntax(storedDump),
                    "dcmdump of the stored " + object);
            assertEquals(DicomFiles.dataSetLinesWithoutLengths(sentDump),
                    DicomFiles.dataSetLinesWithoutLengths(storedDump),
                    "element values of the stored file (explicit LE) vs the sent " + object);
        }
    }

    /**
     * The other store.writeTransferSyntax values: objects received in the three other uncompressed syntaxes
     * are written in the configured one; as above, dcmdump shows the same elements and values.
     */
    @ParameterizedTest
    @CsvSource({"big, 1.2.840.10008.1.2.2, Big Endian Explicit",
            "implicit, 1.2.840.10008.1.2, Little Endian Implicit",
            "deflated, 1.2.840.10008.1.2.1.99, Deflated Explicit VR Little Endian"})
    void writeTsConvertsToTheConfiguredSyntax(String writeTs, String targetUid, String dcmdumpName) {
        List<String> sources = new ArrayList<>(List.of(TestObjects.IMPLICIT_LE, TestObjects.EXPLICIT_LE,
                TestObjects.EXPLICIT_BE, TestObjects.DEFLATED_LE));
        sources.remove(targetUid);
        List<DicomObject> all = new ArrayList<>();
        try (AdminApi.Change change = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("store", "writeTransferSyntax").set(writeTs))) {
            for (String source : sources) {
                List<DicomObject> objects = generator.generate(List.of(
                        spec("CT", TestObjects.CT, source, 64, 64),
                        spec("SR", TestObjects.BASIC_TEXT_SR, source, 0, 0),
                        spec("CR", TestObjects.CR, source, 256, 320)), 3);
                sendAll(source, objects);
                all.addAll(objects);
            }
        }
        Path area = ServerControl.storageArea(AE);
        for (DicomObject object : all) {
            ModelNode view = ArchiveRest.instance(AE, object.sopInstanceUid())
                    .orElseThrow(() -> new AssertionError(object + " not in the index"));
            List<String> problems = StoreChecks.checkView(view, object, targetUid);
            assertTrue(problems.isEmpty(), String.join("\n", problems));
            Path stored = StoreChecks.storedFile(area, view);
            assertNotNull(stored, "filePath inside the storage area: " + view);
            assertEquals(targetUid, DicomFiles.readPart10(stored).orElseThrow().meta(DicomFiles.TRANSFER_SYNTAX_UID),
                    "transfer syntax in the meta information of " + stored);
            String storedDump = DicomFiles.dcmdump(stored);
            assertEquals(dcmdumpName, DicomFiles.dumpedDataSetSyntax(storedDump), "dcmdump of the stored " + object);
            assertEquals(DicomFiles.dataSetLinesWithoutLengths(DicomFiles.dcmdump(object.file())),
                    DicomFiles.dataSetLinesWithoutLengths(storedDump),
                    "element values of the stored file (" + writeTs + ") vs the sent " + object);
        }
    }

    /**
     * store.writeDataset=true: the stored file is the bare data set (dcmftest: not a Part 10
     * file), byte for byte what was received, and the object is indexed as usual.
     */
    @Test
    void writeDatasetStoresTheBareDataSet() {
        List<DicomObject> explicit = generator.generate(List.of(
                spec("CT", TestObjects.CT, TestObjects.EXPLICIT_LE, 64, 64),
                spec("SR", TestObjects.BASIC_TEXT_SR, TestObjects.EXPLICIT_LE, 0, 0)), 2);
        List<DicomObject> implicit = generator.generate(List.of(
                spec("MR", TestObjects.MR, TestObjects.IMPLICIT_LE, 128, 128)), 1);
        try (AdminApi.Change dataset = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("store", "writeDataset").set(true))) {
            sendAll(TestObjects.EXPLICIT_LE, explicit);
            sendAll(TestObjects.IMPLICIT_LE, implicit);
        }

        Path area = ServerControl.storageArea(AE);
        List<DicomObject> all = new ArrayList<>(explicit);
        all.addAll(implicit);
        for (DicomObject object : all) {
            ModelNode view = ArchiveRest.instance(AE, object.sopInstanceUid())
                    .orElseThrow(() -> new AssertionError(object + " not in the index"));
            List<String> problems = StoreChecks.checkView(view, object, object.transferSyntaxUid());
            assertTrue(problems.isEmpty(), String.join("\n", problems));
            Path stored = StoreChecks.storedFile(area, view);
            assertNotNull(stored, "filePath inside the storage area: " + view);
            DicomFiles.ToolRun ftest = DicomFiles.dcmftest(stored);
            assertAll("dcmftest of " + stored + "\n" + ftest.describe(),
                    () -> assertNotEquals(0, ftest.exitCode(), "exit code"),
                    () -> assertTrue(ftest.output().startsWith("no:"), "dcmftest says: no"));
            assertArrayEquals(DicomFiles.dataSetBytes(object.file()), readAll(stored),
                    "stored file = the data set bytes sent for " + object);
        }
    }

    /**
     * qr.store.drop-cache: with it on (the default), a stored object's pages are out of the page cache
     * once storescu has its answer (fincore: 0 bytes resident), so the next object reuses them; with it
     * off they stay cached. The stored bytes are the sent ones either way.
     */
    @Test
    void dropCacheLeavesStoredObjectsOutOfThePageCache() {
        List<DicomObject> dropped = generator.generate(List.of(
                spec("CT", TestObjects.CT, TestObjects.EXPLICIT_LE, 256, 256)), 1);
        List<DicomObject> kept = generator.generate(List.of(
                spec("CT", TestObjects.CT, TestObjects.EXPLICIT_LE, 256, 256)), 1);
        sendAll(TestObjects.EXPLICIT_LE, dropped);
        try (AdminApi.Change keep = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("store", "dropCache").set(false))) {
            sendAll(TestObjects.EXPLICIT_LE, kept);
        }
        Path area = ServerControl.storageArea(AE);
        Path droppedFile = storedFile(area, dropped.get(0));
        Path keptFile = storedFile(area, kept.get(0));
        assertEquals(0, residentBytes(droppedFile), droppedFile + " still cached");
        assertTrue(residentBytes(keptFile) > 0, keptFile + " not cached although drop-cache was off");
        for (DicomObject object : List.of(dropped.get(0), kept.get(0))) {
            List<String> problems = StoreChecks.checkStoredAsSent(AE, area, object, "STORESCU");
            assertTrue(problems.isEmpty(), String.join("\n", problems));
        }
    }

    private static Path storedFile(Path area, DicomObject object) {
        ModelNode view = ArchiveRest.instance(AE, object.sopInstanceUid())
                .orElseThrow(() -> new AssertionError(object + " not in the index"));
        return StoreChecks.storedFile(area, view);
    }

    /** util-linux's fincore: how many bytes of the file the page cache holds. */
    private static long residentBytes(Path file) {
        ProcessRunner.Result result = ProcessRunner.run("fincore", "--bytes", "--noheadings", "--output", "RES",
                file.toString());
        assertEquals(0, result.exitCode(), "fincore " + file + ": " + result.output());
        return Long.parseLong(result.output().trim());
    }

    /** qr.store.ignore=true: storescu hears Success, yet nothing is stored or indexed. */
    @Test
    void ignoreAnswersSuccessAndStoresNothing() {
        List<DicomObject> objects = generator.generate(List.of(
                spec("CT", TestObjects.CT, TestObjects.EXPLICIT_LE, 64, 64),
                spec("CT", TestObjects.CT, TestObjects.EXPLICIT_LE, 64, 64),
                spec("SR", TestObjects.BASIC_TEXT_SR, TestObjects.EXPLICIT_LE, 0, 0)), 3);
        ArchiveRest.Counts before = ArchiveRest.counts(AE);
        try (AdminApi.Change ignore = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("store", "ignore").set(true))) {
            sendAll(TestObjects.EXPLICIT_LE, objects);
        }
        assertEquals(new ArchiveRest.Counts(0, 0, 0, 0), ArchiveRest.counts(AE).minus(before), "counts unchanged");
        Path area = ServerControl.storageArea(AE);
        for (DicomObject object : objects) {
            assertEquals(Optional.empty(), ArchiveRest.instance(AE, object.sopInstanceUid()), object + " indexed");
            assertEquals(List.of(), StoreChecks.filesNamedAfter(area, object.sopInstanceUid()), object + " files");
        }
        assertFalse(Files.exists(area.resolve(study.uid()).resolve(objects.get(0).series().uid())),
                "no series directory for the ignored objects");
    }

    /**
     * qr.store.no-parallel=true: while a raw association holds an accepted storage context for QRSCP,
     * another association's storage contexts are refused (storescu: "No Acceptable Presentation
     * Contexts"; a raw request sees result 1, user rejection), the holder itself can still store; once
     * the holder is released, storescu succeeds again. A holder whose connection is reset (no release,
     * no A-ABORT) does not keep the lock either.
     */
    @Test
    void noParallelRefusesStorageToASecondAssociation() throws Exception {
        List<DicomObject> objects = generator.generate(List.of(
                spec("CT", TestObjects.CT, TestObjects.EXPLICIT_LE, 64, 64),
                spec("CT", TestObjects.CT, TestObjects.EXPLICIT_LE, 64, 64),
                spec("CT", TestObjects.CT, TestObjects.EXPLICIT_LE, 64, 64)), 3);
        DicomObject refused = objects.get(0);
        DicomObject byHolder = objects.get(1);
        DicomObject afterwards = objects.get(2);

        try (AdminApi.Change noParallel = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("store", "noParallel").set(true))) {
            ArchiveRest.awaitNoAssociations(Duration.ofSeconds(10));
            try (RawStore holder = RawStore.open(AE, "HOLDER", TestObjects.CT, TestObjects.EXPLICIT_LE)) {
                assertTrue(holder.contextAccepted(), "the first association gets its storage context: "
                        + holder.response().describe() + ", context result " + holder.contextResult());

                ProcessRunner.Result second = StoreScu.send(TestObjects.EXPLICIT_LE, List.of(refused.file()));
                assertAll("storescu while HOLDER holds storage for " + AE + "\n" + StoreIT.tail(second),
                        () -> assertNotEquals(0, second.exitCode(), "exit code"),
                        () -> assertTrue(second.output().contains(StoreScu.NO_ACCEPTABLE_CONTEXTS),
                                "no acceptable presentation contexts"),
                        () -> assertEquals(0, StoreScu.successes(second), "Success responses"));

                try (RawStore raw = RawStore.open(AE, "SECOND", TestObjects.MR, TestObjects.EXPLICIT_LE)) {
                    assertAll("a second raw association: accepted, its storage context refused",
                            () -> assertEquals(RawDicom.A_ASSOCIATE_AC, raw.response().type(),
                                    raw.response().describe()),
                            () -> assertEquals(1, raw.contextResult(), "presentation context result (1: user rejection)"));
                }

                int status = holder.store(TestObjects.CT, byHolder.sopInstanceUid(),
                        DicomFiles.dataSetBytes(byHolder.file()));
                assertEquals(0, status, "the holder itself stores (status 0x" + Integer.toHexString(status) + ")");
            }
            assertEquals(Optional.empty(), ArchiveRest.instance(AE, refused.sopInstanceUid()), "refused object indexed");
            assertTrue(ArchiveRest.instance(AE, byHolder.sopInstanceUid()).isPresent(), "the holder's object is indexed");

            // the holder is released; the server forgets it when the association has ended
            ArchiveRest.awaitNoAssociations(Duration.ofSeconds(10));
            ProcessRunner.Result after = StoreScu.send(TestObjects.EXPLICIT_LE, List.of(afterwards.file()));
            assertAll("storescu after HOLDER was released\n" + StoreIT.tail(after),
                    () -> assertEquals(0, after.exitCode(), "exit code"),
                    () -> assertEquals(1, StoreScu.successes(after), "Success responses"));

            // a holder that vanishes (TCP reset, no release, no abort) must not keep storage locked
            RawStore vanishing = RawStore.open(AE, "VANISHER", TestObjects.CT, TestObjects.EXPLICIT_LE);
            assertTrue(vanishing.contextAccepted(), vanishing.response().describe());
            vanishing.drop(true);
            ArchiveRest.awaitNoAssociations(Duration.ofSeconds(10));
            ProcessRunner.Result afterDrop = StoreScu.send(TestObjects.EXPLICIT_LE, List.of(refused.file()));
            assertAll("storescu after VANISHER dropped its connection\n" + StoreIT.tail(afterDrop),
                    () -> assertEquals(0, afterDrop.exitCode(), "exit code"),
                    () -> assertEquals(1, StoreScu.successes(afterDrop), "Success responses"));
        }
        assertTrue(ArchiveRest.instance(AE, afterwards.sopInstanceUid()).isPresent(), "stored after the release");
    }

    /**
     * qr.store.uid-padding: an object whose SOP Instance, Study and Series Instance UIDs are padded
     * with a trailing space instead of a NUL (sent by the raw client: storescu would strip the spaces).
     * With the option on, it is stored under the corrected UIDs, whether the command's Affected SOP
     * Instance UID is padded the same way or not; with it off, it is refused and nothing is kept.
     */
    @Test
    void uidPaddingCorrectsSpacePaddedUidsOnlyWhenEnabled() throws Exception {
        // odd-length UIDs: DCMTK pads them with a NUL, which becomes the space
        Study oddStudy = new Study(study.patient(), oddUid(), study.date());
        Series paddedSeries = new Series(oddStudy, oddUid(), "CT", TestObjects.CT, 90);
        List<DicomObject> objects = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            objects.add(generator.generate(new Spec(paddedSeries, oddUid(), i, TestObjects.EXPLICIT_LE, 32, 32)));
        }

        Path area = ServerControl.storageArea(AE);
        // option off: refused, whether the command UID is padded too or not
        try (AdminApi.Change off = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("store", "uidPadding").set(false))) {
            for (int i = 0; i < 2; i++) {
                DicomObject object = objects.get(i);
                String commandUid = i == 0 ? object.sopInstanceUid() + " " : object.sopInstanceUid();
                int status = storePadded(object, commandUid);
                assertNotEquals(0, status, "uid-padding off: " + object + " (command UID '" + commandUid + "')");
                assertEquals(Optional.empty(), ArchiveRest.instance(AE, object.sopInstanceUid()), object + " indexed");
                assertEquals(List.of(), StoreChecks.filesNamedAfter(area, object.sopInstanceUid()), object + " files");
            }
        }
        // option on: stored under the corrected UIDs
        try (AdminApi.Change on = AdminApi.ae(ItConfig.AE_TITLE, a -> a.get("store", "uidPadding").set(true))) {
            for (int i = 2; i < 4; i++) {
                DicomObject object = objects.get(i);
                String commandUid = i == 2 ? object.sopInstanceUid() + " " : object.sopInstanceUid();
                int status = storePadded(object, commandUid);
                assertEquals(0, status, "uid-padding on: " + object + " (command UID '" + commandUid
                        + "'), status 0x" + Integer.toHexString(status));
                ModelNode view = ArchiveRest.instance(AE, object.sopInstanceUid())
                        .orElseThrow(() -> new AssertionError(object + " not indexed under its corrected UID"));
                List<String> problems = StoreChecks.checkView(view, object, TestObjects.EXPLICIT_LE);
                assertTrue(problems.isEmpty(), String.join("\n", problems));
                String filePath = ArchiveRest.field(view, "filePath");
                assertEquals(oddStudy.uid() + "/" + paddedSeries.uid() + "/" + object.sopInstanceUid() + "-",
                        filePath.substring(0, filePath.lastIndexOf('-') + 1), "filePath of " + object);
                Path stored = StoreChecks.storedFile(area, view);
                assertTrue(stored != null && Files.isRegularFile(stored), "stored file " + stored);
                assertEquals(object.sopInstanceUid(), DicomFiles.readPart10(stored).orElseThrow()
                        .meta(DicomFiles.MEDIA_STORAGE_SOP_INSTANCE_UID), "MediaStorageSOPInstanceUID of " + stored);
            }
        }
    }

    /** Sends {@code object} with its three UIDs space-padded, over a raw association; returns the status. */
    private static int storePadded(DicomObject object, String commandUid) throws Exception {
        byte[] padded = DicomFiles.spacePadUids(DicomFiles.dataSetBytes(object.file()),
                SOP_INSTANCE_UID, STUDY_INSTANCE_UID, SERIES_INSTANCE_UID);
        try (RawStore raw = RawStore.open(AE, "PADDER", object.sopClassUid(), TestObjects.EXPLICIT_LE)) {
            assertTrue(raw.contextAccepted(), raw.response().describe() + ", context result " + raw.contextResult());
            return raw.store(object.sopClassUid(), commandUid, padded);
        }
    }

    /** A 2.25 UID of odd length. */
    private static String oddUid() {
        while (true) {
            String uid = TestObjects.newUid();
            if (uid.length() % 2 == 1) {
                return uid;
            }
        }
    }

    private static int seriesNumber = 10;

    private static Spec spec(String modality, String sopClass, String ts, int rows, int columns) {
        Series series = TestObjects.newSeries(study, modality, sopClass, ++seriesNumber);
        return new Spec(series, TestObjects.newUid(), 1, ts, rows, columns);
    }

    private static void sendAll(String ts, List<DicomObject> objects) {
        ProcessRunner.Result result = StoreScu.send(ts, objects.stream().map(DicomObject::file).toList());
        assertAll("storescu " + ts + "\n" + StoreIT.tail(result),
                () -> assertEquals(0, result.exitCode(), "exit code"),
                () -> assertEquals(objects.size(), StoreScu.successes(result), "Success responses"));
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
