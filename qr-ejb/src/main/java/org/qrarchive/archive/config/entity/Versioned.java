package org.qrarchive.archive.config.entity;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

/** A configuration row with an optimistic version: the admin API's ETag, checked against If-Match. */
@MappedSuperclass
public abstract class Versioned {
    @Version
    @Column(name = "version", nullable = false)
    private int version;

    public int version() {
        return version;
    }
}
