package org.libertymail.web.api;

import java.net.URI;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.libertymail.ejb.service.MailboxService;
import org.libertymail.ejb.service.MailboxView;

/** Mailboxes (user accounts). */
@Path("mailboxes")
@Produces(MediaType.APPLICATION_JSON)
public class MailboxResource {
    @EJB
    MailboxService mailboxes;

    /** Body of POST /mailboxes. */
    public record NewMailbox(String address, String password, Long quotaBytes, Long quotaMessages) {
    }

    /** Body of PATCH /mailboxes/{address}: its own quota (null limits: the domain's default). */
    public record MailboxPatch(Long quotaBytes, Long quotaMessages) {
    }

    @GET
    public List<MailboxView> list() {
        return mailboxes.list();
    }

    @GET
    @Path("{address}")
    public MailboxView get(@PathParam("address") String address) {
        return mailboxes.get(address);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewMailbox body) {
        if (body == null || body.address() == null || body.password() == null) {
            return Problem.response(Response.Status.BAD_REQUEST,
                    "Body must be {\"address\": \"user@example.com\", \"password\": \"...\"}");
        }
        MailboxView created = mailboxes.create(body.address(), body.password(), body.quotaBytes(), body.quotaMessages());
        return Response.created(URI.create("mailboxes/" + created.address())).entity(created).build();
    }

    @PATCH
    @Path("{address}")
    @Consumes(MediaType.APPLICATION_JSON)
    public MailboxView patch(@PathParam("address") String address, MailboxPatch body) {
        MailboxPatch patch = body == null ? new MailboxPatch(null, null) : body;
        return mailboxes.setQuota(address, patch.quotaBytes(), patch.quotaMessages());
    }

    @DELETE
    @Path("{address}")
    public Response delete(@PathParam("address") String address) {
        mailboxes.delete(address);
        return Response.noContent().build();
    }
}
