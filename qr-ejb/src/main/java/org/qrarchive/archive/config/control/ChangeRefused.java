package org.qrarchive.archive.config.control;

import jakarta.ejb.ApplicationException;

/** A configuration change that cannot be made as asked; the transaction rolls back and nothing changes. */
@ApplicationException(rollback = true)
public class ChangeRefused extends RuntimeException {
    public enum Reason {
        /** No such AE, peer, group or vendor. */
        NOT_FOUND,
        /** The If-Match version is not the current one: someone changed it meanwhile. */
        STALE,
        /** The change would lose data or break a reference (an AE holding objects, a peer still used). */
        CONFLICT
    }

    private final Reason reason;

    public ChangeRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
