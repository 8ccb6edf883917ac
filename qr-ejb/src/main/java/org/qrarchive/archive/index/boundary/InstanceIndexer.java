package org.qrarchive.archive.index.boundary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.qrarchive.archive.config.control.Quota;
import org.qrarchive.archive.config.entity.StoredAe;
import org.qrarchive.archive.index.entity.Instance;
import org.qrarchive.archive.index.entity.Patient;
import org.qrarchive.archive.index.entity.Series;
import org.qrarchive.archive.index.entity.Study;
import org.qrarchive.archive.quota.control.Eviction;
import org.qrarchive.archive.quota.control.QuotaRule;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;

/**
 * Records a stored object in the index, in a transaction of its own: patient, study and series are
 * created or updated from the object's attributes (the newest object wins), the instance row points to
 * the new file.
 */
@Stateless
public class InstanceIndexer {
    @PersistenceContext(unitName = "qr")
    EntityManager em;

    /**
     * What the store needs to finish: the file the instance had before, and what the quota evicted, whose
     * files go after the commit.
     */
    public record Indexed(long instancePk, String replacedFile, List<Eviction> evictions) {
    }

    /** Makes the stored file durable; called just before the index transaction commits. */
    @FunctionalInterface
    public interface FileInPlace {
        void await() throws IOException;
    }

    /** The file and how it was received. */
    public record StoredFile(String relativePath, long size, String transferSyntaxUid, String sourceAETitle) {
    }

    /**
     * @param fileInPlace makes the file durable at its final place; called just before the commit, so
     *                    that the database work overlaps the disk transfer, yet no row is ever committed
     *                    for a file that is not safely on disk
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Indexed index(String aeTitle, Attributes ds, StoredFile file, FileInPlace fileInPlace, Quota quota) {
        List<Eviction> evictions = List.of();
        if (quota.limits()) {
            // stores into one AE with a quota make room one at a time: the AE's configuration row is the lock
            em.find(StoredAe.class, aeTitle, LockModeType.PESSIMISTIC_WRITE);
            evictions = new QuotaRule(em, aeTitle, quota).makeRoom(ds.getString(Tag.StudyInstanceUID),
                    ds.getString(Tag.SOPInstanceUID), file.size());
        }
        Series series = knownSeries(aeTitle, ds);
        if (series == null) {
            series = seriesFor(aeTitle, ds, studyFor(aeTitle, ds, patientFor(aeTitle, ds)));
        } else {
            Study study = series.study();
            study.patient().update(ds);
            study.update(ds, study.patient());
            series.update(ds, study);
        }

        String sopUid = ds.getString(Tag.SOPInstanceUID);
        Instance instance = first(em.createNamedQuery(Instance.BY_UID, Instance.class).setParameter("ae", aeTitle)
                .setParameter("uid", sopUid).getResultList());
        String replaced = instance == null ? null : instance.filePath();
        if (instance == null) {
            instance = new Instance(aeTitle, series, sopUid);
        }
        instance.update(ds, series, file.transferSyntaxUid(), file.relativePath(), file.size(),
                file.sourceAETitle());
        if (replaced == null) {
            em.persist(instance);
        }
        // constraint violations (a concurrent store created the same study) must surface here, inside
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw new ConcurrentIndexUpdate("index rows of " + sopUid + " were created concurrently", e);
        }
        awaitFile(fileInPlace);
        return new Indexed(instance.pk(), replaced, evictions);
    }

    /**
     * The common case, an object of a series already indexed under the same study and patient, in one
     * query instead of three; {@code null} otherwise.
     */
    private Series knownSeries(String aeTitle, Attributes ds) {
        Series series = first(em.createNamedQuery(Series.BY_UID, Series.class)
                .setHint("jakarta.persistence.fetchgraph", em.getEntityGraph(Series.WITH_OWNERS))
                .setParameter("ae", aeTitle).setParameter("uid", ds.getString(Tag.SeriesInstanceUID))
                .getResultList());
        if (series == null || !series.study().studyInstanceUid().equals(ds.getString(Tag.StudyInstanceUID))) {
            return null;
        }
        String[] patientKey = Patient.key(ds);
        Patient patient = series.study().patient();
        return patient.patientId().equals(patientKey[0]) && patient.issuerOfPatientId().equals(patientKey[1])
                ? series : null;
    }

    private Patient patientFor(String aeTitle, Attributes ds) {
        String[] patientKey = Patient.key(ds);
        Patient patient = first(em.createNamedQuery(Patient.BY_ID, Patient.class).setParameter("ae", aeTitle)
                .setParameter("id", patientKey[0]).setParameter("issuer", patientKey[1]).getResultList());
        if (patient == null) {
            patient = new Patient(aeTitle, patientKey[0], patientKey[1]);
            patient.update(ds);
            em.persist(patient); // after update(): Hibernate inserts the state persist() saw
        } else {
            patient.update(ds);
        }
        return patient;
    }

    private Study studyFor(String aeTitle, Attributes ds, Patient patient) {
        String studyUid = ds.getString(Tag.StudyInstanceUID);
        Study study = first(em.createNamedQuery(Study.BY_UID, Study.class).setParameter("ae", aeTitle)
                .setParameter("uid", studyUid).getResultList());
        if (study == null) {
            study = new Study(aeTitle, patient, studyUid);
            study.update(ds, patient);
            em.persist(study);
        } else {
            study.update(ds, patient);
        }
        return study;
    }

    private Series seriesFor(String aeTitle, Attributes ds, Study study) {
        String seriesUid = ds.getString(Tag.SeriesInstanceUID);
        Series series = first(em.createNamedQuery(Series.BY_UID, Series.class).setParameter("ae", aeTitle)
                .setParameter("uid", seriesUid).getResultList());
        if (series == null) {
            series = new Series(aeTitle, study, seriesUid);
            series.update(ds, study);
            em.persist(series);
        } else {
            series.update(ds, study);
        }
        return series;
    }

    private static void awaitFile(FileInPlace fileInPlace) {
        try {
            fileInPlace.await();
        } catch (IOException e) {
            throw new UncheckedIOException("the file could not be forced to disk: " + e.getMessage(), e);
        }
    }

    private static <T> T first(List<T> list) {
        return list.isEmpty() ? null : list.get(0);
    }
}
