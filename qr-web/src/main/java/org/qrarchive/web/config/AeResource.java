package org.qrarchive.web.config;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.qrarchive.archive.config.boundary.ConfigurationRegistry;
import org.qrarchive.archive.config.boundary.ConfigurationStore;
import org.qrarchive.archive.config.boundary.ConfigurationStore.Kind;
import org.qrarchive.archive.config.boundary.ConfigurationStore.Versioned;
import org.qrarchive.archive.config.control.ArchiveAe;
import org.qrarchive.archive.config.control.Configuration;
import org.qrarchive.archive.index.boundary.IndexBrowser;
import org.qrarchive.archive.quota.boundary.QuotaUsage;
import org.qrarchive.archive.quota.control.Eviction;

/** Archive AEs (dcmqrscp's AETable), and what the index of each holds. */
@Path("aes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AeResource {
    @EJB
    ConfigurationStore store;

    @EJB
    ConfigurationRegistry registry;

    @EJB
    IndexBrowser browser;

    @EJB
    QuotaUsage quotaUsage;

    @Context
    HttpHeaders headers;

    @GET
    public List<ArchiveAe> list() {
        return registry.current().aes();
    }

    @GET
    @Path("{aet}")
    public Response get(@PathParam("aet") String aet) {
        return Etags.ok(found(store.ae(aet), aet));
    }

    @PUT
    @Path("{aet}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("aet") String aet, ArchiveAe ae) {
        ArchiveAe body = ae == null ? ArchiveAe.withDefaults(aet) : ae;
        Etags.samePath("aeTitle", aet, body.aeTitle());
        boolean created = store.ae(aet) == null;
        ArchiveAe named = new ArchiveAe(aet, body.storageArea(), body.access(), body.quota(), body.peers(),
                body.store(), body.find(), body.preferredTransferSyntax(), body.retrieve());
        return Etags.created(store.putAe(named, Etags.ifMatch(headers)), created);
    }

    @DELETE
    @Path("{aet}")
    public Response delete(@PathParam("aet") String aet, @QueryParam("purge") @DefaultValue("false") boolean purge) {
        store.delete(Kind.AE, aet, Etags.ifMatch(headers), purge);
        return Response.noContent().build();
    }

    @GET
    @Path("{aet}/usage")
    public QuotaUsage.Usage usage(@PathParam("aet") String aet) {
        ArchiveAe ae = configured(aet);
        return quotaUsage.usage(aet, ae.quota());
    }

    /** Applies the quota now (lowered limits otherwise wait for the next store). */
    @POST
    @Path("{aet}/usage/enforce")
    public QuotaUsage.Usage enforce(@PathParam("aet") String aet) {
        ArchiveAe ae = configured(aet);
        if (ae.quota().limits()) {
            List<Eviction> evictions = quotaUsage.enforce(aet, ae.quota());
            quotaUsage.committed(evictions, Configuration.storageArea(ae, registry.storageRoot()));
        }
        return quotaUsage.usage(aet, ae.quota());
    }

    private ArchiveAe configured(String aet) {
        ArchiveAe ae = registry.current().ae(aet);
        if (ae == null) {
            throw new NotFoundException("no archive AE " + aet);
        }
        return ae;
    }

    @GET
    @Path("{aet}/counts")
    public IndexBrowser.Counts counts(@PathParam("aet") String aet) {
        return browser.counts(aet);
    }

    @GET
    @Path("{aet}/instances/{uid}")
    public IndexBrowser.InstanceView instance(@PathParam("aet") String aet, @PathParam("uid") String uid) {
        IndexBrowser.InstanceView view = browser.instance(aet, uid);
        if (view == null) {
            throw new NotFoundException("no instance " + uid + " in " + aet);
        }
        return view;
    }

    static <T> Versioned<T> found(Versioned<T> v, String name) {
        if (v == null) {
            throw new NotFoundException("no " + name);
        }
        return v;
    }
}
