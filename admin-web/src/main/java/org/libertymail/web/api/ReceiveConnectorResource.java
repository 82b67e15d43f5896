package org.libertymail.web.api;

import java.net.URI;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
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

import org.libertymail.adapter.api.ReceiveConnector;
import org.libertymail.ejb.service.ReceiveConnectorService;

/**
 * SMTP receive connectors (Exchange's New-/Set-/Get-/Remove-ReceiveConnector), applied live:
 * new connections follow a change at once, sessions in flight keep the rules they began with.
 */
@Path("receive-connectors")
@Produces(MediaType.APPLICATION_JSON)
public class ReceiveConnectorResource {
    private static final Jsonb JSON = JsonbBuilder.create();

    @EJB
    ReceiveConnectorService connectors;

    /**
     * {@code search} keeps the connectors whose name or a binding contains it, {@code enabled}
     * the enabled (true) or disabled (false) ones; paged as the mailboxes are.
     */
    @GET
    public Response list(@QueryParam("search") String search, @QueryParam("enabled") Boolean enabled,
            @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("1000") int limit, @Context UriInfo uri) {
        return Paging.page(connectors.list().stream()
                .filter(c -> Paging.contains(c.name(), search) || c.bindings().stream().anyMatch(b -> Paging.contains(b, search)))
                .filter(c -> enabled == null || c.enabled() == enabled).toList(), offset, limit, uri);
    }

    @GET
    @Path("{name}")
    public ReceiveConnector get(@PathParam("name") String name) {
        return connectors.get(name);
    }

    /** Creates a connector; "enabled" defaults to true, absent limits to the server's. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        if (body == null) {
            return Problem.response(Response.Status.BAD_REQUEST, "Body must be a receive connector");
        }
        JsonMembers.requireKnown(body, ReceiveConnector.class);
        JsonObjectBuilder b = Json.createObjectBuilder(body);
        if (!body.containsKey("enabled")) {
            b.add("enabled", true);
        }
        ReceiveConnector created = connectors.create(JSON.fromJson(b.build().toString(), ReceiveConnector.class));
        return Response.created(URI.create("receive-connectors/" + created.name().replace(" ", "%20"))).entity(created).build();
    }

    /** Replaces a connector with the body, whole. */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReceiveConnector replace(@PathParam("name") String name, JsonObject body) {
        if (body == null) {
            throw new jakarta.ws.rs.BadRequestException("Body must be a receive connector");
        }
        JsonMembers.requireKnown(body, ReceiveConnector.class);
        return connectors.update(name, JSON.fromJson(body.toString(), ReceiveConnector.class));
    }

    /** Changes the members the body names; the others keep their values. */
    @PATCH
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReceiveConnector patch(@PathParam("name") String name, JsonObject body) {
        if (body == null) {
            throw new jakarta.ws.rs.BadRequestException("Body must be a JSON object");
        }
        JsonMembers.requireKnown(body, ReceiveConnector.class);
        JsonObject current = Json.createReader(new java.io.StringReader(JSON.toJson(connectors.get(name)))).readObject();
        JsonObjectBuilder merged = Json.createObjectBuilder(current);
        body.forEach(merged::add);
        return connectors.update(name, JSON.fromJson(merged.build().toString(), ReceiveConnector.class));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        connectors.delete(name);
        return Response.noContent().build();
    }
}
