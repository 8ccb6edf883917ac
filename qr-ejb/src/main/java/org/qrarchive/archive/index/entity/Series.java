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
import jakarta.persistence.NamedAttributeNode;
import jakarta.persistence.NamedEntityGraph;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.NamedSubgraph;
import jakarta.persistence.Table;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.Tag;

/** A series of one archive AE. */
@Entity
@Table(name = "qr_series")
@NamedQuery(name = Series.BY_UID,
        query = "select s from Series s where s.aeTitle = :ae and s.seriesInstanceUid = :uid")
@NamedEntityGraph(name = Series.WITH_OWNERS, attributeNodes = @NamedAttributeNode(value = "study", subgraph = "study"),
        subgraphs = @NamedSubgraph(name = "study", attributeNodes = @NamedAttributeNode("patient")))
public class Series {
    public static final String BY_UID = "Series.byUid";
    /** The series with its study and patient: with {@link #BY_UID}, one query for what most stores need. */
    public static final String WITH_OWNERS = "Series.withOwners";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "qr_seq")
    private Long pk;

    @Column(name = "ae_title", nullable = false, updatable = false)
    private String aeTitle;

    @ManyToOne(optional = false)
    @JoinColumn(name = "study_fk")
    private Study study;

    @Column(name = "series_instance_uid", nullable = false, updatable = false)
    private String seriesInstanceUid;

    @Column(name = "modality")
    private String modality;

    @Column(name = "series_number")
    private String seriesNumber;

    @Column(name = "series_description")
    private String seriesDescription;

    @Column(name = "pps_start_date")
    private String performedProcedureStepStartDate;

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

    /** Takes the series attributes of the newest object received. */
    public void update(Attributes ds, Study owner) {
        Object before = state();
        study = owner;
        modality = DicomText.of(ds, Tag.Modality, 16);
        seriesNumber = DicomText.of(ds, Tag.SeriesNumber, 12);
        seriesDescription = DicomText.of(ds, Tag.SeriesDescription, 1024);
        performedProcedureStepStartDate = DicomText.of(ds, Tag.PerformedProcedureStepStartDate, 8);
        sequences = IndexedSequences.encode(ds, IndexedSequences.SERIES);
        specificCharset = DicomText.of(ds, Tag.SpecificCharacterSet, 256);
        // an unchanged object must not cost an UPDATE per stored instance
        if (!before.equals(state())) {
            updatedAt = Instant.now();
        }
    }

    private Object state() {
        return Arrays.asList(study == null ? null : study.pk(), modality, seriesNumber, seriesDescription,
                performedProcedureStepStartDate, IndexedSequences.comparable(sequences),
                specificCharset);
    }

    protected Series() {
    }

    public Series(String aeTitle, Study study, String seriesInstanceUid) {
        this.aeTitle = aeTitle;
        this.study = study;
        this.seriesInstanceUid = seriesInstanceUid;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public Long pk() {
        return pk;
    }

    public String seriesInstanceUid() {
        return seriesInstanceUid;
    }
    public Study study() {
        return study;
    }

    public String modality() {
        return modality;
    }

    public String seriesNumber() {
        return seriesNumber;
    }

    public String seriesDescription() {
        return seriesDescription;
    }

    public String performedProcedureStepStartDate() {
        return performedProcedureStepStartDate;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String specificCharset() {
        return specificCharset;
    }
}
