package org.libertymail.web.api;

import java.io.StringReader;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
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
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.libertymail.ejb.service.SendConnector;
import org.libertymail.ejb.service.SendConnectorService;

/**
 * Send connectors (Exchange's New-/Set-/Get-/Remove-SendConnector): where mail for other
 * domains goes. The smart host's password is write-only: answers show "****".
 */
@Path("send-connectors")
@Produces(MediaType.APPLICATION_JSON)
public class SendConnectorResource {
    private static final Jsonb JSON = JsonbBuilder.create();

    @EJB
    SendConnectorService connectors;

    /** {@code search} keeps connectors whose name or an address space contains it; paged as the mailboxes are. */
    @GET
    public Response list(@QueryParam("search") String search, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("1000") int limit, @Context UriInfo uri) {
        return Paging.page(connectors.list().stream().filter(c -> Paging.contains(c.name(), search)
                || c.addressSpaces().stream().anyMatch(a -> Paging.contains(a, search))).toList(), offset, limit, uri);
    }

    @GET
    @Path("{name}")
    public SendConnector get(@PathParam("name") String name) {
        return connectors.get(name);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        SendConnector created = connectors.create(parse(body));
        return Response.created(UriBuilder.fromPath("send-connectors").path(created.name()).build()).entity(created).build();
    }

    /** Replaces the connector with the body, whole (a password of "****" or none keeps the stored one). */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SendConnector replace(@PathParam("name") String name, JsonObject body) {
        return connectors.update(name, parse(body));
    }

    /** Changes the members the body names; the others keep their values. */
    @PATCH
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SendConnector patch(@PathParam("name") String name, JsonObject body) {
        parse(body);
        JsonObject current = Json.createReader(new StringReader(JSON.toJson(connectors.get(name)))).readObject();
        JsonObjectBuilder merged = Json.createObjectBuilder(current);
        body.forEach(merged::add);
        return connectors.update(name, JSON.fromJson(merged.build().toString(), SendConnector.class));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        connectors.delete(name);
        return Response.noContent().build();
    }

    private static SendConnector parse(JsonObject body) {
        if (body == null) {
            throw new BadRequestException("Body must be a send connector");
        }
        JsonMembers.requireKnown(body, SendConnector.class);
        return JSON.fromJson(body.toString(), SendConnector.class);
    }
}
