package org.qrarchive.dicom.data;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Syntax, padding and generation of unique identifiers (VR UI).
 *
 * <p>The well-known UIDs themselves live in {@link UID} and {@link UIDRegistry}; this class only knows
 * the rules of PS3.5 §9.1 and Annex B.2.
 */
public final class Uids {
    /** PS3.5 §9.1: "the total length of a UID shall not exceed 64 characters". */
    public static final int MAX_LENGTH = 64;

    /** PS3.5 Annex B.2: the root under which a UUID, read as an unsigned decimal integer, is a UID. */
    private static final String UUID_ROOT = "2.25.";

    private Uids() {
    }

    /**
     * Whether {@code uid} has the syntax of PS3.5 §9.1: 1 to 64 characters, components of digits separated
     * by single dots, and no component of more than one digit starting with '0'.
     *
     * <p>Padding is not accepted here: callers reading from the wire should {@link #trimPadding} first.
     */
    public static boolean isValid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > MAX_LENGTH) {
            return false;
        }
        int componentStart = 0;
        for (int i = 0; i <= uid.length(); i++) {
            if (i == uid.length() || uid.charAt(i) == '.') {
                if (!isValidComponent(uid, componentStart, i)) {
                    return false;
                }
                componentStart = i + 1;
            } else if (!isAsciiDigit(uid.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A component is a non-empty run of digits without a leading zero, unless it is "0" itself. */
    private static boolean isValidComponent(String uid, int start, int end) {
        int length = end - start;
        return length == 1 || (length > 1 && uid.charAt(start) != '0');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The value without its trailing padding. UI values are padded with one NUL to even length
     * (PS3.5 §6.2); some implementations pad with a space instead, so both are stripped, however many.
     *
     * @return {@code null} for {@code null}, otherwise the value without trailing NULs and spaces
     */
    public static String trimPadding(String uid) {
        if (uid == null) {
            return null;
        }
        int end = uid.length();
        while (end > 0 && isPadding(uid.charAt(end - 1))) {
            end--;
        }
        return uid.substring(0, end);
    }

    /**
     * Repairs a UID for dcmqrscp's {@code --uid-padding} option, which tolerates peers that pad UIDs with
     * spaces on either side: leading and trailing spaces and NULs are removed.
     *
     * @return the repaired UID, or {@code null} when {@code uid} is {@code null} or nothing is left
     */
    public static String fixSpacePadding(String uid) {
        if (uid == null) {
            return null;
        }
        int start = 0;
        int end = uid.length();
        while (start < end && isPadding(uid.charAt(start))) {
            start++;
        }
        while (end > start && isPadding(uid.charAt(end - 1))) {
            end--;
        }
        return start == end ? null : uid.substring(start, end);
    }

    private static boolean isPadding(char c) {
        return c == '\0' || c == ' ';
    }

    /**
     * A new UID under the "2.25" root of PS3.5 Annex B.2: the 128 bits of a random (version 4) UUID read
     * as one unsigned decimal integer. At most 39 digits follow the root, so the UID never exceeds 44
     * characters, and {@link BigInteger#toString()} never writes a leading zero.
     */
    public static String createUID() {
        UUID uuid = UUID.randomUUID();
        byte[] bits = ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
        return UUID_ROOT + new BigInteger(1, bits);
    }
}
