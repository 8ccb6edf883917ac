package org.qrarchive.web.config;

import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.qrarchive.archive.config.boundary.ConfigurationRegistry;
import org.qrarchive.archive.config.boundary.ConfigurationStore;
import org.qrarchive.archive.config.control.Configuration;
import org.qrarchive.archive.config.control.DcmqrscpCfg;

/**
 * The whole configuration as a dcmqrscp.cfg text: GET exports it (canonical: exporting, importing and exporting
 * again gives the same text), PUT replaces the configuration with an uploaded one, atomically. Settings the
 * format cannot hold (timeouts, the AEs' store and find options) keep their defaults on import.
 */
@Path("config/dcmqrscp")
@RequestScoped
public class DcmqrscpResource {
    @EJB
    ConfigurationStore store;

    @EJB
    ConfigurationRegistry registry;

    @GET
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    public String export() {
        return DcmqrscpCfg.format(store.load());
    }

    @PUT
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> replace(String text) {
        DcmqrscpCfg.Parsed parsed = DcmqrscpCfg.parseWithWarnings(text == null ? "" : text,
                registry.current().global());
        Configuration applied = store.replaceAll(parsed.configuration());
        return Map.of("aes", applied.aes().size(), "peers", applied.peers().size(), "groups", applied.groups().size(),
                "vendors", applied.vendors().size(), "warnings", parsed.warnings());
    }
}
