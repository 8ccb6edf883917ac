package org.qrarchive.archive.dimse.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

import org.qrarchive.archive.config.control.AeConfig;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.UID;
import org.qrarchive.dicom.net.Association;
import org.qrarchive.dicom.net.pdu.PresentationContext;

/**
 * A DIMSE service of the archive for a family of SOP classes. Implementations are CDI beans (usually
 * {@code @Stateless}); {@link DimseServices} finds them all, so adding a service touches nothing else.
 */
public interface DimseService {
    /** The uncompressed transfer syntaxes, in the order the archive prefers them by default. */
    List<String> UNCOMPRESSED = List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian,
            UID.ExplicitVRBigEndian);

    /** The SOP classes (abstract syntaxes) this service accepts. */
    Set<String> sopClasses();

    /**
     * Transfer syntaxes acceptable for {@code sopClass} on an association with archive AE {@code ae}, most
     * preferred first; {@code null} when the AE does not offer the SOP class.
     */
    default List<String> transferSyntaxes(AeConfig ae, String sopClass) {
        return UNCOMPRESSED;
    }

    /**
     * Handles one request; see {@link org.qrarchive.dicom.net.AssociationHandler#onRequest} for the
     * threading and the data stream.
     */
    void onRequest(Association association, PresentationContext pc, Attributes command, InputStream data)
            throws IOException;
}
