package org.qrarchive.web.config;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.qrarchive.archive.config.boundary.ConfigurationStore.Versioned;
import org.qrarchive.archive.config.control.InvalidConfiguration;

/** The version of a stored element as its ETag, and the If-Match a change is conditional on. */
final class Etags {
    private Etags() {
    }

    static Response ok(Versioned<?> v) {
        return Response.ok(v.value()).tag(new EntityTag(Integer.toString(v.version()))).build();
    }

    static Response created(Versioned<?> v, boolean created) {
        return (created ? Response.status(Response.Status.CREATED) : Response.ok()).entity(v.value())
                .tag(new EntityTag(Integer.toString(v.version()))).build();
    }

    /** The version an If-Match header names, {@code null} without one ("*" too: any version). */
    static Integer ifMatch(HttpHeaders headers) {
        String h = headers.getHeaderString(HttpHeaders.IF_MATCH);
        if (h == null || h.isBlank() || h.trim().equals("*")) {
            return null;
        }
        String tag = h.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            // not one of our ETags: it cannot match the current version
            return -2;
        }
    }

    /** The name in the path is the name; a body naming another one is an error, not a rename. */
    static void samePath(String field, String inPath, String inBody) {
        if (inBody != null && !inBody.equals(inPath)) {
            throw new InvalidConfiguration(field, "'" + inBody + "' differs from the name in the path, '" + inPath
                    + "' (renaming is a PUT of the new name and a DELETE of the old)");
        }
    }
}
