package org.qrarchive.archive.store.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.qrarchive.archive.config.control.StoreSettings;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.DicomInputStream;
import org.qrarchive.dicom.data.DicomOutputStream;
import org.qrarchive.dicom.data.DicomStreamException;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.Transcoder;
import org.qrarchive.dicom.dimse.Status;

/**
 * Puts a received data set on disk: streamed into a temporary file of the storage area, re-encoded if
 * the settings ask for it, forced to disk, then moved to its final name in one atomic rename. A reader
 * never sees a half-written file under a final name.
 */
@ApplicationScoped
public class ObjectWriter {
    private static final int BUFFER = 256 * 1024;
    static final String INCOMING = ".incoming";

    private static final Logger LOG = Logger.getLogger(ObjectWriter.class);
    /** File systems whose fsync of a renamed file also commits the rename (see {@link #place}). */
    private static final Set<String> RENAME_JOURNALED = Set.of("ext4", "xfs");

    @Inject
    PageCache pageCache;

    private final Map<Path, Boolean> renameJournaled = new ConcurrentHashMap<>();

    /** A written file in the storage area {@code area}, not yet at its final place. */
    public record Written(Path area, Path file, long size, TransferSyntax syntax) {
    }

    /**
     * Storing failed after the data set was read from the network: the sender gets {@link #status()},
     * the association lives on.
     */
    public static class StoreFailure extends IOException {
        private final int status;

        public StoreFailure(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Streams {@code data} (in {@code received}) to a temporary file in {@code area}, written as
     * {@code settings} say; {@link #place} forces it to disk.
     *
     * @param fileMeta file meta information to write, or {@code null} for a bare data set
     * @throws StoreFailure when writing failed; the rest of {@code data} was read and discarded
     * @throws IOException when reading from the peer failed; nothing is left on disk
     */
    public Written receive(InputStream data, Path area, TransferSyntax received, Attributes fileMeta,
            StoreSettings settings) throws IOException {
        Path incoming = area.resolve(INCOMING);
        Path spool = incoming.resolve(UUID.randomUUID() + ".part");
        try {
            ensureDirectory(incoming);
        } catch (IOException e) {
            drain(data);
            throw new StoreFailure(Status.OUT_OF_RESOURCES, "cannot create " + incoming, e);
        }
        try {
            if (settings.asReceived(received)) {
                spool(data, spool, fileMeta);
                return new Written(area, spool, Files.size(spool), received);
            }
            Path raw = incoming.resolve(UUID.randomUUID() + ".raw");
            try {
                spool(data, raw, null);
                TransferSyntax target = settings.writeSyntax() == null ? received : settings.writeSyntax();
                transcode(raw, received, spool, target, settings, fileMeta);
                return new Written(area, spool, Files.size(spool), target);
            } finally {
                Files.deleteIfExists(raw);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }

    private static void transcode(Path raw, TransferSyntax received, Path spool, TransferSyntax target,
            StoreSettings settings, Attributes fileMeta) throws StoreFailure {
        try {
            Transcoder.transcode(raw, received, spool, target, settings.encoding(), fileMeta);
        } catch (DicomStreamException e) {
            throw new StoreFailure(Status.CANNOT_UNDERSTAND, "cannot parse the data set: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreFailure(Status.OUT_OF_RESOURCES, "cannot write " + spool + ": " + e.getMessage(), e);
        }
    }

    /** Reads the attributes to index, stopping before the pixel data. */
    public Attributes readHeader(Written written, boolean withFileMeta) throws IOException {
        try (DicomInputStream in = withFileMeta ? DicomInputStream.open(written.file())
                : DicomInputStream.open(written.file(), written.syntax())) {
            return in.stopBefore(Tag.PixelData).lenientLengths(true).readDataset();
        }
    }

    /**
     * Moves the written file to {@code target} in one atomic rename and starts writing it to disk;
     * {@link #force} then waits until it is there. Whatever the caller does in between (the index
     * work) overlaps the disk transfer, without a second thread.
     */
    public void moveIntoPlace(Written written, Path target, StoreSettings settings) throws IOException {
        ensureDirectory(target.getParent());
        Files.move(written.file(), target, StandardCopyOption.ATOMIC_MOVE);
        if (settings.fsync()) {
            pageCache.startWriteback(target);
        }
    }

    /**
     * Forces a file placed by {@link #moveIntoPlace} to disk, if the settings ask for it.
     *
     * <p>The rename came before this flush. On ext4 and XFS the rename updates the file's inode in the
     * same journal transaction as the new directory entry, and journal transactions commit in order, so
     * the file's fsync makes its data, its new name and every directory created before it durable at
     * once; a further fsync of the directory would find nothing to commit and still cost a disk cache
     * flush (0.4-0.5 ms here). On any other file system the directory is forced too. Either way the
     * index row that makes the object part of the archive is committed only afterwards: a crash can at
     * worst leave a file without an index row, never a row without its file.
     */
    public void force(Written written, Path target, StoreSettings settings) throws IOException {
        if (settings.fsync()) {
            force(target);
            if (!journalCoversRename(written.area())) {
                force(target.getParent());
            }
        }
    }

    /**
     * Called once success is answered, off the sender's critical path: lets the kernel reuse the pages
     * of a forced object (see {@link PageCache}).
     */
    public void release(Path target, StoreSettings settings) {
        if (settings.fsync() && settings.dropCache()) {
            pageCache.drop(target);
        }
    }

    private boolean journalCoversRename(Path area) {
        return renameJournaled.computeIfAbsent(area, a -> {
            try {
                String type = Files.getFileStore(a).type();
                LOG.infof("storage area %s is on %s: %s", a, type, RENAME_JOURNALED.contains(type)
                        ? "the fsync of each file commits its directory entry" : "directories are forced too");
                return RENAME_JOURNALED.contains(type);
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * Files.createDirectories alone would throw and catch an exception for every existing directory:
     * twice per object, with the deep stacks of an application server.
     */
    private static void ensureDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
    }

    private static void spool(InputStream data, Path file, Attributes fileMeta) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            drain(data);
            throw new StoreFailure(Status.OUT_OF_RESOURCES, "cannot create " + file + ": " + e, e);
        }
        try (ch) {
            OutputStream out = Channels.newOutputStream(ch);
            if (fileMeta != null) {
                try {
                    // encoded in memory first: one write instead of one per element
                    java.io.ByteArrayOutputStream meta = new java.io.ByteArrayOutputStream(512);
                    new DicomOutputStream(meta, TransferSyntax.EXPLICIT_LE).writeFileMetaInformation(fileMeta);
                    meta.writeTo(out);
                } catch (IOException e) {
                    drain(data);
                    throw new StoreFailure(Status.OUT_OF_RESOURCES, "cannot write " + file + ": " + e, e);
                }
            }
            copy(data, out);
        }
    }

    /** Copies the network stream to the file; a failing disk does not stop the draining of the network. */
    private static void copy(InputStream data, OutputStream out) throws IOException {
        byte[] buf = new byte[BUFFER];
        IOException diskError = null;
        for (int n; (n = data.read(buf)) > 0; ) {
            if (diskError == null) {
                try {
                    out.write(buf, 0, n);
                } catch (IOException e) {
                    diskError = e;
                }
            }
        }
        if (diskError != null) {
            throw new StoreFailure(Status.OUT_OF_RESOURCES, "writing failed: " + diskError.getMessage(), diskError);
        }
    }

    private static void drain(InputStream data) throws IOException {
        byte[] buf = new byte[BUFFER];
        while (data.read(buf) > 0) {
            // discard
        }
    }

    private static void force(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
