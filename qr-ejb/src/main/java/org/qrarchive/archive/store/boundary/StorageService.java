package org.qrarchive.archive.store.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.qrarchive.archive.config.control.AeConfig;
import org.qrarchive.archive.config.control.Quota;
import org.qrarchive.archive.quota.control.Eviction;
import org.qrarchive.archive.quota.control.EvictionLog;
import org.qrarchive.archive.quota.control.QuotaExceeded;
import org.qrarchive.archive.config.control.StoreSettings;
import org.qrarchive.archive.dimse.control.DimseService;
import org.qrarchive.archive.index.boundary.ConcurrentIndexUpdate;
import org.qrarchive.archive.index.boundary.InstanceIndexer;
import org.qrarchive.archive.store.control.ObjectWriter;
import org.qrarchive.archive.store.control.StoredUids;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.FileMetaInformation;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.UIDRegistry;
import org.qrarchive.dicom.data.VR;
import org.qrarchive.dicom.dimse.Commands;
import org.qrarchive.dicom.dimse.Status;
import org.qrarchive.dicom.net.Association;
import org.qrarchive.dicom.net.pdu.PresentationContext;

/**
 * Storage SCP (PS3.4 Annex B) for every storage SOP class of the standard: the object goes to the
 * storage area of the called AE title, durably, then into the index. The sender hears success only once
 * both happened; on any failure neither remains.
 *
 * <p>No transaction spans the network transfer: the index is written by {@link InstanceIndexer} in a
 * transaction of its own once the file is in place.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StorageService implements DimseService {
    private static final Logger LOG = Logger.getLogger(StorageService.class);
    private static final int INDEX_ATTEMPTS = 5;
    /** A directory record, not an object a modality sends. */
    private static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";
    private static final Set<String> SOP_CLASSES = UIDRegistry.ofType(UIDRegistry.Type.StorageSOPClass).stream()
            .map(UIDRegistry.Entry::uid).filter(uid -> !uid.equals(MEDIA_STORAGE_DIRECTORY))
            .collect(Collectors.toUnmodifiableSet());

    @Inject
    ObjectWriter writer;

    @Inject
    EvictionLog evictionLog;

    @EJB
    InstanceIndexer indexer;

    @Override
    public Set<String> sopClasses() {
        return SOP_CLASSES;
    }

    @Override
    public List<String> transferSyntaxes(AeConfig ae, String sopClass) {
        return ae.storageTransferSyntaxes();
    }

    @Override
    public void onRequest(Association as, PresentationContext pc, Attributes command, InputStream data)
            throws IOException {
        StoreSettings settings = AeConfig.of(as).store();
        String iuid = StoredUids.read(command, Tag.AffectedSOPInstanceUID, settings.fixUidPadding());
        String cuid = command.getString(Tag.AffectedSOPClassUID);
        if (data == null) {
            respond(as, pc, command, Status.CANNOT_UNDERSTAND, "C-STORE-RQ without a data set");
            return;
        }
        if (iuid == null) {
            LOG.warnf("%s: refused object with invalid SOP Instance UID %s", as, command.getString(
                    Tag.AffectedSOPInstanceUID));
            data.transferTo(java.io.OutputStream.nullOutputStream());
            respond(as, pc, command, Status.CANNOT_UNDERSTAND, "invalid SOP Instance UID");
            return;
        }
        if (settings.ignore()) {
            data.transferTo(java.io.OutputStream.nullOutputStream());
            respond(as, pc, command, Status.SUCCESS, null);
            return;
        }
        store(as, pc, command, data, cuid, iuid, settings);
    }

    private void store(Association as, PresentationContext pc, Attributes command, InputStream data, String cuid,
            String iuid, StoreSettings settings) throws IOException {
        String ae = as.calledAETitle();
        Path area = AeConfig.of(as).storageArea();
        TransferSyntax received = TransferSyntax.of(pc.transferSyntax());
        Attributes fileMeta = settings.writeDataset() ? null
                : FileMetaInformation.create(cuid, iuid, received.uid(), as.callingAETitle());
        ObjectWriter.Written written;
        try {
            written = writer.receive(data, area, received, fileMeta, settings);
        } catch (ObjectWriter.StoreFailure e) {
            LOG.warnf("%s: storing %s failed: %s", as, iuid, e.getMessage());
            respond(as, pc, command, e.status(), e.getMessage());
            return;
        }
        Path target = null;
        try {
            Attributes header = writer.readHeader(written, fileMeta != null);
            StoredUids uids = new StoredUids(
                    StoredUids.read(header, Tag.StudyInstanceUID, settings.fixUidPadding()),
                    StoredUids.read(header, Tag.SeriesInstanceUID, settings.fixUidPadding()),
                    StoredUids.read(header, Tag.SOPInstanceUID, settings.fixUidPadding()));
            String problem = check(uids, iuid, cuid, header);
            if (problem != null) {
                LOG.warnf("%s: refused %s: %s", as, iuid, problem);
                respond(as, pc, command, problem.startsWith("SOP Class") ? Status.DATASET_DOES_NOT_MATCH_SOP_CLASS
                        : Status.CANNOT_UNDERSTAND, problem);
                return;
            }
            // the index keeps the corrected UIDs
            header.setString(Tag.StudyInstanceUID, VR.UI, uids.study());
            header.setString(Tag.SeriesInstanceUID, VR.UI, uids.series());
            header.setString(Tag.SOPInstanceUID, VR.UI, uids.instance());
            String relative = uids.relativePath(UUID.randomUUID().toString().substring(0, 8));
            target = area.resolve(relative);
            Path destination = target;
            writer.moveIntoPlace(written, destination, settings);
            InstanceIndexer.Indexed indexed;
            try {
                indexed = index(ae, header, new InstanceIndexer.StoredFile(relative, written.size(),
                        written.syntax().uid(), as.callingAETitle()), () -> writer.force(written, destination, settings),
                        AeConfig.of(as).ae().quota());
            } catch (QuotaExceeded e) {
                LOG.infof("%s: refused %s: %s", as, iuid, e.getMessage());
                respond(as, pc, command, Status.OUT_OF_RESOURCES, "quota: " + e.getMessage());
                return;
            }
            if (indexed.replacedFile() != null && !indexed.replacedFile().equals(relative)) {
                Files.deleteIfExists(area.resolve(indexed.replacedFile()));
            }
            Path stored = target;
            target = null; // stored: keep it
            respond(as, pc, command, Status.SUCCESS, null);
            writer.release(stored, settings);
            // evicted rows are gone for good: their files go after the answer, off the sender's path
            evictionLog.committed(indexed.evictions());
            for (Eviction e : indexed.evictions()) {
                for (String f : e.files()) {
                    Files.deleteIfExists(area.resolve(f));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "%s: storing %s failed", as, iuid);
            respond(as, pc, command, Status.PROCESSING_FAILURE, "cannot store: " + e.getMessage());
        } finally {
            Files.deleteIfExists(written.file());
            if (target != null) {
                Files.deleteIfExists(target);
            }
        }
    }

    private static String check(StoredUids uids, String iuid, String cuid, Attributes header) {
        if (uids.instance() == null || !uids.instance().equals(iuid)) {
            return "SOP Instance UID of the data set (" + header.getString(Tag.SOPInstanceUID)
                    + ") differs from the command's or is invalid";
        }
        if (uids.study() == null || uids.series() == null) {
            return "missing or invalid Study or Series Instance UID";
        }
        String dsClass = header.getString(Tag.SOPClassUID);
        if (dsClass != null && !dsClass.equals(cuid)) {
            return "SOP Class UID of the data set (" + dsClass + ") differs from the command's (" + cuid + ")";
        }
        return null;
    }

    /** Concurrent stores into one new study race to create it; the loser retries and finds it. */
    private InstanceIndexer.Indexed index(String ae, Attributes header, InstanceIndexer.StoredFile file,
            InstanceIndexer.FileInPlace fileInPlace, Quota quota) {
        for (int attempt = 1; ; attempt++) {
            try {
                return indexer.index(ae, header, file, fileInPlace, quota);
            } catch (ConcurrentIndexUpdate e) {
                if (attempt >= INDEX_ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("indexing %s, attempt %d failed: %s", file.relativePath(), attempt, e);
                try {
                    Thread.sleep(10L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void respond(Association as, PresentationContext pc, Attributes command, int status,
            String comment) throws IOException {
        as.writeMessage(pc, Commands.response(command, status, comment), null);
    }
}
