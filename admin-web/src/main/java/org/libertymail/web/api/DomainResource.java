package org.libertymail.web.api;

import java.net.URI;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

import org.libertymail.ejb.service.DkimKeyService;
import org.libertymail.ejb.service.DomainService;
import org.libertymail.ejb.service.DomainView;

/** Accepted domains. */
@Path("domains")
@Produces(MediaType.APPLICATION_JSON)
public class DomainResource {
    @EJB
    DomainService domains;

    @EJB
    DkimKeyService dkim;

    /** Body of POST /domains. */
    public record NewDomain(String name, Long quotaBytes, Long quotaMessages) {
    }

    /** Body of PATCH /domains/{name}: the default quota of its mailboxes (null: unlimited). */
    public record DomainPatch(Long quotaBytes, Long quotaMessages) {
    }

    /**
     * {@code search} keeps the domains whose name contains it; paged: {@code offset},
     * {@code limit} (at most 1000), X-Total-Count and Link as for mailboxes.
     */
    @GET
    public Response list(@QueryParam("search") String search, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("1000") int limit, @Context UriInfo uri) {
        return Paging.page(domains.list().stream().filter(d -> Paging.contains(d.name(), search)).toList(), offset, limit, uri);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewDomain body) {
        if (body == null || body.name() == null) {
            return Problem.response(Response.Status.BAD_REQUEST, "Body must be {\"name\": \"example.com\"}");
        }
        DomainView created = domains.create(body.name(), body.quotaBytes(), body.quotaMessages());
        return Response.created(URI.create("domains/" + created.name())).entity(created).build();
    }

    @PATCH
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public DomainView patch(@PathParam("name") String name, DomainPatch body) {
        DomainPatch patch = body == null ? new DomainPatch(null, null) : body;
        return domains.setQuota(name, patch.quotaBytes(), patch.quotaMessages());
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        domains.delete(name);
        return Response.noContent().build();
    }

    /** Body of PUT /domains/{name}/dkim. */
    public record DkimRequest(String selector) {
    }

    /**
     * Makes the domain a new DKIM key (RSA 2048) under {@code selector} (default "mail"),
     * replacing its old one; mail from the domain is signed from then on. The answer says what
     * to publish in DNS.
     */
    @PUT
    @Path("{name}/dkim")
    @Consumes(MediaType.APPLICATION_JSON)
    public DkimKeyService.DkimView createDkim(@PathParam("name") String name, DkimRequest body) {
        return dkim.create(name, body == null ? null : body.selector());
    }

    @GET
    @Path("{name}/dkim")
    public DkimKeyService.DkimView getDkim(@PathParam("name") String name) {
        return dkim.get(name);
    }

    /** Stops signing the domain's mail and forgets its key. */
    @DELETE
    @Path("{name}/dkim")
    public Response deleteDkim(@PathParam("name") String name) {
        dkim.delete(name);
        return Response.noContent().build();
    }
}
