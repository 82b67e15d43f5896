package org.libertymail.web.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

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

import org.libertymail.adapter.api.SessionInfo;
import org.libertymail.ejb.service.ProtocolService;

/**
 * The open SMTP, POP3 and IMAP connections of this server, and closing one. Filters:
 * {@code ?protocol=imap}, {@code ?account=ann@example.com}.
 */
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    @EJB
    ProtocolService protocols;

    /** A session as the API shows it; {@code startedAt} in RFC 3339. */
    public record SessionView(String id, String protocol, String endpoint, String account, String remote, boolean tls,
            String startedAt, long commands) {
        static SessionView of(SessionInfo s) {
            return new SessionView(s.id(), s.protocol().id(), s.endpoint(), s.account(), s.remote(), s.tls(),
                    Instant.ofEpochMilli(s.startedAtMillis()).toString(), s.commands());
        }
    }

    /**
     * Filtered by {@code protocol}, {@code account}, {@code endpoint} (a connector or binding)
     * and {@code remote} (part of the client's address), paged as the mailboxes are.
     */
    @GET
    public Response list(@QueryParam("protocol") String protocol, @QueryParam("account") String account,
            @QueryParam("endpoint") String endpoint, @QueryParam("remote") String remote,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("1000") int limit,
            @Context UriInfo uri) {
        List<SessionView> sessions = protocols.sessions().stream()
                .filter(s -> protocol == null || s.protocol().id().equalsIgnoreCase(protocol))
                .filter(s -> account == null || account.toLowerCase(Locale.ROOT).equals(
                        s.account() == null ? null : s.account().toLowerCase(Locale.ROOT)))
                .map(SessionView::of)
                .filter(s -> endpoint == null || endpoint.isBlank() || endpoint.strip().equals(s.endpoint()))
                .filter(s -> Paging.contains(s.remote(), remote)).toList();
        return Paging.page(sessions, offset, limit, uri);
    }

    @DELETE
    @Path("{id}")
    public Response disconnect(@PathParam("id") String id) {
        protocols.disconnect(id);
        return Response.noContent().build();
    }
}
