package org.qrarchive.archive.quota.control;

import java.time.Instant;
import java.util.List;

/**
 * What a quota deleted to make room: a whole study (too many studies) or some of its oldest instances (too
 * many bytes). {@code files} are removed once the deletion is committed.
 */
public record Eviction(Instant at, String aeTitle, String studyInstanceUid, int instances, long bytes, String reason,
        List<String> files) {
    public Eviction {
        files = List.copyOf(files);
    }
}
