package org.qrarchive.archive.config.control;

/**
 * The limits of one storage area (dcmqrscp's AETable quota), enforced on store; either may be {@code null}
 * for no limit. Unlike dcmqrscp, neither is capped (it caps at 500 studies and 1 GiB per study).
 */
public record Quota(Integer maxStudies, Long maxBytesPerStudy) {
    public static final Quota NONE = new Quota(null, null);

    void validate(String field) {
        if (maxStudies != null && maxStudies < 1) {
            throw new InvalidConfiguration(field + ".maxStudies", "must be at least 1, or absent for no limit");
        }
        if (maxBytesPerStudy != null && maxBytesPerStudy < 1) {
            throw new InvalidConfiguration(field + ".maxBytesPerStudy", "must be at least 1, or absent for no limit");
        }
    }
}
