package org.qrarchive.archive.query.control;

import org.qrarchive.dicom.dimse.Status;

/**
 * A C-FIND identifier the archive refuses: the failure status, the Error Comment (0000,0902) and the
 * Offending Element (0000,0901) of the C-FIND-RSP.
 *
 * <p>Checked, so that no caller forgets the failure response; without stack trace, since it reports a
 * peer's mistake rather than a bug.
 */
public final class QueryFailure extends Exception {
    /** Error Comment is LO: at most 64 characters (PS3.7 C.4.1.1.4). */
    static final int MAX_COMMENT = 64;
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorComment;
    private final int offendingTag;

    QueryFailure(int status, String errorComment, int offendingTag) {
        super(errorComment, null, false, false);
        this.status = status;
        this.errorComment = sanitize(errorComment);
        this.offendingTag = offendingTag;
    }

    /** A900 "Identifier does not match SOP Class". */
    public static QueryFailure doesNotMatch(String comment, int offendingTag) {
        return new QueryFailure(Status.DATASET_DOES_NOT_MATCH_SOP_CLASS, comment, offendingTag);
    }

    /** C000 "Unable to process". */
    public static QueryFailure unableToProcess(String comment, int offendingTag) {
        return new QueryFailure(Status.CANNOT_UNDERSTAND, comment, offendingTag);
    }

    public int status() {
        return status;
    }

    public String errorComment() {
        return errorComment;
    }

    public int offendingTag() {
        return offendingTag;
    }

    /**
     * LO in the default repertoire: values quoted from the identifier may hold any character, so anything
     * but printable ASCII becomes '?', a backslash (the value delimiter) becomes '/', and the text is cut.
     */
    private static String sanitize(String comment) {
        StringBuilder sb = new StringBuilder(Math.min(comment.length(), MAX_COMMENT));
        for (int k = 0; k < comment.length() && sb.length() < MAX_COMMENT; k++) {
            char c = comment.charAt(k);
            sb.append(c == '\\' ? '/' : c < 0x20 || c > 0x7E ? '?' : c);
        }
        return sb.toString().strip(); // a cut may end in a space, which LO would take for padding
    }
}
