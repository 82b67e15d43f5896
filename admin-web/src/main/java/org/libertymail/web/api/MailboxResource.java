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

import org.libertymail.ejb.service.ClientSettings;
import org.libertymail.ejb.service.ClientSettingsService;
import org.libertymail.ejb.service.MailboxAliasService;
import org.libertymail.ejb.service.MailboxService;
import org.libertymail.ejb.service.MailboxView;

/** Mailboxes (user accounts). */
@Path("mailboxes")
@Produces(MediaType.APPLICATION_JSON)
public class MailboxResource {
    @EJB
    MailboxService mailboxes;

    @EJB
    ClientSettingsService clientSettings;

    @EJB
    MailboxAliasService aliases;

    /** Body of POST /mailboxes. */
    public record NewMailbox(String address, String password, Long quotaBytes, Long quotaMessages) {
    }

    /**
     * Mailboxes by address: {@code domain} and {@code search} (part of the address) filter,
     * {@code offset} and {@code limit} (at most 1000) page. The header X-Total-Count tells how
     * many match; Link names the next page while there is one.
     */
    @GET
    public Response list(@QueryParam("domain") String domain, @QueryParam("search") String search,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("1000") int limit,
            @Context UriInfo uri) {
        Paging.check(offset, limit);
        MailboxService.Page page = mailboxes.page(blankToNull(domain), blankToNull(search), offset, limit);
        return Paging.response(page.items(), page.total(), offset, limit, uri);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
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
     * Changes what the body names: "password" (logins cached under the old one end at once, and
     * so do open sessions), "quotaBytes"/"quotaMessages" together (null limits: the domain's
     * default), "enabled" and "protocols" ({"pop3", "imap", "smtp"}: may the mailbox log in with
     * each; open sessions that may no longer run are closed), "pop3" ({"messageRetrievalSortOrder",
     * "messageRetrievalMimeFormat"}: the mailbox's own POP3 retrieval settings, null for the POP3
     * service's; from the next login), "imap" ({"showHiddenFolders", "messageRetrievalMimeFormat",
     * "enableExactRFC822Size"}: null for the IMAP service's setting).
     */
    public Response patch(@PathParam("address") String address, JsonObject body) {
        if (body == null) {
            return Problem.response(Response.Status.BAD_REQUEST,
                    "Body must name \"password\", \"quotaBytes\" and \"quotaMessages\", \"enabled\" or \"protocols\"");
        }
        Boolean enabled = booleanOrNull(body, "enabled");
        JsonObject protocols = member(body, "protocols", MailboxView.Protocols.class, "{\"pop3\": false}");
        JsonObject pop3 = member(body, "pop3", Pop3Retrieval.class, "{\"messageRetrievalMimeFormat\": \"TextOnly\"}");
        JsonObject imap = member(body, "imap", MailboxView.Imap.class, "{\"showHiddenFolders\": true}");
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
        if (enabled != null || protocols != null) {
            mailboxes.setAccess(address, enabled, booleanOrNull(protocols, "pop3"), booleanOrNull(protocols, "imap"),
                    booleanOrNull(protocols, "smtp"));
        }
        if (pop3 != null) {
            MailboxView.Pop3 now = mailboxes.get(address).pop3();
            mailboxes.setPop3Retrieval(address,
                    pop3.containsKey("messageRetrievalSortOrder") ? stringOrNull(pop3, "messageRetrievalSortOrder")
                            : now.messageRetrievalSortOrder(),
                    pop3.containsKey("messageRetrievalMimeFormat") ? stringOrNull(pop3, "messageRetrievalMimeFormat")
                            : now.messageRetrievalMimeFormat());
        }
        if (imap != null && imap.containsKey("showHiddenFolders")) {
            mailboxes.setImapShowHiddenFolders(address, booleanOrNull(imap, "showHiddenFolders"));
        }
        if (imap != null && (imap.containsKey("messageRetrievalMimeFormat") || imap.containsKey("enableExactRFC822Size"))) {
            MailboxView.Imap now = mailboxes.get(address).imap();
            mailboxes.setImapRetrieval(address,
                    imap.containsKey("messageRetrievalMimeFormat") ? stringOrNull(imap, "messageRetrievalMimeFormat")
                            : now.messageRetrievalMimeFormat(),
                    imap.containsKey("enableExactRFC822Size") ? booleanOrNull(imap, "enableExactRFC822Size")
                            : now.enableExactRFC822Size());
        }
        return Response.ok(mailboxes.get(address)).build();
    }

    /** Body of PATCH /mailboxes/{address}/folders. */
    public record FolderChange(String name, Boolean hidden) {
    }

    /**
     * Hides a folder from IMAP listings or shows it again ({"name": "Archive/2020", "hidden":
     * true}); a hidden folder may still be selected by name (Exchange's hidden folders).
     */
    @PATCH
    @Path("{address}/folders")
    @Consumes(MediaType.APPLICATION_JSON)
    public MailboxView changeFolder(@PathParam("address") String address, FolderChange body) {
        if (body == null || body.name() == null || body.hidden() == null) {
            throw new BadRequestException("Body must be {\"name\": \"folder\", \"hidden\": true}");
        }
        return mailboxes.setFolderHidden(address, body.name(), body.hidden());
    }

    /** The members of PATCH's "pop3". */
    public record Pop3Retrieval(String messageRetrievalSortOrder, String messageRetrievalMimeFormat) {
    }

    /** What the mailbox's user types into a mail client, for IMAP, POP3 and SMTP, best first. */
    @GET
    @Path("{address}/client-settings")
    public ClientSettings clientSettings(@PathParam("address") String address) {
        return clientSettings.forMailbox(address);
    }

    /** The mailbox's aliases (more addresses delivering to its INBOX), by address. */
    @GET
    @Path("{address}/aliases")
    public List<String> aliases(@PathParam("address") String address) {
        return aliases.list(address);
    }

    /**
     * Gives the mailbox an alias (again: nothing changes): mail to it is delivered to the
     * mailbox's INBOX. 400 naming "alias" for a bad address or an unhosted domain; 409 when the
     * address is a mailbox or another mailbox's alias.
     *
     * @return the mailbox's aliases
     */
    @PUT
    @Path("{address}/aliases/{alias}")
    public List<String> addAlias(@PathParam("address") String address, @PathParam("alias") String alias) {
        return aliases.add(address, alias);
    }

    /** Removes an alias: mail to it is refused (550 5.1.1) from then on. */
    @DELETE
    @Path("{address}/aliases/{alias}")
    public Response removeAlias(@PathParam("address") String address, @PathParam("alias") String alias) {
        aliases.remove(address, alias);
        return Response.noContent().build();
    }

    /** Body of PUT /mailboxes/{address}/apop. */
    public record ApopSecret(String secret) {
    }

    /**
     * Enables APOP (RFC 1939) for the mailbox with this shared secret, which its POP3 client
     * keeps; the server stores it encrypted. APOP is off for every mailbox until this is set.
     */
    @PUT
    @Path("{address}/apop")
    @Consumes(MediaType.APPLICATION_JSON)
    public MailboxView enableApop(@PathParam("address") String address, ApopSecret body) {
        if (body == null || body.secret() == null) {
            throw new BadRequestException("Body must be {\"secret\": \"...\"}");
        }
        return mailboxes.setApopSecret(address, body.secret());
    }

    @DELETE
    @Path("{address}/apop")
    public MailboxView disableApop(@PathParam("address") String address) {
        return mailboxes.setApopSecret(address, null);
    }

    /** Sets a new random password and answers it, once: the administrator hands it to the user. */
    @POST
    @Path("{address}/password-reset")
    public PasswordReset resetPassword(@PathParam("address") String address) {
        return new PasswordReset(mailboxes.resetPassword(address));
    }

    /** Answer of POST /mailboxes/{address}/password-reset. */
    public record PasswordReset(String password) {
    }

    private static Boolean booleanOrNull(JsonObject body, String name) {
        JsonValue value = body == null ? null : body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw new BadRequestException(name + " must be true or false");
    }

    /** The object member {@code name} with only {@code type}'s members, or null when absent. */
    private static JsonObject member(JsonObject body, String name, Class<? extends Record> type, String example) {
        if (!body.containsKey(name)) {
            return null;
        }
        if (body.get(name).getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadRequestException(name + " must be an object such as " + example);
        }
        JsonObject member = body.getJsonObject(name);
        JsonMembers.requireKnown(member, type);
        return member;
    }

    private static String stringOrNull(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.STRING) {
            return body.getString(name);
        }
        throw new BadRequestException(name + " must be a string or null");
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
