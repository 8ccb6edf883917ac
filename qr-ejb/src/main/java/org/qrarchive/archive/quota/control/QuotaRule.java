package org.qrarchive.archive.quota.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.qrarchive.archive.config.control.Quota;

/**
 * Makes room for an incoming object in an archive AE with a quota, inside the index transaction that will
 * record it (so deletions and the new rows commit together), as dcmqrscp's documentation promises but
 * deterministically: the least recently updated study goes first (by its latest stored object's time, then
 * its primary key, so the order is total), and in a study the oldest instances (by store time, then key).
 * The caller holds the AE's row lock, so stores into one AE make room one at a time.
 */
public final class QuotaRule {
    private final EntityManager em;
    private final String ae;
    private final Quota quota;

    public QuotaRule(EntityManager em, String aeTitle, Quota quota) {
        this.em = em;
        this.ae = aeTitle;
        this.quota = quota;
    }

    /**
     * @param size the size of the incoming object's file
     * @return what was deleted
     * @throws QuotaExceeded when the object does not fit (larger than a study may be, or mode reject)
     */
    public List<Eviction> makeRoom(String studyUid, String sopInstanceUid, long size) {
        Long maxBytes = quota.maxBytesPerStudy();
        if (maxBytes != null && size > maxBytes) {
            throw new QuotaExceeded("object of " + size + " bytes, quota " + maxBytes + " per study");
        }
        List<Eviction> evictions = new ArrayList<>();
        Long study = first(em.createQuery("select st.pk from Study st where st.aeTitle = :ae and "
                + "st.studyInstanceUid = :uid", Long.class).setParameter("ae", ae).setParameter("uid", studyUid)
                .getResultList());
        if (study == null && quota.maxStudies() != null) {
            long studies = em.createQuery("select count(st) from Study st where st.aeTitle = :ae", Long.class)
                    .setParameter("ae", ae).getSingleResult();
            while (studies >= quota.maxStudies()) {
                if (quota.rejects()) {
                    throw new QuotaExceeded(ae + " holds " + studies + " studies, its quota");
                }
                evictions.add(evictStudy(leastRecentStudy(), "more than " + quota.maxStudies() + " studies"));
                studies--;
            }
        }
        if (study != null && maxBytes != null) {
            trim(study, sopInstanceUid, size, maxBytes, evictions);
        }
        return evictions;
    }

    /** Applies the limits now (after they were lowered): evicts studies and trims studies until within. */
    public List<Eviction> enforce() {
        List<Eviction> evictions = new ArrayList<>();
        if (quota.maxStudies() != null) {
            long studies = em.createQuery("select count(st) from Study st where st.aeTitle = :ae", Long.class)
                    .setParameter("ae", ae).getSingleResult();
            for (; studies > quota.maxStudies(); studies--) {
                evictions.add(evictStudy(leastRecentStudy(), "more than " + quota.maxStudies() + " studies"));
            }
        }
        if (quota.maxBytesPerStudy() != null) {
            List<Long> over = em.createQuery("select i.series.study.pk from Instance i where i.aeTitle = :ae "
                    + "group by i.series.study.pk having sum(i.fileSize) > :max", Long.class).setParameter("ae", ae)
                    .setParameter("max", quota.maxBytesPerStudy()).getResultList();
            for (Long study : over) {
                trim(study, "", 0, quota.maxBytesPerStudy(), evictions);
            }
        }
        return evictions;
    }

