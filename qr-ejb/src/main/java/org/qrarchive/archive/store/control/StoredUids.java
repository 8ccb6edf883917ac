package org.qrarchive.archive.store.control;

import java.nio.charset.StandardCharsets;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Uids;

/**
 * The UIDs a stored object is filed under. They become directory and file names, so each is checked
 * against the UID syntax first: a received value never becomes a path unless it is digits and dots.
 */
public record StoredUids(String study, String series, String instance) {

    /**
     * Reads a UID as received: only NUL padding is legal (PS3.5 §9.1); space padding is corrected when
     * {@code fixSpacePadding} (dcmqrscp's --uid-padding), else makes the UID invalid.
     *
     * @return the UID, or {@code null} when absent or invalid
     */
    public static String read(Attributes attrs, int tag, boolean fixSpacePadding) {
        byte[] raw = attrs.getBytes(tag);
        if (raw == null) {
            return null;
        }
        String uid = new String(raw, StandardCharsets.US_ASCII);
        int end = uid.length();
        while (end > 0 && uid.charAt(end - 1) == '\0') {
            end--;
        }
        uid = uid.substring(0, end);
        if (fixSpacePadding) {
            uid = Uids.fixSpacePadding(uid);
        }
        return uid != null && Uids.isValid(uid) ? uid : null;
    }

    /** Where the file goes below the storage area: study/series/instance-suffix.dcm. */
    public String relativePath(String suffix) {
        return study + "/" + series + "/" + instance + "-" + suffix + ".dcm";
    }
}
