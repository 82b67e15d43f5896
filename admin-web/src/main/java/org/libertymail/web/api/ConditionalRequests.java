package org.libertymail.web.api;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

/**
 * Concurrent edits (RFC 9110 13.1.1): a GET answers the representation's ETag; a change sent
 * with If-Match goes ahead only while the resource still has that tag, else 412 with a problem
 * document. The tag is the hash of what GET shows, so any change by anyone changes it.
 */
@Provider
@Priority(Priorities.USER + 100)
public class ConditionalRequests implements ContainerRequestFilter, ContainerResponseFilter {
    private static final Set<String> CHANGES = Set.of("PUT", "PATCH", "DELETE");

    @Context
    ResourceInfo resource;

    @Context
    UriInfo uri;

    @Override
    public void filter(ContainerRequestContext request) {
        String wanted = request.getHeaderString(HttpHeaders.IF_MATCH);
        if (wanted == null || !CHANGES.contains(request.getMethod())) {
            return;
        }
        String state = ResourceState.before(request, resource, uri);
        boolean matches = state != null && (wanted.strip().equals("*")
                || Arrays.stream(wanted.split(",")).map(String::strip).anyMatch(ResourceState.tag(state)::equals));
        if (!matches) {
            request.abortWith(Problem.response(Response.Status.PRECONDITION_FAILED, state == null
                    ? "There is no such resource to change" : "The resource changed since it was read (If-Match); read it again"));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getMethod().equals("GET") && response.getStatus() == 200 && response.hasEntity()
                && !(response.getEntity() instanceof Collection) && response.getHeaderString(HttpHeaders.ETAG) == null) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, ResourceState.tag(ResourceState.json(response.getEntity())));
        }
    }
}
