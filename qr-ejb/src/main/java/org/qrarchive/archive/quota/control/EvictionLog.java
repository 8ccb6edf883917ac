package org.qrarchive.archive.quota.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/** The last evictions of each archive AE, for the usage view, and the INFO line each one gets. */
@ApplicationScoped
public class EvictionLog {
    private static final Logger LOG = Logger.getLogger(EvictionLog.class);
    private static final int KEPT = 50;

    private final Map<String, Deque<Eviction>> byAe = new ConcurrentHashMap<>();

    /** Records committed evictions. */
    public void committed(List<Eviction> evictions) {
        for (Eviction e : evictions) {
            LOG.infof("Quota of %s: evicted %d instances (%d bytes) of study %s: %s", e.aeTitle(), e.instances(),
                    e.bytes(), e.studyInstanceUid(), e.reason());
            Deque<Eviction> last = byAe.computeIfAbsent(e.aeTitle(), k -> new ArrayDeque<>());
            synchronized (last) {
                last.addFirst(e);
                while (last.size() > KEPT) {
                    last.removeLast();
                }
            }
        }
    }

    /** The latest first. */
    public List<Eviction> last(String aeTitle) {
        Deque<Eviction> last = byAe.get(aeTitle);
        if (last == null) {
            return List.of();
        }
        synchronized (last) {
            return List.copyOf(last);
        }
    }
}
