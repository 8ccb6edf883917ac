package org.qrarchive.dicom.bench;

import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.DicomOutputStream;
import org.qrarchive.dicom.data.ElementDictionary;
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
 * C-FIND latency (run by {@code bench/find.sh}, not a test): one association, the same Study Root query
 * sent RUNS times after a warm-up, each timed from the request to the final response, so process start
 * and association set-up (which dominate a findscu run) do not count.
 *
 * <pre>
 * FindBench HOST PORT CALLED_AE RUNS KEYWORD=VALUE...   (the first key is usually QueryRetrieveLevel)
 *     -Dwarmup=N: queries sent first, not timed (default 20)
 * </pre>
 */
public final class FindBench {
    private FindBench() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String called = args[2];
        int runs = Integer.parseInt(args[3]);
        Attributes identifier = new Attributes(false, 16);
        for (String key : Arrays.copyOfRange(args, 4, args.length)) {
            String[] kv = key.split("=", 2);
            int tag = ElementDictionary.tagOf(kv[0]);
            VR vr = ElementDictionary.vrOf(tag);
            identifier.setString(tag, vr, kv.length > 1 ? kv[1] : "");
        }
        AssociationSettings settings = AssociationSettings.defaults()
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(300));
        ExecutorService readers = Executors.newCachedThreadPool();
        String cuid = UID.StudyRootQueryRetrieveInformationModelFind;
        Association as = Association.connect(host, port, Association.request("FINDBENCH", called, settings,
                List.of(PresentationContext.proposed(1, cuid, UID.ExplicitVRLittleEndian))), settings, readers, null);
        try {
            PresentationContext pc = as.acceptedContext(cuid);
            int matches = 0;
            for (int i = 0, warmup = Integer.getInteger("warmup", 20); i < warmup; i++) {
                matches = query(as, pc, cuid, identifier);
            }
            long[] nanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                query(as, pc, cuid, identifier);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%d matches; latency median %.2f ms, p90 %.2f ms, min %.2f ms (%d runs)%n",
                    matches, nanos[runs / 2] / 1e6, nanos[runs * 9 / 10] / 1e6, nanos[0] / 1e6, runs);
            as.release();
        } finally {
            readers.shutdownNow();
        }
    }

    /** One C-FIND; returns the number of pending responses. */
    private static int query(Association as, PresentationContext pc, String cuid, Attributes identifier)
            throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger pending = new AtomicInteger();
        AtomicInteger status = new AtomicInteger(-1);
        as.invoke(pc, Commands.request(Dimse.C_FIND_RQ, 0, cuid, true),
                (out, ts) -> new DicomOutputStream(out, TransferSyntax.of(ts)).writeDataset(identifier),
                new ResponseHandler() {
                    @Override
                    public void onResponse(Association a, Attributes cmd, InputStream data) {
                        int s = Commands.status(cmd);
                        if (Status.isPending(s)) {
                            pending.incrementAndGet();
                        } else {
                            status.set(s);
                            done.countDown();
                        }
                    }

                    @Override
                    public void onClosed(Association a) {
                        done.countDown();
                    }
                });
        if (!done.await(300, TimeUnit.SECONDS) || status.get() != Status.SUCCESS) {
            throw new IllegalStateException("C-FIND ended with status " + Integer.toHexString(status.get()));
        }
        return pending.get();
    }
}
