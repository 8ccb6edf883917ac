package org.qrarchive.archive.index.boundary;

import jakarta.ejb.ApplicationException;

/**
 * Another transaction created the same patient, study or series first (a unique key was violated): an
 * expected race between associations storing into one new study. An application exception, so the
 * container rolls back without logging an error; the caller retries and then finds the rows.
 */
@ApplicationException(rollback = true)
public class ConcurrentIndexUpdate extends RuntimeException {
    public ConcurrentIndexUpdate(String message, Throwable cause) {
        super(message, cause);
    }
}
