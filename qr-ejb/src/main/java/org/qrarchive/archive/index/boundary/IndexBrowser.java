package org.qrarchive.archive.index.boundary;

import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.qrarchive.archive.index.entity.Instance;
import org.qrarchive.archive.index.entity.Patient;
import org.qrarchive.archive.index.entity.Series;
import org.qrarchive.archive.index.entity.Study;

/** Read-only views of the index for the admin API. */
@Stateless
public class IndexBrowser {
    @PersistenceContext(unitName = "qr")
    EntityManager em;

    public record Counts(long patients, long studies, long series, long instances) {
    }

    /** One stored instance with everything the index holds about it. */
    public record InstanceView(String aeTitle, String patientId, String issuerOfPatientId, String patientName,
            String patientBirthDate, String patientSex, String studyInstanceUid, String studyDate, String studyTime,
            String accessionNumber, String studyDescription, String referringPhysicianName, String studyId,
            String seriesInstanceUid, String modality, String seriesNumber, String seriesDescription,
            String sopInstanceUid, String sopClassUid, String instanceNumber, String transferSyntaxUid,
            String filePath, long fileSize, String receivedAt, String sourceAETitle) {
    }

    public Counts counts(String aeTitle) {
        return new Counts(count("Patient", aeTitle), count("Study", aeTitle), count("Series", aeTitle),
                count("Instance", aeTitle));
    }

    public InstanceView instance(String aeTitle, String sopInstanceUid) {
        List<Instance> found = em.createNamedQuery(Instance.BY_UID, Instance.class).setParameter("ae", aeTitle)
                .setParameter("uid", sopInstanceUid).getResultList();
        if (found.isEmpty()) {
            return null;
        }
        Instance i = found.get(0);
        Series se = i.series();
        Study st = se.study();
        Patient p = st.patient();
        return new InstanceView(aeTitle, p.patientId(), p.issuerOfPatientId(), p.patientName(), p.patientBirthDate(),
                p.patientSex(), st.studyInstanceUid(), st.studyDate(), st.studyTime(), st.accessionNumber(),
                st.studyDescription(), st.referringPhysicianName(), st.studyId(), se.seriesInstanceUid(),
                se.modality(), se.seriesNumber(), se.seriesDescription(), i.sopInstanceUid(), i.sopClassUid(),
                i.instanceNumber(), i.transferSyntaxUid(), i.filePath(), i.fileSize(), i.receivedAt().toString(),
                i.sourceAETitle());
    }

    private long count(String entity, String aeTitle) {
        return em.createQuery("select count(e) from " + entity + " e where e.aeTitle = :ae", Long.class)
                .setParameter("ae", aeTitle).getSingleResult();
    }
}
