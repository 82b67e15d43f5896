package org.libertymail.web.api;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.libertymail.ejb.service.ServiceException;

/** Every error the API returns is a problem document. */
public final class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class ServiceExceptionMapper implements ExceptionMapper<ServiceException> {
        @Override
        public Response toResponse(ServiceException e) {
            return switch (e.kind()) {
                case INVALID -> Problem.response(Response.Status.BAD_REQUEST, e.getMessage(), e.field());
                case NOT_FOUND -> Problem.response(Response.Status.NOT_FOUND, e.getMessage());
                case CONFLICT -> Problem.response(Response.Status.CONFLICT, e.getMessage());
                case UNAVAILABLE -> Problem.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
            };
        }
    }

    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            if (e.getResponse().getEntity() instanceof Problem) {
                return e.getResponse(); // built by a resource, with its field
            }
            Response.StatusType status = e.getResponse().getStatusInfo();
            return Problem.response(status.getStatusCode(), status.getReasonPhrase(), e.getMessage());
        }
    }

    /** A body that is not the JSON the resource expects. */
    @Provider
    public static class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return Problem.response(Response.Status.BAD_REQUEST, "Malformed JSON body: " + e.getMessage());
        }
    }

    @Provider
    public static class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return Problem.response(Response.Status.BAD_REQUEST, "Malformed request body");
        }
    }

    @Provider
    public static class EjbExceptionMapper implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            LOG.log(Level.WARNING, "Request failed", e);
            return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "The server could not complete the request");
        }
    }
}
