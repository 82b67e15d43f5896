package org.libertymail.web.api;

import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.libertymail.ejb.service.AuditService;

/** The audit log: every change made through this API, newest first. */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    @EJB
    AuditService audit;

    /** {@code actor} (an administrator) and {@code target} (part of the path) filter; paged as the mailboxes are. */
    @GET
    public Response list(@QueryParam("actor") String actor, @QueryParam("target") String target,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("100") int limit,
            @Context UriInfo uri) {
        Paging.check(offset, limit);
        AuditService.Page page = audit.page(actor == null || actor.isBlank() ? null : actor.strip(),
                target == null || target.isBlank() ? null : target.strip(), offset, limit);
        return Paging.response(page.items(), page.total(), offset, limit, uri);
    }
}
