package org.qrarchive.dicom.bench;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.DicomOutputStream;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.UID;
import org.qrarchive.dicom.data.VR;
import org.qrarchive.dicom.dimse.Commands;
import org.qrarchive.dicom.dimse.Dimse;
import org.qrarchive.dicom.dimse.Status;
import org.qrarchive.dicom.net.Association;
import org.qrarchive.dicom.net.AssociationSettings;
import org.qrarchive.dicom.net.ResponseHandler;
import org.qrarchive.dicom.net.pdu.PresentationContext;

/**
 * Fills an archive for the C-FIND benchmark ({@code bench/find.sh}, not a test): studies of small CT
 * objects without pixel data, generated in memory and sent with C-STORE over PARALLEL associations.
 *
 * <p>Study {@code i} (counted from 0 across fills of the same LABEL) belongs to patient
 * {@code LABEL^P%07d}/{@code LABEL-%07d}, is dated {@code i} days before 2024-03-15 (one study per day,
 * so a 30-day range always matches 30 studies) and has SERIES series of PER_SERIES instances. UIDs are
 * derived from the label and the indexes (2.25 form), so a later run can name them again: {@link #uid}.
 *
 * <pre>
 * FillBench HOST PORT CALLED_AE LABEL FIRST_STUDY STUDIES SERIES PER_SERIES PARALLEL
 * FillBench uid LABEL STUDY [SERIES [INSTANCE]]      (prints that UID)
 * </pre>
 */
public final class FillBench {
    private static final LocalDate FIRST_DATE = LocalDate.of(2024, 3, 15);
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private FillBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("uid")) {
            System.out.println(uid(args[1], Integer.parseInt(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : -1,
                    args.length > 4 ? Integer.parseInt(args[4]) : -1));
            return;
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String called = args[2];
        String label = args[3];
        int first = Integer.parseInt(args[4]);
        int studies = Integer.parseInt(args[5]);
        int series = Integer.parseInt(args[6]);
        int perSeries = Integer.parseInt(args[7]);
        int parallel = Integer.parseInt(args[8]);
        AtomicInteger next = new AtomicInteger(first);
        ExecutorService workers = Executors.newFixedThreadPool(parallel);
        ExecutorService readers = Executors.newCachedThreadPool();
        long start = System.nanoTime();
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int p = 0; p < parallel; p++) {
                sent.add(workers.submit(() -> sendStudies(host, port, called, readers, label, next,
                        first + studies, series, perSeries)));
            }
            long total = 0;
            for (Future<Integer> f : sent) {
                try {
                    total += f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    e.getCause().printStackTrace();
                    System.exit(1); // the other associations stay open otherwise, until their timeouts
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "stored %d instances (%d studies) in %.1f s, %.0f instances/s%n",
                    total, studies, seconds, total / seconds);
        } finally {
            workers.shutdownNow();
            readers.shutdownNow();
        }
    }

    /** The UID of a study ({@code series < 0}), series ({@code instance < 0}) or instance. */
    public static String uid(String label, int study, int series, int instance) {
        UUID u = UUID.nameUUIDFromBytes((label + '/' + study + '/' + series + '/' + instance)
                .getBytes(StandardCharsets.US_ASCII));
        byte[] b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, b);
    }

    private static int sendStudies(String host, int port, String called, ExecutorService readers, String label,
            AtomicInteger next, int end, int series, int perSeries) throws Exception {
        AssociationSettings settings = AssociationSettings.defaults()
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120));
        String cuid = UID.CTImageStorage;
        Association as = Association.connect(host, port, Association.request("FILLBENCH", called, settings,
                List.of(PresentationContext.proposed(1, cuid, UID.ExplicitVRLittleEndian))), settings, readers, null);
        PresentationContext pc = as.acceptedContext(cuid);
        int count = 0;
        for (int study; (study = next.getAndIncrement()) < end; ) {
            for (int s = 0; s < series; s++) {
                for (int i = 0; i < perSeries; i++) {
                    store(as, pc, instance(label, study, s, i));
                    count++;
                }
            }
        }
        as.release();
        return count;
    }

    static Attributes instance(String label, int study, int series, int instance) {
        Attributes ds = new Attributes(false, 32);
        String date = FIRST_DATE.minusDays(study).format(DA);
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, uid(label, study, series, instance));
        ds.setString(Tag.StudyDate, VR.DA, date);
        ds.setString(Tag.SeriesDate, VR.DA, date);
        ds.setString(Tag.StudyTime, VR.TM, String.format(Locale.ROOT, "%02d%02d00", study % 24, study % 60));
        ds.setString(Tag.AccessionNumber, VR.SH, String.format(Locale.ROOT, "A%07d", study));
        ds.setString(Tag.Modality, VR.CS, series % 2 == 0 ? "CT" : "SR");
        ds.setString(Tag.ReferringPhysicianName, VR.PN, "Referrer^" + (study % 97));
        ds.setString(Tag.StudyDescription, VR.LO, "Fill study " + study);
        ds.setString(Tag.SeriesDescription, VR.LO, "Fill series " + series);
        ds.setString(Tag.PatientName, VR.PN, String.format(Locale.ROOT, "%s^P%07d", label, study));
        ds.setString(Tag.PatientID, VR.LO, String.format(Locale.ROOT, "%s-%07d", label, study));
        ds.setString(Tag.PatientBirthDate, VR.DA, FIRST_DATE.minusYears(20 + study % 60).format(DA));
        ds.setString(Tag.PatientSex, VR.CS, study % 2 == 0 ? "F" : "M");
        ds.setString(Tag.StudyInstanceUID, VR.UI, uid(label, study, -1, -1));
        ds.setString(Tag.SeriesInstanceUID, VR.UI, uid(label, study, series, -1));
        ds.setString(Tag.StudyID, VR.SH, Integer.toString(study % 100000));
        ds.setString(Tag.SeriesNumber, VR.IS, Integer.toString(series + 1));
        ds.setString(Tag.InstanceNumber, VR.IS, Integer.toString(instance + 1));
        return ds;
    }

    private static void store(Association as, PresentationContext pc, Attributes ds) throws Exception {
        Attributes rq = Commands.request(Dimse.C_STORE_RQ, 0, pc.abstractSyntax(), true);
        rq.setString(Tag.AffectedSOPInstanceUID, VR.UI, ds.getString(Tag.SOPInstanceUID));
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger status = new AtomicInteger(-1);
        as.invoke(pc, rq, (out, ts) -> new DicomOutputStream(out, TransferSyntax.of(ts)).writeDataset(ds),
                new ResponseHandler() {
                    @Override
                    public void onResponse(Association a, Attributes cmd, InputStream data) {
                        status.set(Commands.status(cmd));
                        done.countDown();
                    }

                    @Override
                    public void onClosed(Association a) {
                        done.countDown();
                    }
                });
        if (!done.await(120, TimeUnit.SECONDS) || status.get() != Status.SUCCESS) {
            throw new IllegalStateException("C-STORE of " + ds.getString(Tag.SOPInstanceUID) + " ended with status "
                    + Integer.toHexString(status.get()));
        }
    }
}
