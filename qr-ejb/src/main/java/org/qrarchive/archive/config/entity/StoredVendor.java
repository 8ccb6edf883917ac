package org.qrarchive.archive.config.entity;

import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/** A vendor of the VendorTable: a name for peer entries and groups (to restrict move destinations). */
@Entity
@Table(name = "qr_config_vendor")
@NamedQuery(name = StoredVendor.ALL, query = "select g from StoredVendor g order by g.name")
public class StoredVendor extends StoredMemberList {
    public static final String ALL = "StoredVendor.all";

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "qr_config_vendor_member", joinColumns = @JoinColumn(name = "vendor_name"))
    @OrderColumn(name = "position")
    @Column(name = "member", nullable = false)
    private List<String> members = newList();

    protected StoredVendor() {
    }

    public StoredVendor(String name) {
        super(name);
    }

    @Override
    protected List<String> memberList() {
        return members;
    }
}
