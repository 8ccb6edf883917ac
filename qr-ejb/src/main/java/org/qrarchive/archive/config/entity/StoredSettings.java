package org.qrarchive.archive.config.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The global settings, one row (id 1) holding them as JSON: they are read and written as a whole, and new
 * settings need no schema change. Configuration writers lock this row, so that changes apply one at a time.
 */
@Entity
@Table(name = "qr_config_settings")
public class StoredSettings extends Versioned {
    public static final int ID = 1;

    @Id
    private int id = ID;

    @Column(name = "settings", nullable = false)
    private String json;

    protected StoredSettings() {
    }

    public StoredSettings(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public void json(String json) {
        this.json = json;
    }
}
