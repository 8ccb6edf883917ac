package org.qrarchive.dicom.net;

import java.io.IOException;

import org.qrarchive.dicom.net.pdu.AAssociateRJ;

/** The peer answered our A-ASSOCIATE-RQ with an A-ASSOCIATE-RJ. */
public class AssociationRejectedException extends IOException {
    private final AAssociateRJ rejection;

    public AssociationRejectedException(AAssociateRJ rejection) {
        super("association rejected: " + rejection);
        this.rejection = rejection;
    }

    public AAssociateRJ rejection() {
        return rejection;
    }
}
