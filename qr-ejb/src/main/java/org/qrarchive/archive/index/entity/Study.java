package org.qrarchive.archive.index.entity;

import java.time.Instant;
import java.util.Arrays;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;

/** A study of one archive AE. */
@Entity
@Table(name = "qr_study")
@NamedQuery(name = Study.BY_UID, query = "select s from Study s where s.aeTitle = :ae and s.studyInstanceUid = :uid")
public class Study {
    public static final String BY_UID = "Study.byUid";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "qr_seq")
    private Long pk;

    @Column(name = "ae_title", nullable = false, updatable = false)
    private String aeTitle;

    @ManyToOne(optional = false)
    @JoinColumn(name = "patient_fk")
    private Patient patient;

    @Column(name = "study_instance_uid", nullable = false, updatable = false)
    private String studyInstanceUid;

    @Column(name = "study_date")
    private String studyDate;

    @Column(name = "study_time")
    private String studyTime;

    @Column(name = "accession_number")
    private String accessionNumber;

    @Column(name = "referring_physician_name")
    private String referringPhysicianName;

    @Column(name = "referring_physician_name_norm")
    private String referringPhysicianNameNorm;

    @Column(name = "study_description")
    private String studyDescription;

    @Column(name = "name_of_physicians_reading")
    private String nameOfPhysiciansReadingStudy;

    @Column(name = "admitting_diagnoses")
    private String admittingDiagnosesDescription;

    @Column(name = "patient_age")
    private String patientAge;

    @Column(name = "patient_size")
    private String patientSize;

    @Column(name = "patient_weight")
    private String patientWeight;

    @Column(name = "occupation")
    private String occupation;

    @Column(name = "additional_patient_history")
    private String additionalPatientHistory;

    @Column(name = "study_id")
    private String studyId;

    @Column(name = "other_study_numbers")
    private String otherStudyNumbers;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /**
     * The Specific Character Set (0008,0005) of the object the text of this row came from, values joined
     * with backslash; {@code null} for the default repertoire. C-FIND answers in it when a request's set
     * cannot hold the text.
     */
    @Column(name = "specific_charset")
    private String specificCharset;

    /** Sequence attributes of this level ({@link IndexedSequences}), encoded; {@code null} when none. */
    @Column(name = "sequences")
    private byte[] sequences;

    /** Takes the study attributes of the newest object received. */
    public void update(Attributes ds, Patient owner) {
        Object before = state();
        patient = owner;
        studyDate = DicomText.of(ds, Tag.StudyDate, 8);
        studyTime = DicomText.of(ds, Tag.StudyTime, 16);
        accessionNumber = DicomText.of(ds, Tag.AccessionNumber, 16);
        referringPhysicianName = DicomText.of(ds, Tag.ReferringPhysicianName, 1024);
        referringPhysicianNameNorm = DicomText.normalizedName(referringPhysicianName);
        studyDescription = DicomText.of(ds, Tag.StudyDescription, 1024);
        nameOfPhysiciansReadingStudy = DicomText.of(ds, Tag.NameOfPhysiciansReadingStudy, 1024);
        admittingDiagnosesDescription = DicomText.of(ds, Tag.AdmittingDiagnosesDescription, 1024);
        patientAge = DicomText.of(ds, Tag.PatientAge, 4);
        patientSize = DicomText.of(ds, Tag.PatientSize, 16);
        patientWeight = DicomText.of(ds, Tag.PatientWeight, 16);
        occupation = DicomText.of(ds, Tag.Occupation, 16);
        additionalPatientHistory = DicomText.of(ds, Tag.AdditionalPatientHistory, 10240);
        studyId = DicomText.of(ds, Tag.StudyID, 16);
        otherStudyNumbers = DicomText.of(ds, Tag.OtherStudyNumbers, 1024);
        sequences = IndexedSequences.encode(ds, IndexedSequences.STUDY);
        specificCharset = DicomText.of(ds, Tag.SpecificCharacterSet, 256);
        // an unchanged object must not cost an UPDATE per stored instance
        if (!before.equals(state())) {
            updatedAt = Instant.now();
        }
    }

    private Object state() {
        return Arrays.asList(patient == null ? null : patient.pk(), studyDate, studyTime, accessionNumber,
                referringPhysicianName, referringPhysicianNameNorm, studyDescription, nameOfPhysiciansReadingStudy,
                admittingDiagnosesDescription, patientAge, patientSize, patientWeight, occupation,
                additionalPatientHistory, studyId, otherStudyNumbers, IndexedSequences.comparable(sequences),
                specificCharset);
    }

    protected Study() {
    }

    public Study(String aeTitle, Patient patient, String studyInstanceUid) {
        this.aeTitle = aeTitle;
        this.patient = patient;
        this.studyInstanceUid = studyInstanceUid;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public Long pk() {
        return pk;
    }

    public String aeTitle() {
        return aeTitle;
    }

    public String studyInstanceUid() {
        return studyInstanceUid;
    }

    public Instant createdAt() {
        return createdAt;
    }
    public Patient patient() {
        return patient;
    }

    public String studyDate() {
        return studyDate;
    }

    public String studyTime() {
        return studyTime;
    }

    public String accessionNumber() {
        return accessionNumber;
    }

    public String referringPhysicianName() {
        return referringPhysicianName;
    }

    public String referringPhysicianNameNorm() {
        return referringPhysicianNameNorm;
    }

    public String studyDescription() {
        return studyDescription;
    }

    public String nameOfPhysiciansReadingStudy() {
        return nameOfPhysiciansReadingStudy;
    }

    public String admittingDiagnosesDescription() {
        return admittingDiagnosesDescription;
    }

    public String patientAge() {
        return patientAge;
    }

    public String patientSize() {
        return patientSize;
    }

    public String patientWeight() {
        return patientWeight;
    }

    public String occupation() {
        return occupation;
    }

    public String additionalPatientHistory() {
        return additionalPatientHistory;
    }

    public String studyId() {
        return studyId;
    }

    public String otherStudyNumbers() {
        return otherStudyNumbers;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String specificCharset() {
        return specificCharset;
    }
}
