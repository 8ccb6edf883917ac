package org.qrarchive.web.status;

import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.qrarchive.archive.config.boundary.ConfigurationRegistry;
import org.qrarchive.archive.config.control.ArchiveAe;
import org.qrarchive.archive.config.control.Configuration;
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

    @EJB
    ConfigurationRegistry registry;

    public record Status(int port, Set<String> aeTitles, int activeAssociations, int maxAssociations,
            int openConnections) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Status status() {
        Configuration c = registry.current();
        return new Status(listener.port(), c.aes().stream().map(ArchiveAe::aeTitle)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                acceptor.activeAssociations(), c.global().maxAssociations(), listener.openConnections());
    }
}
