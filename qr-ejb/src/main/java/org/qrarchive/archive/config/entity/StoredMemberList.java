package org.qrarchive.archive.config.entity;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** A named, ordered list of peer and group names: a group of the HostTable or a vendor of the VendorTable. */
@MappedSuperclass
public abstract class StoredMemberList extends Versioned {
    @Id
    private String name;

    protected StoredMemberList() {
    }

    protected StoredMemberList(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The members, in order; the list is the entity's own (mapped by the subclass). */
    protected abstract List<String> memberList();

    public List<String> members() {
        return List.copyOf(memberList());
    }

    public void members(List<String> members) {
        List<String> list = memberList();
        if (!list.equals(members)) {
            list.clear();
            list.addAll(members);
        }
    }

    protected static List<String> newList() {
        return new ArrayList<>();
    }
}
