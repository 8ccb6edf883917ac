package org.qrarchive.web.config;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.qrarchive.archive.config.boundary.ConfigurationRegistry;
import org.qrarchive.archive.config.boundary.ConfigurationStore;
import org.qrarchive.archive.config.boundary.ConfigurationStore.Kind;
import org.qrarchive.archive.config.control.PeerEntry;

/** Peer entries (dcmqrscp's HostTable rows with AE title, host and port). */
@Path("peers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PeerResource {
    @EJB
    ConfigurationStore store;

    @EJB
    ConfigurationRegistry registry;

    @Context
    HttpHeaders headers;

    @GET
    public List<PeerEntry> list() {
        return registry.current().peers();
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return Etags.ok(AeResource.found(store.peer(name), name));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") String name, PeerEntry peer) {
        if (peer == null) {
            throw new jakarta.ws.rs.BadRequestException("a peer entry needs a body: {\"aeTitle\":..., \"host\":..., "
                    + "\"port\":...}");
        }
        Etags.samePath("name", name, peer.name());
        boolean created = store.peer(name) == null;
        return Etags.created(store.putPeer(new PeerEntry(name, peer.aeTitle(), peer.host(), peer.port()),
                Etags.ifMatch(headers)), created);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        store.delete(Kind.PEER, name, Etags.ifMatch(headers), false);
        return Response.noContent().build();
    }
}
