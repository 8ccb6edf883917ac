package org.qrarchive.dicom.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Encapsulated pixel data (PS3.5 §A.4): the items of a pixel data element of undefined length, the first
 * being the basic offset table. Each item is a {@code byte[]} or, when large, a {@link BulkData}; the
 * compressed bytes are never decoded, only kept.
 */
public final class Fragments {
    private final List<Object> items = new ArrayList<>();

    public void add(byte[] fragment) {
        items.add(fragment);
    }

    public void add(BulkData fragment) {
        items.add(fragment);
    }

    /** The fragments, each a {@code byte[]} or a {@link BulkData}; index 0 is the basic offset table. */
    public List<Object> items() {
        return Collections.unmodifiableList(items);
    }

    public int size() {
        return items.size();
    }

    static long lengthOf(Object fragment) {
        return fragment instanceof BulkData b ? b.length() : ((byte[]) fragment).length;
    }
}
