package org.qrarchive.archive.config.control;

/**
 * dcmqrscp's C-FIND options of one archive AE.
 *
 * @param patientRoot        offer the Patient Root model (false: -QP)
 * @param studyRoot          offer the Study Root model (false: -QS)
 * @param patientStudyOnly   offer the Patient/Study Only model (false: -QO)
 * @param strict             reject identifiers that break the strict rules of PS3.4 C.4.1 (--check-find)
 * @param caseSensitiveNames match person names case-sensitively, as dcmqrscp does (default: ignore case)
 * @param maxMatches         refuse queries with more matches (A700)
 */
public record FindOptions(boolean patientRoot, boolean studyRoot, boolean patientStudyOnly, boolean strict,
        boolean caseSensitiveNames, int maxMatches) {

    public static final FindOptions DEFAULTS = new FindOptions(true, true, true, false, false, 100_000);

    void validate(String field) {
        if (maxMatches < 1) {
            throw new InvalidConfiguration(field + ".maxMatches", "must be at least 1: " + maxMatches);
        }
    }
}
