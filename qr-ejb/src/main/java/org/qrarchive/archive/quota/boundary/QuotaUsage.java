package org.qrarchive.archive.quota.boundary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.jboss.logging.Logger;
import org.qrarchive.archive.config.control.Quota;
import org.qrarchive.archive.config.entity.StoredAe;
import org.qrarchive.archive.quota.control.Eviction;
import org.qrarchive.archive.quota.control.EvictionLog;
import org.qrarchive.archive.quota.control.QuotaRule;

/** What an archive AE holds against its quota, and applying a lowered quota at once. */
@Stateless
public class QuotaUsage {
    private static final Logger LOG = Logger.getLogger(QuotaUsage.class);
    private static final int LARGEST = 100;

    @PersistenceContext(unitName = "qr")
    EntityManager em;

    @Inject
    EvictionLog log;

    public record StudySize(String studyInstanceUid, long bytes, long instances) {
    }

    /** @param largestStudies at most 100, largest first */
    public record Usage(String aeTitle, long studies, long bytes, Quota quota, List<StudySize> largestStudies,
            List<Eviction> lastEvictions) {
    }

    public Usage usage(String aeTitle, Quota quota) {
        long studies = em.createQuery("select count(st) from Study st where st.aeTitle = :ae", Long.class)
                .setParameter("ae", aeTitle).getSingleResult();
        Long bytes = em.createQuery("select sum(i.fileSize) from Instance i where i.aeTitle = :ae", Long.class)
                .setParameter("ae", aeTitle).getSingleResult();
        List<StudySize> largest = em.createQuery("select new " + StudySize.class.getName()
                + "(st.studyInstanceUid, sum(i.fileSize), count(i)) from Instance i join i.series se join se.study st "
                + "where i.aeTitle = :ae group by st.studyInstanceUid order by sum(i.fileSize) desc", StudySize.class)
                .setParameter("ae", aeTitle).setMaxResults(LARGEST).getResultList();
        return new Usage(aeTitle, studies, bytes == null ? 0 : bytes, quota, largest, log.last(aeTitle));
    }

    /** Evicts what the limits no longer allow, in one transaction under the AE's lock. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Eviction> enforce(String aeTitle, Quota quota) {
        em.find(StoredAe.class, aeTitle, LockModeType.PESSIMISTIC_WRITE);
        return new QuotaRule(em, aeTitle, quota).enforce();
    }

    /** After {@link #enforce} committed: logs the evictions and removes their files. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void committed(List<Eviction> evictions, Path area) {
        log.committed(evictions);
        for (Eviction e : evictions) {
            for (String f : e.files()) {
                try {
                    Files.deleteIfExists(area.resolve(f));
                } catch (IOException ex) {
                    LOG.warnf("cannot delete %s of an evicted study: %s", f, ex.getMessage());
                }
            }
        }
    }
}
