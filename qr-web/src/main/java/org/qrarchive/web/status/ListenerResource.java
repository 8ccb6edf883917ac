package org.qrarchive.web.status;

import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.qrarchive.archive.dimse.boundary.DicomListener;

/** Applies a changed DICOM port or bind address without a redeploy: open associations go on. */
@Path("listener")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ListenerResource {
    @EJB
    DicomListener listener;

    @POST
    @Path("rebind")
    public Map<String, Object> rebind() {
        listener.rebind();
        return Map.of("port", listener.port());
    }
}
