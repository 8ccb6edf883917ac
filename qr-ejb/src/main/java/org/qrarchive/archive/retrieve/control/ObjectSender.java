package org.qrarchive.archive.retrieve.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.DicomInputStream;
import org.qrarchive.dicom.data.DicomOutputStream;
import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.net.DataWriter;

/**
 * Writes a stored object's data set to a C-STORE sub-operation, streamed: the file's bytes as they are when
 * the context's transfer syntax is the file's, else re-encoded in it (uncompressed syntaxes only; large values
 * are copied from the file in chunks, never held whole).
 */
public final class ObjectSender {
    private ObjectSender() {
    }

    /** Whether an object stored in {@code stored} can go on a context of {@code accepted}. */
    public static boolean canSend(String stored, String accepted) {
        if (stored.equals(accepted)) {
            return true;
        }
        TransferSyntax from = TransferSyntax.of(stored);
        TransferSyntax to = TransferSyntax.of(accepted);
        return !from.encapsulated() && !to.encapsulated();
    }

    public static DataWriter writer(Path file) {
        return (out, tsuid) -> {
            long offset;
            TransferSyntax stored;
            try (DicomInputStream in = DicomInputStream.open(file)) {
                stored = in.transferSyntax();
                offset = in.position();
                if (!stored.uid().equals(tsuid)) {
                    if (stored.deflated()) {
                        // values inside a deflate stream cannot be left in the file: read them (64 MiB bound)
                        in.bulkDataThreshold(Integer.MAX_VALUE);
                    }
                    Attributes ds = in.readDataset();
                    DicomOutputStream dos = new DicomOutputStream(out, TransferSyntax.of(tsuid));
                    dos.writeDataset(ds);
                    dos.finish();
                    return;
                }
            }
            try (InputStream raw = Files.newInputStream(file)) {
                raw.skipNBytes(offset);
                raw.transferTo(out);
            }
        };
    }

    /** The file of {@code r} in {@code area}, or an IOException naming what is missing. */
    public static Path fileOf(Path area, Retrievable r) throws IOException {
        Path file = area.resolve(r.filePath()).normalize();
        if (!file.startsWith(area.normalize()) || !Files.isRegularFile(file)) {
            throw new IOException("no file " + r.filePath() + " for " + r.sopInstanceUid());
        }
        return file;
    }
}
