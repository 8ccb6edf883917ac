package org.qrarchive.archive.config.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.UID;

/** dcmqrscp's --prefer-* and --write-xfer-* choices, by the names used in the configuration. */
final class TransferSyntaxPreference {
    /** Everything dcmqrscp accepts for storage, in its default order (uncompressed first). */
    private static final List<String> STORAGE = List.of(
            UID.ExplicitVRLittleEndian, UID.ExplicitVRBigEndian, UID.ImplicitVRLittleEndian,
            UID.DeflatedExplicitVRLittleEndian,
            "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.70",
            "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.90",
            "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.101",
            "1.2.840.10008.1.2.4.102", "1.2.840.10008.1.2.4.103", "1.2.840.10008.1.2.4.104",
            "1.2.840.10008.1.2.4.105", "1.2.840.10008.1.2.4.106", "1.2.840.10008.1.2.4.107",
            "1.2.840.10008.1.2.4.108", "1.2.840.10008.1.2.5");

    private static final Map<String, String> PREFER = Map.ofEntries(
            Map.entry("uncompr", UID.ExplicitVRLittleEndian), Map.entry("little", UID.ExplicitVRLittleEndian),
            Map.entry("big", UID.ExplicitVRBigEndian), Map.entry("lossless", "1.2.840.10008.1.2.4.70"),
            Map.entry("jpeg8", "1.2.840.10008.1.2.4.50"), Map.entry("jpeg12", "1.2.840.10008.1.2.4.51"),
            Map.entry("j2k-lossless", "1.2.840.10008.1.2.4.90"), Map.entry("j2k-lossy", "1.2.840.10008.1.2.4.91"),
            Map.entry("jls-lossless", "1.2.840.10008.1.2.4.80"), Map.entry("jls-lossy", "1.2.840.10008.1.2.4.81"),
            Map.entry("mpeg2", "1.2.840.10008.1.2.4.100"), Map.entry("mpeg2-high", "1.2.840.10008.1.2.4.101"),
            Map.entry("mpeg4", "1.2.840.10008.1.2.4.102"), Map.entry("mpeg4-bd", "1.2.840.10008.1.2.4.103"),
            Map.entry("mpeg4-2-2d", "1.2.840.10008.1.2.4.104"), Map.entry("mpeg4-2-3d", "1.2.840.10008.1.2.4.105"),
            Map.entry("mpeg4-2-st", "1.2.840.10008.1.2.4.106"), Map.entry("hevc", "1.2.840.10008.1.2.4.107"),
            Map.entry("hevc10", "1.2.840.10008.1.2.4.108"), Map.entry("rle", "1.2.840.10008.1.2.5"),
            Map.entry("deflated", UID.DeflatedExplicitVRLittleEndian),
            Map.entry("implicit", UID.ImplicitVRLittleEndian));

    private static final Map<String, TransferSyntax> WRITE = Map.of(
            "little", TransferSyntax.EXPLICIT_LE, "big", TransferSyntax.EXPLICIT_BE,
            "implicit", TransferSyntax.IMPLICIT_LE, "deflated", TransferSyntax.DEFLATED_LE);

    private TransferSyntaxPreference() {
    }

    /** The storage list with the preferred syntax first; "implicit" accepts implicit VR little endian only. */
    static List<String> forStorage(String prefer) {
        String key = prefer.trim().toLowerCase(Locale.ROOT);
        if (key.equals("implicit")) {
            return List.of(UID.ImplicitVRLittleEndian);
        }
        String first = PREFER.get(key);
        if (first == null) {
            throw new IllegalStateException("unknown preferred transfer syntax '" + prefer + "'; one of "
                    + PREFER.keySet());
        }
        Set<String> ordered = new LinkedHashSet<>();
        ordered.add(first);
        ordered.addAll(STORAGE);
        return new ArrayList<>(ordered);
    }

    /** The transfer syntax to write, or {@code null} for "same". */
    static TransferSyntax forWriting(String value) {
        String key = value.trim().toLowerCase(Locale.ROOT);
        if (key.equals("same") || key.isEmpty()) {
            return null;
        }
        TransferSyntax ts = WRITE.get(key);
        if (ts == null) {
            throw new IllegalStateException("unknown transfer syntax to write '" + value
                    + "'; one of same, " + WRITE.keySet());
        }
        return ts;
    }
}
