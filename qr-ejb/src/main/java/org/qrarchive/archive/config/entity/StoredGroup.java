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

/** A group of the HostTable: a symbolic name for peer entries and other groups. */
@Entity
@Table(name = "qr_config_group")
@NamedQuery(name = StoredGroup.ALL, query = "select g from StoredGroup g order by g.name")
public class StoredGroup extends StoredMemberList {
    public static final String ALL = "StoredGroup.all";

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "qr_config_group_member", joinColumns = @JoinColumn(name = "group_name"))
    @OrderColumn(name = "position")
    @Column(name = "member", nullable = false)
    private List<String> members = newList();

    protected StoredGroup() {
    }

    public StoredGroup(String name) {
        super(name);
    }

    @Override
    protected List<String> memberList() {
        return members;
    }
}
