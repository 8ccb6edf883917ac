package org.qrarchive.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.qrarchive.archive.config.control.ChangeRefused;
import org.qrarchive.archive.config.control.InvalidConfiguration;

/** Errors as RFC 9457 problem details ({@code application/problem+json}), naming the field or line. */
public final class ProblemMappers {
    public static final MediaType PROBLEM = new MediaType("application", "problem+json");

    private ProblemMappers() {
    }

    static Response problem(int status, String title, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.putAll(extra);
        return Response.status(status).type(PROBLEM).entity(body).build();
    }

    @Provider
    public static class Invalid implements ExceptionMapper<InvalidConfiguration> {
        @Override
        public Response toResponse(InvalidConfiguration e) {
            Map<String, Object> where = new LinkedHashMap<>();
            if (e.field() != null) {
                where.put("field", e.field());
            } else {
                where.put("line", e.line());
                where.put("column", e.column());
            }
            return problem(400, "Invalid configuration", e.getMessage(), where);
        }
    }

    @Provider
    public static class Refused implements ExceptionMapper<ChangeRefused> {
        @Override
        public Response toResponse(ChangeRefused e) {
            return switch (e.reason()) {
                case NOT_FOUND -> problem(404, "Not found", e.getMessage(), Map.of());
                case STALE -> problem(412, "Precondition failed", e.getMessage(), Map.of());
                case CONFLICT -> problem(409, "Conflict", e.getMessage(), Map.of());
            };
        }
    }

    @Provider
    public static class Json implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return problem(400, "Unreadable JSON", e.getMessage(), Map.of());
        }
    }

    /** A request body JSON-B cannot read (RESTEasy wraps the JsonbException). */
    @Provider
    public static class Unreadable implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return problem(400, "Unreadable request body", cause.getMessage(), Map.of());
        }
    }

    /** JAX-RS's own errors (404 of an unknown path, 405, 415, an unreadable body) keep their status. */
    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return problem(status, Response.Status.fromStatusCode(status) == null ? "Error"
                    : Response.Status.fromStatusCode(status).getReasonPhrase(), cause.getMessage(), Map.of());
        }
    }
}
