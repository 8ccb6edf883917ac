package org.qrarchive.archive.retrieve.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
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

    /**
     * One open of the file: its meta information is parsed through the channel to find where the data set
     * starts, then the data set is sent from there, in chunks as large as the PDVs.
     */
    public static DataWriter writer(Path file) {
        return (out, tsuid) -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                DicomInputStream in = DicomInputStream.open(new UnclosedInput(Channels.newInputStream(channel)));
                TransferSyntax stored = in.transferSyntax();
                if (!stored.uid().equals(tsuid)) {
                    convert(file, stored, tsuid, out);
                    return;
                }
                channel.position(in.position());
                ByteBuffer buf = ByteBuffer.allocate(COPY_CHUNK);
                while (channel.read(buf) > 0) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
            }
        };
    }

    private static final int COPY_CHUNK = 128 * 1024;

    /** Re-encodes the data set; values above 64 KiB stay in the file and are copied from it in chunks. */
    private static void convert(Path file, TransferSyntax stored, String tsuid, java.io.OutputStream out)
            throws IOException {
        try (DicomInputStream in = DicomInputStream.open(file)) {
            if (stored.deflated()) {
                // values inside a deflate stream cannot be left in the file: read them (64 MiB bound)
                in.bulkDataThreshold(Integer.MAX_VALUE);
            }
            Attributes ds = in.readDataset();
            DicomOutputStream dos = new DicomOutputStream(out, TransferSyntax.of(tsuid));
            dos.writeDataset(ds);
            dos.finish();
        }
    }

    /** The channel stays open for the copy after the meta information is read. */
    private static final class UnclosedInput extends java.io.FilterInputStream {
        UnclosedInput(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
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