    private void trim(long study, String sopInstanceUid, long size, long maxBytes, List<Eviction> evictions) {
        // the incoming object replaces one of the same UID: only the difference counts
        List<Object[]> instances = em.createQuery("select i.pk, i.sopInstanceUid, i.fileSize, i.filePath "
                + "from Instance i join i.series se where se.study.pk = :study order by i.receivedAt, i.pk", Object[].class)
                .setParameter("study", study).getResultList();
        long held = 0;
        for (Object[] i : instances) {
            if (!sopInstanceUid.equals(i[1])) {
                held += (Long) i[2];
            }
        }
        if (held + size <= maxBytes) {
            return;
        }
        if (quota.rejects() && size > 0) {
            throw new QuotaExceeded("study holds " + held + " bytes, with " + size + " more above " + maxBytes);
        }
        List<Long> victims = new ArrayList<>();
        List<String> files = new ArrayList<>();
        long freed = 0;
        for (Object[] i : instances) {
            if (held - freed + size <= maxBytes) {
                break;
            }
            if (sopInstanceUid.equals(i[1])) {
                continue;
            }
            victims.add((Long) i[0]);
            files.add((String) i[3]);
            freed += (Long) i[2];
        }
        String studyUid = em.createQuery("select st.studyInstanceUid from Study st where st.pk = :pk", String.class)
                .setParameter("pk", study).getSingleResult();
        deleteInstances(victims);
        removeEmptySeries(study);
        evictions.add(new Eviction(Instant.now(), ae, studyUid, victims.size(), freed,
                "more than " + maxBytes + " bytes per study", files));
    }

    /** The study whose latest object was stored first (ties: the lower key). */
    private long leastRecentStudy() {
        List<Long> oldest = em.createQuery("select st.pk from Instance i join i.series se join se.study st "
                + "where i.aeTitle = :ae group by st.pk order by max(i.receivedAt), max(i.pk)", Long.class)
                .setParameter("ae", ae).setMaxResults(1).getResultList();
        if (oldest.isEmpty()) {
            throw new IllegalStateException(ae + " counts studies but holds no instance");
        }
        return oldest.get(0);
    }

    /** Deletes a study whole (instances, series, the study, its patient when it has no other study). */
    private Eviction evictStudy(long study, String reason) {
        Object[] s = em.createQuery("select st.studyInstanceUid, st.patient.pk from Study st where st.pk = :pk",
                Object[].class).setParameter("pk", study).getSingleResult();
        List<Object[]> files = em.createQuery("select i.pk, i.filePath, i.fileSize from Instance i join i.series se "
                + "where se.study.pk = :pk", Object[].class).setParameter("pk", study).getResultList();
        long bytes = files.stream().mapToLong(f -> (Long) f[2]).sum();
        deleteInstances(files.stream().map(f -> (Long) f[0]).toList());
        em.createQuery("delete from Series se where se.study.pk = :pk").setParameter("pk", study).executeUpdate();
        em.createQuery("delete from Study st where st.pk = :pk").setParameter("pk", study).executeUpdate();
        // two statements: H2 evaluated a NOT EXISTS in the DELETE for every patient of the table
        long otherStudies = em.createQuery("select count(st) from Study st where st.patient.pk = :pk", Long.class)
                .setParameter("pk", s[1]).getSingleResult();
        if (otherStudies == 0) {
            em.createQuery("delete from Patient p where p.pk = :pk").setParameter("pk", s[1]).executeUpdate();
        }
        return new Eviction(Instant.now(), ae, (String) s[0], files.size(), bytes, reason,
                files.stream().map(f -> (String) f[1]).toList());
    }

    /**
     * By primary key, in chunks: a DELETE through the series join ("where i.series.study.pk = ?") made H2
     * test every instance of the table.
     */
    private void deleteInstances(List<Long> pks) {
        for (int from = 0; from < pks.size(); from += 500) {
            em.createQuery("delete from Instance i where i.pk in :pks")
                    .setParameter("pks", pks.subList(from, Math.min(pks.size(), from + 500))).executeUpdate();
        }
    }

    private void removeEmptySeries(long study) {
        List<Long> empty = em.createQuery("select se.pk from Series se left join Instance i on i.series = se "
                + "where se.study.pk = :pk group by se.pk having count(i) = 0", Long.class).setParameter("pk", study)
                .getResultList();
        if (!empty.isEmpty()) {
            em.createQuery("delete from Series se where se.pk in :pks").setParameter("pks", empty).executeUpdate();
        }
    }

    private static <T> T first(List<T> list) {
        return list.isEmpty() ? null : list.get(0);
    }
}
