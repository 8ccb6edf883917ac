package org.qrarchive.archive.config.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A peer entry (dcmqrscp HostTable row with an AE title, host and port). */
@Entity
@Table(name = "qr_config_peer")
@NamedQuery(name = StoredPeer.ALL, query = "select p from StoredPeer p order by p.name")
public class StoredPeer extends Versioned {
    public static final String ALL = "StoredPeer.all";

    @Id
    private String name;

    @Column(name = "ae_title", nullable = false)
    private String aeTitle;

    @Column(name = "host")
    private String host;

    @Column(name = "port", nullable = false)
    private int port;

    protected StoredPeer() {
    }

    public StoredPeer(String name) {
        this.name = name;
    }

    public void set(String aeTitle, String host, int port) {
        this.aeTitle = aeTitle;
        this.host = host;
        this.port = port;
    }

    public String name() {
        return name;
    }

    public String aeTitle() {
        return aeTitle;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
