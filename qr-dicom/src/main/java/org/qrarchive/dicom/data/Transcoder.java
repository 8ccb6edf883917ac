package org.qrarchive.dicom.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Re-encodes a DICOM file in another (or the same) transfer syntax and layout, with bounded memory: the
 * data set is parsed with its large values left in the source file as {@link BulkData}, then written out,
 * copying those values in chunks. A deflated source is first inflated to a temporary file beside the
 * target, since values inside a deflate stream cannot be referenced in place.
 */
public final class Transcoder {
    private Transcoder() {
    }

    /**
     * @param source   a Part 10 file, or a bare data set in {@code sourceSyntax}
     * @param sourceSyntax the transfer syntax of a bare data set; {@code null} to detect it (Part 10 meta or guess)
     * @param target   where to write; replaced if it exists
     * @param targetSyntax the transfer syntax to write; {@code null} keeps the source's
     * @param fileMeta file meta information to write (its transfer syntax UID is set here), or {@code null}
     *                 to write the bare data set
     * @return the transfer syntax written
     */
    public static TransferSyntax transcode(Path source, TransferSyntax sourceSyntax, Path target,
            TransferSyntax targetSyntax, EncodingOptions options, Attributes fileMeta) throws IOException {
        Path inflated = null;
        try (DicomInputStream in = sourceSyntax == null ? DicomInputStream.open(source)
                : DicomInputStream.open(source, sourceSyntax)) {
            TransferSyntax from = in.transferSyntax();
            TransferSyntax to = targetSyntax == null ? from : targetSyntax;
            checkConvertible(from, to);
            Attributes dataset;
            if (from.deflated()) {
                inflated = Files.createTempFile(target.toAbsolutePath().getParent(), "inflated", ".tmp");
                dataset = readInflated(in, inflated);
            } else {
                dataset = in.readDataset();
            }
            write(dataset, target, to, options, fileMeta);
            return to;
        } finally {
            if (inflated != null) {
                Files.deleteIfExists(inflated);
            }
        }
    }

    /**
     * Writes {@code dataset} (whose bulk data may live in other files, even in {@code target} itself) to a
     * temporary file beside {@code target}, then renames it over {@code target}: a failure leaves no
     * half-written target, and the source of the bulk data stays intact until the end.
     */
    public static void write(Attributes dataset, Path target, TransferSyntax ts, EncodingOptions options,
            Attributes fileMeta) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                DicomOutputStream out = new DicomOutputStream(file, ts, options);
                if (fileMeta != null) {
                    fileMeta.setString(Tag.TransferSyntaxUID, VR.UI, ts.uid());
                    out.writeFileMetaInformation(fileMeta);
                }
                out.writeDataset(dataset);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void checkConvertible(TransferSyntax from, TransferSyntax to) throws DicomStreamException {
        if (!from.uid().equals(to.uid()) && (from.encapsulated() || to.encapsulated())) {
            throw new DicomStreamException("cannot convert " + from.uid() + " to " + to.uid()
                    + ": compressed pixel data is stored as received, never decoded or encoded");
        }
    }

    /** The remainder of a deflated input, inflated to {@code spool} and parsed from there. */
    private static Attributes readInflated(DicomInputStream in, Path spool) throws IOException {
        try (OutputStream out = Files.newOutputStream(spool)) {
            in.inflatedStream().transferTo(out);
        }
        try (DicomInputStream plain = DicomInputStream.open(spool, TransferSyntax.EXPLICIT_LE)) {
            return plain.readDataset();
        }
    }
}
