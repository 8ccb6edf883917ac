package org.qrarchive.archive.store.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.qrarchive.dicom.net.Association;

/**
 * dcmqrscp's --no-parallel-store: at most one association at a time may hold storage contexts for an
 * archive AE title.
 */
@ApplicationScoped
public class StorageExclusivity {
    private final Map<String, Association> holders = new ConcurrentHashMap<>();

    /** @return whether {@code association} now holds (or already held) storage for {@code aeTitle} */
    public boolean acquire(String aeTitle, Association association) {
        Association holder = holders.putIfAbsent(aeTitle, association);
        return holder == null || holder == association;
    }

    public void release(Association association) {
        holders.values().remove(association);
    }
}
