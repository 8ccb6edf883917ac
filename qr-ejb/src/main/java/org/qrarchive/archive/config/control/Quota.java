package org.qrarchive.archive.config.control;

import java.util.Locale;

/**
 * The limits of one storage area (dcmqrscp's AETable quota), enforced on store; either limit may be
 * {@code null} for none. Unlike dcmqrscp, neither is capped (it caps at 500 studies and 1 GiB per study).
 *
 * @param mode "delete-oldest" (the default, dcmqrscp's behaviour: the least recently updated study, or a
 *             study's oldest instances, make room) or "reject" (the object is refused with A700, nothing
 *             is deleted)
 */
public record Quota(Integer maxStudies, Long maxBytesPerStudy, String mode) {
    public static final String DELETE_OLDEST = "delete-oldest";
    public static final String REJECT = "reject";
    public static final Quota NONE = new Quota(null, null, DELETE_OLDEST);

    public Quota {
        mode = mode == null || mode.isBlank() ? DELETE_OLDEST : mode.trim().toLowerCase(Locale.ROOT);
    }

    /** Limits in the default mode, delete-oldest (what a dcmqrscp.cfg says). */
    public static Quota of(Integer maxStudies, Long maxBytesPerStudy) {
        return new Quota(maxStudies, maxBytesPerStudy, DELETE_OLDEST);
    }

    public boolean limits() {
        return maxStudies != null || maxBytesPerStudy != null;
    }

    public boolean rejects() {
        return REJECT.equals(mode);
    }

    void validate(String field) {
        if (maxStudies != null && maxStudies < 1) {
            throw new InvalidConfiguration(field + ".maxStudies", "must be at least 1, or absent for no limit");
        }
        if (maxBytesPerStudy != null && maxBytesPerStudy < 1) {
            throw new InvalidConfiguration(field + ".maxBytesPerStudy", "must be at least 1, or absent for no limit");
        }
        if (!DELETE_OLDEST.equals(mode) && !REJECT.equals(mode)) {
            throw new InvalidConfiguration(field + ".mode", "delete-oldest or reject: " + mode);
        }
    }
}
