package org.qrarchive.archive.quota.control;

import jakarta.ejb.ApplicationException;

/** An object the quota does not let in: answered A700 (Out of resources); the transaction rolls back. */
@ApplicationException(rollback = true)
public class QuotaExceeded extends RuntimeException {
    public QuotaExceeded(String message) {
        super(message, null, false, false);
    }
}
