package org.qrarchive.archive.index.entity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.DicomInputStream;
import org.qrarchive.dicom.data.DicomOutputStream;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.TransferSyntax;

/**
 * The sequence attributes each level of the index keeps, so that C-FIND can match and return them
 * (PS3.4 C.2.2.2.6). A row keeps them as one small encoded data set (explicit VR little endian, with the
 * object's Specific Character Set so that text decodes as received), not as columns: items vary in shape,
 * and they are matched after the database has applied every other key.
 */
public final class IndexedSequences {
    public static final int[] PATIENT = {Tag.ReferencedPatientSequence, Tag.IssuerOfPatientIDQualifiersSequence,
            Tag.OtherPatientIDsSequence};
    public static final int[] STUDY = {Tag.IssuerOfAccessionNumberSequence, Tag.ProcedureCodeSequence,
            Tag.ReferencedStudySequence};
    public static final int[] SERIES = {Tag.ReferencedPerformedProcedureStepSequence,
            Tag.PerformedProtocolCodeSequence, Tag.RequestAttributesSequence};
    public static final int[] INSTANCE = {Tag.ConceptNameCodeSequence, Tag.ContentTemplateSequence};

    /** Larger sequences are not kept: one pathological object must not bloat a row read by every query. */
    static final int MAX_BYTES = 64 * 1024;

    private IndexedSequences() {
    }

    /** The encoded sequences of {@code tags} that {@code ds} has, or {@code null} when it has none. */
    public static byte[] encode(Attributes ds, int[] tags) {
        Attributes kept = null;
        for (int tag : tags) {
            if (ds.getSequence(tag) == null) {
                continue;
            }
            if (kept == null) {
                kept = new Attributes(ds.bigEndian(), tags.length + 1);
                kept.copyFrom(ds, Tag.SpecificCharacterSet);
            }
            kept.copyFrom(ds, tag);
        }
        if (kept == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            new DicomOutputStream(out, TransferSyntax.EXPLICIT_LE).writeDataset(kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size() > MAX_BYTES ? null : out.toByteArray();
    }

    /** A value that equals another exactly when the encoded sequences are the same (arrays do not). */
    static Object comparable(byte[] encoded) {
        return encoded == null ? null : java.nio.ByteBuffer.wrap(encoded);
    }

    /** The data set {@link #encode} made; {@code null} for {@code null}. */
    public static Attributes decode(byte[] encoded) {
        if (encoded == null) {
            return null;
        }
        try {
            return new DicomInputStream(new ByteArrayInputStream(encoded), TransferSyntax.EXPLICIT_LE).readDataset();
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt sequences in the index", e);
        }
    }
}
