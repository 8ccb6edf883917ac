package org.qrarchive.web.config;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BadRequestException;
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
import org.qrarchive.archive.config.control.PeerGroup;

/** Groups of peers (dcmqrscp's HostTable rows that list symbolic names). */
@Path("groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GroupResource {
    @EJB
    ConfigurationStore store;

    @EJB
    ConfigurationRegistry registry;

    @Context
    HttpHeaders headers;

    @GET
    public List<PeerGroup> list() {
        return registry.current().groups();
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return Etags.ok(AeResource.found(store.group(name), name));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") String name, PeerGroup group) {
        if (group == null || group.members() == null) {
            throw new BadRequestException("a group needs a body: {\"members\": [\"peer or group name\", ...]}");
        }
        Etags.samePath("name", name, group.name());
        boolean created = store.group(name) == null;
        return Etags.created(store.putGroup(new PeerGroup(name, group.members()), Etags.ifMatch(headers)), created);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        store.delete(Kind.GROUP, name, Etags.ifMatch(headers), false);
        return Response.noContent().build();
    }
}
