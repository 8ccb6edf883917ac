package org.qrarchive.dicom.net;

import java.time.Duration;

import org.qrarchive.dicom.data.Implementation;

/**
 * Limits and identity of one side of an association.
 *
 * @param maxPduLength    the largest P-DATA-TF variable field we receive (announced in A-ASSOCIATE)
 * @param connectTimeout  for opening outgoing connections
 * @param acseTimeout     for A-ASSOCIATE and A-RELEASE exchanges, and the ARTIM timer
 * @param dimseTimeout    how long an established association may wait for the peer's next PDU
 */
public record AssociationSettings(int maxPduLength, Duration connectTimeout, Duration acseTimeout,
        Duration dimseTimeout, String implementationClassUid, String implementationVersionName) {

    public static final String IMPLEMENTATION_CLASS_UID = Implementation.CLASS_UID;
    public static final String IMPLEMENTATION_VERSION_NAME = Implementation.VERSION_NAME;
    /** A-ASSOCIATE and other control PDUs larger than this are refused, whatever the peer claims. */
    public static final int MAX_CONTROL_PDU_LENGTH = 1 << 20;
    /** PS3.8 keeps maximum lengths of at least this. */
    public static final int MIN_PDU_LENGTH = 4096;

    public AssociationSettings {
        if (maxPduLength < MIN_PDU_LENGTH) {
            throw new IllegalArgumentException("maximum PDU length must be at least " + MIN_PDU_LENGTH);
        }
    }

    public static AssociationSettings defaults() {
        return new AssociationSettings(65536, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(300), IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME);
    }

    public AssociationSettings withTimeouts(Duration connect, Duration acse, Duration dimse) {
        return new AssociationSettings(maxPduLength, connect, acse, dimse, implementationClassUid,
                implementationVersionName);
    }

    public AssociationSettings withMaxPduLength(int length) {
        return new AssociationSettings(length, connectTimeout, acseTimeout, dimseTimeout, implementationClassUid,
                implementationVersionName);
    }
}
