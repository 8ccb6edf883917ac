package org.qrarchive.archive.index.entity;

import java.time.Instant;
import java.util.Arrays;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;

/** A patient of one archive AE, identified by Patient ID and its issuer. */
@Entity
@Table(name = "qr_patient")
@SequenceGenerator(name = "qr_seq", sequenceName = "qr_seq", allocationSize = 50)
@NamedQuery(name = Patient.BY_ID, query = "select p from Patient p where p.aeTitle = :ae and p.patientId = :id "
        + "and p.issuerOfPatientId = :issuer")
public class Patient {
    public static final String BY_ID = "Patient.byId";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "qr_seq")
    private Long pk;

    @Column(name = "ae_title", nullable = false, updatable = false)
    private String aeTitle;

    @Column(name = "patient_id", nullable = false, updatable = false)
    private String patientId;

    @Column(name = "issuer_of_patient_id", nullable = false, updatable = false)
    private String issuerOfPatientId;

    @Column(name = "patient_name")
    private String patientName;

    @Column(name = "patient_name_norm")
    private String patientNameNorm;

    @Column(name = "patient_birth_date")
    private String patientBirthDate;

    @Column(name = "patient_birth_time")
    private String patientBirthTime;

    @Column(name = "patient_sex")
    private String patientSex;

    @Column(name = "other_patient_ids")
    private String otherPatientIds;

    @Column(name = "other_patient_names")
    private String otherPatientNames;

    @Column(name = "ethnic_group")
    private String ethnicGroup;

    @Column(name = "patient_comments")
    private String patientComments;

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

    /** Takes the patient attributes of the newest object received. */
    public void update(Attributes ds) {
        Object before = state();
        patientName = DicomText.of(ds, Tag.PatientName, 1024);
        patientNameNorm = DicomText.normalizedName(patientName);
        patientBirthDate = DicomText.of(ds, Tag.PatientBirthDate, 8);
        patientBirthTime = DicomText.of(ds, Tag.PatientBirthTime, 16);
        patientSex = DicomText.of(ds, Tag.PatientSex, 16);
        otherPatientIds = DicomText.of(ds, Tag.OtherPatientIDs, 1024);
        otherPatientNames = DicomText.of(ds, Tag.OtherPatientNames, 1024);
        ethnicGroup = DicomText.of(ds, Tag.EthnicGroup, 16);
        patientComments = DicomText.of(ds, Tag.PatientComments, 10240);
        sequences = IndexedSequences.encode(ds, IndexedSequences.PATIENT);
        specificCharset = DicomText.of(ds, Tag.SpecificCharacterSet, 256);
        // an unchanged object must not cost an UPDATE per stored instance
        if (!before.equals(state())) {
            updatedAt = Instant.now();
        }
    }

    private Object state() {
        return Arrays.asList(patientName, patientNameNorm, patientBirthDate, patientBirthTime, patientSex,
                otherPatientIds, otherPatientNames, ethnicGroup, patientComments, IndexedSequences.comparable(sequences),
                specificCharset);
    }

    /** The key of the patient of {@code ds}: Patient ID and Issuer of Patient ID, absent ones as "". */
    public static String[] key(Attributes ds) {
        return new String[] {DicomText.key(ds, Tag.PatientID, 64), DicomText.key(ds, Tag.IssuerOfPatientID, 64)};
    }

    protected Patient() {
    }

    public Patient(String aeTitle, String patientId, String issuerOfPatientId) {
        this.aeTitle = aeTitle;
        this.patientId = patientId;
        this.issuerOfPatientId = issuerOfPatientId;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public Long pk() {
        return pk;
    }

    public String aeTitle() {
        return aeTitle;
    }

    public String patientId() {
        return patientId;
    }

    public String issuerOfPatientId() {
        return issuerOfPatientId;
    }
    public String patientName() {
        return patientName;
    }

    public String patientNameNorm() {
        return patientNameNorm;
    }

    public String patientBirthDate() {
        return patientBirthDate;
    }

    public String patientBirthTime() {
        return patientBirthTime;
    }

    public String patientSex() {
        return patientSex;
    }

    public String otherPatientIds() {
        return otherPatientIds;
    }

    public String otherPatientNames() {
        return otherPatientNames;
    }

    public String ethnicGroup() {
        return ethnicGroup;
    }

    public String patientComments() {
        return patientComments;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String specificCharset() {
        return specificCharset;
    }
}
