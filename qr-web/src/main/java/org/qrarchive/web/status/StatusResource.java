package org.qrarchive.web.status;

import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.qrarchive.archive.config.control.ArchiveConfig;
import org.qrarchive.archive.dimse.boundary.DicomListener;
import org.qrarchive.archive.dimse.control.AssociationAcceptor;

/** What the archive is doing now: its DICOM port, AE titles and open associations. */
@Path("status")
@RequestScoped
public class StatusResource {
    @EJB
    DicomListener listener;

    @Inject
    AssociationAcceptor acceptor;

    @Inject
    ArchiveConfig config;

    public record Status(int port, Set<String> aeTitles, int activeAssociations, int maxAssociations,
            int openConnections) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Status status() {
        return new Status(listener.port(), config.aeTitles(), acceptor.activeAssociations(),
                config.maxAssociations(), listener.openConnections());
    }
}
