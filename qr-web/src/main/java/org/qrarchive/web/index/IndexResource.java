package org.qrarchive.web.index;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.qrarchive.archive.index.boundary.IndexBrowser;

/** What the index of an archive AE holds: counts, and single instances. */
@Path("aes/{ae}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class IndexResource {
    @EJB
    IndexBrowser browser;

    @GET
    @Path("counts")
    public IndexBrowser.Counts counts(@PathParam("ae") String ae) {
        return browser.counts(ae);
    }

    @GET
    @Path("instances/{uid}")
    public IndexBrowser.InstanceView instance(@PathParam("ae") String ae, @PathParam("uid") String uid) {
        IndexBrowser.InstanceView view = browser.instance(ae, uid);
        if (view == null) {
            throw new NotFoundException("no instance " + uid + " in " + ae);
        }
        return view;
    }
}
