package org.qrarchive.dicom.data;

import java.util.Map;

/**
 * How a data set is encoded (PS3.5 §10): VR explicit or implicit, byte order, deflate, and whether
 * pixel data is encapsulated. Every UID not listed here with a different encoding is one of the
 * encapsulated (compressed) syntaxes, which all encode their data set as explicit VR little endian.
 */
public record TransferSyntax(String uid, boolean explicitVR, boolean bigEndian, boolean deflated,
        boolean encapsulated) {

    public static final TransferSyntax IMPLICIT_LE =
            new TransferSyntax(UID.ImplicitVRLittleEndian, false, false, false, false);
    public static final TransferSyntax EXPLICIT_LE =
            new TransferSyntax(UID.ExplicitVRLittleEndian, true, false, false, false);
    public static final TransferSyntax DEFLATED_LE =
            new TransferSyntax(UID.DeflatedExplicitVRLittleEndian, true, false, true, false);
    public static final TransferSyntax EXPLICIT_BE =
            new TransferSyntax(UID.ExplicitVRBigEndian, true, true, false, false);

    private static final Map<String, TransferSyntax> NATIVE = Map.of(
            IMPLICIT_LE.uid, IMPLICIT_LE, EXPLICIT_LE.uid, EXPLICIT_LE,
            DEFLATED_LE.uid, DEFLATED_LE, EXPLICIT_BE.uid, EXPLICIT_BE);

    public static TransferSyntax of(String uid) {
        TransferSyntax ts = NATIVE.get(uid);
        return ts != null ? ts : new TransferSyntax(uid, true, false, false, true);
    }
}
