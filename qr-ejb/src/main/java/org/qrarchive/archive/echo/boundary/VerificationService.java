package org.qrarchive.archive.echo.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.qrarchive.archive.dimse.control.DimseService;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.UID;
import org.qrarchive.dicom.dimse.Commands;
import org.qrarchive.dicom.dimse.Dimse;
import org.qrarchive.dicom.dimse.Status;
import org.qrarchive.dicom.net.Association;
import org.qrarchive.dicom.net.pdu.PresentationContext;

/** Verification SCP (PS3.4 Annex A): answers C-ECHO. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class VerificationService implements DimseService {

    @Override
    public Set<String> sopClasses() {
        return Set.of(UID.Verification);
    }

    @Override
    public void onRequest(Association as, PresentationContext pc, Attributes command, InputStream data)
            throws IOException {
        int status = Commands.dimseOf(command) == Dimse.C_ECHO_RQ ? Status.SUCCESS : Status.UNRECOGNIZED_OPERATION;
        as.writeMessage(pc, Commands.response(command, status, false), null);
    }
}
