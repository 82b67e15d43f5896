package org.libertymail.web.api;

import java.time.Instant;

import jakarta.ejb.EJB;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.libertymail.adapter.api.Lockout;
import org.libertymail.ejb.service.LockoutService;

/** Login lockouts after repeated authentication failures, per account and per source address. */
@Path("lockouts")
@Produces(MediaType.APPLICATION_JSON)
public class LockoutResource {
    @EJB
    LockoutService lockouts;

    /** A lockout as the API shows it; {@code lockedUntil} in RFC 3339. */
    public record LockoutView(String kind, String key, int failures, String lockedUntil) {
        static LockoutView of(Lockout l) {
            return new LockoutView(l.kind(), l.key(), l.failures(), Instant.ofEpochMilli(l.lockedUntilMillis()).toString());
        }
    }

    /** {@code kind} ("account" or "ip") and {@code search} (part of the key) filter; paged as the mailboxes are. */
    @GET
    public Response list(@QueryParam("kind") String kind, @QueryParam("search") String search,
            @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("1000") int limit, @Context UriInfo uri) {
        return Paging.page(lockouts.lockouts().stream().map(LockoutView::of)
                .filter(l -> kind == null || kind.isBlank() || l.kind().equalsIgnoreCase(kind.strip()))
                .filter(l -> Paging.contains(l.key(), search)).toList(), offset, limit, uri);
    }

    /** Lifts one lockout: {@code kind} is "account" or "ip". */
    @DELETE
    @Path("{kind}/{key}")
    public Response unlock(@PathParam("kind") String kind, @PathParam("key") String key) {
        lockouts.unlock(kind, key);
        return Response.noContent().build();
    }
}
