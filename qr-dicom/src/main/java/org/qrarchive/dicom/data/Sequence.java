package org.qrarchive.dicom.data;

import java.util.ArrayList;
import java.util.Collection;

/**
 * The items of a sequence element. Items know the data set that holds them, since they inherit its
 * Specific Character Set (PS3.5 §7.5.1) unless they declare their own.
 */
public final class Sequence extends ArrayList<Attributes> {
    private final transient Attributes owner;

    Sequence(Attributes owner) {
        this.owner = owner;
    }

    @Override
    public boolean add(Attributes item) {
        item.setParent(owner);
        return super.add(item);
    }

    @Override
    public void add(int index, Attributes item) {
        item.setParent(owner);
        super.add(index, item);
    }

    @Override
    public boolean addAll(Collection<? extends Attributes> items) {
        items.forEach(item -> item.setParent(owner));
        return super.addAll(items);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
