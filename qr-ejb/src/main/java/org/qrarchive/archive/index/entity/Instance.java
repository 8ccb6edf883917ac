package org.qrarchive.archive.index.entity;

import java.time.Instant;

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

/** A stored object: where its file is, and what it is. */
@Entity
@Table(name = "qr_instance")
@NamedQuery(name = Instance.BY_UID,
        query = "select i from Instance i where i.aeTitle = :ae and i.sopInstanceUid = :uid")
public class Instance {
    public static final String BY_UID = "Instance.byUid";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "qr_seq")
    private Long pk;

    @Column(name = "ae_title", nullable = false, updatable = false)
    private String aeTitle;

    @ManyToOne(optional = false)
    @JoinColumn(name = "series_fk")
    private Series series;

    @Column(name = "sop_instance_uid", nullable = false, updatable = false)
    private String sopInstanceUid;

    @Column(name = "sop_class_uid", nullable = false)
    private String sopClassUid;

    @Column(name = "instance_number")
    private String instanceNumber;

    @Column(name = "transfer_syntax_uid", nullable = false)
    private String transferSyntaxUid;

    /** Relative to the storage area of {@link #aeTitle()}. */
    @Column(name = "file_path", nullable = false)
    private String filePath;

    @Column(name = "file_size", nullable = false)
    private long fileSize;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "source_ae_title")
    private String sourceAETitle;

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

    /** Records a (new) file of this instance. */
    public void update(Attributes ds, Series owner, String transferSyntax, String path, long size, String source) {
        series = owner;
        sopClassUid = DicomText.key(ds, Tag.SOPClassUID, 64);
        instanceNumber = DicomText.of(ds, Tag.InstanceNumber, 12);
        sequences = IndexedSequences.encode(ds, IndexedSequences.INSTANCE);
        specificCharset = DicomText.of(ds, Tag.SpecificCharacterSet, 256);
        transferSyntaxUid = transferSyntax;
        filePath = path;
        fileSize = size;
        receivedAt = Instant.now();
        sourceAETitle = source;
    }

    protected Instance() {
    }

    public Instance(String aeTitle, Series series, String sopInstanceUid) {
        this.aeTitle = aeTitle;
        this.series = series;
        this.sopInstanceUid = sopInstanceUid;
    }

    public Long pk() {
        return pk;
    }

    public String aeTitle() {
        return aeTitle;
    }

    public String sopInstanceUid() {
        return sopInstanceUid;
    }
    public Series series() {
        return series;
    }

    public String sopClassUid() {
        return sopClassUid;
    }

    public String instanceNumber() {
        return instanceNumber;
    }

    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    public String filePath() {
        return filePath;
    }

    public long fileSize() {
        return fileSize;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String sourceAETitle() {
        return sourceAETitle;
    }

    public String specificCharset() {
        return specificCharset;
    }
}
