package org.libertymail.web.api;

import java.net.URI;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
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
    /**
     * Changes what the body names: "password" (logins cached under the old one end at once),
     * and "quotaBytes"/"quotaMessages" together (null limits: the domain's default).
     */
    public Response patch(@PathParam("address") String address, JsonObject body) {
        if (body == null) {
            return Problem.response(Response.Status.BAD_REQUEST,
                    "Body must name \"password\" or \"quotaBytes\" and \"quotaMessages\"");
        }
        if (body.containsKey("password")) {
            if (body.get("password").getValueType() != JsonValue.ValueType.STRING) {
                return Problem.response(Response.Status.BAD_REQUEST, "password must be a string");
            }
            mailboxes.setPassword(address, body.getString("password"));
        }
        if (body.containsKey("quotaBytes") || body.containsKey("quotaMessages")) {
            Long bytes = longOrNull(body, "quotaBytes");
            Long messages = longOrNull(body, "quotaMessages");
            mailboxes.setQuota(address, bytes, messages);
        }
        return Response.ok(mailboxes.get(address)).build();
    }

    private static Long longOrNull(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            return number.longValueExact();
        }
        throw new BadRequestException(name + " must be a whole number or null");
    }

    @DELETE
    @Path("{address}")
    public Response delete(@PathParam("address") String address) {
        mailboxes.delete(address);
        return Response.noContent().build();
    }
}
