package org.qrarchive.archive.config.entity;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/**
 * An archive AE (dcmqrscp AETable row). The columns are what dcmqrscp.cfg holds; its other options (store,
 * C-FIND, transfer syntax preference) are one JSON value, so that new options need no schema change.
 */
@Entity
@Table(name = "qr_config_ae")
@NamedQuery(name = StoredAe.ALL, query = "select a from StoredAe a order by a.aeTitle")
public class StoredAe extends Versioned {
    public static final String ALL = "StoredAe.all";

    @Id
    @Column(name = "ae_title")
    private String aeTitle;

    @Column(name = "storage_area")
    private String storageArea;

    @Column(name = "access", nullable = false)
    private String access;

    @Column(name = "max_studies")
    private Integer maxStudies;

    @Column(name = "max_bytes_per_study")
    private Long maxBytesPerStudy;

    @Column(name = "quota_mode")
    private String quotaMode;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "qr_config_ae_peer", joinColumns = @JoinColumn(name = "ae_title"))
    @OrderColumn(name = "position")
    @Column(name = "peer", nullable = false)
    private List<String> peers = new ArrayList<>();

    @Column(name = "options", nullable = false)
    private String options;

    protected StoredAe() {
    }

    public StoredAe(String aeTitle) {
        this.aeTitle = aeTitle;
    }

    public void set(String storageArea, String access, Integer maxStudies, Long maxBytesPerStudy, String quotaMode,
            List<String> peers, String options) {
        this.quotaMode = quotaMode;
        this.storageArea = storageArea;
        this.access = access;
        this.maxStudies = maxStudies;
        this.maxBytesPerStudy = maxBytesPerStudy;
        if (!this.peers.equals(peers)) {
            this.peers.clear();
            this.peers.addAll(peers);
        }
        this.options = options;
    }

    public String aeTitle() {
        return aeTitle;
    }

    public String storageArea() {
        return storageArea;
    }

    public String access() {
        return access;
    }

    public Integer maxStudies() {
        return maxStudies;
    }

    public Long maxBytesPerStudy() {
        return maxBytesPerStudy;
    }

    public String quotaMode() {
        return quotaMode;
    }

    public List<String> peers() {
        return List.copyOf(peers);
    }

    public String options() {
        return options;
    }
}
