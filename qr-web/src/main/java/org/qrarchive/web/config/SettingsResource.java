package org.qrarchive.web.config;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.qrarchive.archive.config.boundary.ConfigurationStore;
import org.qrarchive.archive.config.control.GlobalSettings;

/** The global settings (dcmqrscp.cfg's global parameters); the port and bind address apply at a rebind. */
@Path("settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {
    @EJB
    ConfigurationStore store;

    @Context
    HttpHeaders headers;

    @GET
    public Response get() {
        return Etags.ok(store.settings());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(GlobalSettings settings) {
        if (settings == null) {
            throw new BadRequestException("the settings need a body");
        }
        return Etags.ok(store.putSettings(settings, Etags.ifMatch(headers)));
    }
}
