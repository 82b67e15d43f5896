package org.libertymail.web.api;

import java.util.List;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.libertymail.ejb.service.OutboundQueueAdmin;

/** The outbound queue: each recipient's state, and what an administrator may do about it. */
@Path("queue")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {
    private static final List<String> STATES = List.of("queued", "inflight", "deferred", "delivered", "failed");

    @EJB
    OutboundQueueAdmin queue;

    /**
     * One row per recipient, newest first: {@code state} (queued, inflight, deferred, delivered,
     * failed), {@code destination} (the recipient's domain) and {@code search} (part of the
     * sender or recipient) filter; paged as the mailboxes are.
     */
    @GET
    public Response list(@QueryParam("state") String state, @QueryParam("destination") String destination,
            @QueryParam("search") String search, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit, @Context UriInfo uri) {
        Paging.check(offset, limit);
        if (state != null && !state.isBlank() && !STATES.contains(state.strip().toLowerCase(java.util.Locale.ROOT))) {
            return Problem.response(Response.Status.BAD_REQUEST, "state must be one of " + STATES, "state");
        }
        OutboundQueueAdmin.QueuePage page = queue.list(blankToNull(state), blankToNull(destination), blankToNull(search), offset,
                limit);
        return Paging.response(page.items(), page.total(), offset, limit, uri);
    }

    /** Counts by state. */
    @GET
    @Path("summary")
    public Map<String, Long> summary() {
        return queue.counts();
    }

    /** Destinations with mail waiting, failed or suspended. */
    @GET
    @Path("destinations")
    public List<OutboundQueueAdmin.Destination> destinations() {
        return queue.destinations();
    }

    /** Holds everything for a destination until resumed (DELETE). */
    @PUT
    @Path("destinations/{domain}/suspended")
    public Response suspend(@PathParam("domain") String domain) {
        queue.suspend(domain, true);
        return Response.noContent().build();
    }

    @DELETE
    @Path("destinations/{domain}/suspended")
    public Response resume(@PathParam("domain") String domain) {
        queue.suspend(domain, false);
        return Response.noContent().build();
    }

    /** The message's waiting recipients are tried at the next poll. */
    @POST
    @Path("{messageId}/retry")
    public Map<String, Integer> retry(@PathParam("messageId") long messageId) {
        return Map.of("recipients", queue.retryNow(messageId));
    }

    /** The message's waiting recipients fail now; the sender gets the report. */
    @POST
    @Path("{messageId}/bounce")
    public Map<String, Integer> bounce(@PathParam("messageId") long messageId) {
        return Map.of("recipients", queue.bounce(messageId));
    }

    /** Removes the message from the queue, without a report. */
    @DELETE
    @Path("{messageId}")
    public Response delete(@PathParam("messageId") long messageId) {
        queue.delete(messageId);
        return Response.noContent().build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
