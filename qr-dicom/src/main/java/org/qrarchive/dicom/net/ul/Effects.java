package org.qrarchive.dicom.net.ul;

import org.qrarchive.dicom.net.pdu.Pdu;

/**
 * What the protocol machine asks of its surroundings: the transport, the ARTIM timer, and the service
 * user's indications. The association implements it; tests record the calls.
 */
public interface Effects {
    void connectTransport();

    void send(Pdu pdu);

    void closeTransport();

    void startArtim();

    void stopArtim();

    /** A-ASSOCIATE indication (acceptor) or confirmation (requestor), carrying the PDU received. */
    void associateIndication(Pdu pdu);

    void dataIndication(Pdu pdu);

    void releaseIndication();

    void releaseConfirmation();

    /** A-ABORT (by the peer's user) or A-P-ABORT (by a provider) indication. */
    void abortIndication(Pdu abortOrNull);
}
