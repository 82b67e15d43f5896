package org.libertymail.web.api;

import java.io.StringReader;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.libertymail.adapter.api.BindingState;
import org.libertymail.adapter.api.ListenerState;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ProtocolLogEntry;
import org.libertymail.adapter.api.ProtocolLogFilter;
import org.libertymail.adapter.api.ServiceSettings;
import org.libertymail.ejb.service.ProtocolService;
import org.libertymail.ejb.service.ServiceSettingsService;

/** The SMTP, POP3 and IMAP4 listeners: their state, and starting or stopping one live. */
@Path("protocols")
@Produces(MediaType.APPLICATION_JSON)
public class ProtocolResource {
    @EJB
    ProtocolService protocols;

    /** A listener as the API shows it. */
    public record ProtocolView(String protocol, String bindAddress, int port, boolean enabled, boolean bound,
            int sessions, List<BindingState> bindings, ServiceSettings settings) {
        static ProtocolView of(ListenerState s, ServiceSettings settings) {
            return new ProtocolView(s.protocol().id(), s.bindAddress(), s.port(), s.enabled(), s.bound(), s.openSessions(),
                    s.bindings(), settings);
        }
    }

    private static final Jsonb JSON = JsonbBuilder.create();

    @EJB
    ServiceSettingsService services;

    @GET
    public List<ProtocolView> list() {
        // One read of the listeners for all three, not one per protocol.
        return protocols.listeners().stream()
                .map(s -> ProtocolView.of(s, s.protocol() == Protocol.SMTP ? null : services.get(s.protocol()))).toList();
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return Protocol.fromId(name)
                .map(p -> Response.ok(view(p)).build())
                .orElseGet(() -> unknown(name));
    }

    @PATCH
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    /**
     * {"enabled": true|false} switches the listener (and is remembered); for POP3 and IMAP any
     * member of the service settings changes them (Set-PopSettings / Set-ImapSettings), live.
     */
    public Response patch(@PathParam("name") String name, JsonObject body) {
        Protocol protocol = Protocol.fromId(name).orElse(null);
        if (protocol == null) {
            return unknown(name);
        }
        if (body == null || body.isEmpty()) {
            return Problem.response(Response.Status.BAD_REQUEST, "Body must name \"enabled\" or a service setting");
        }
        if (protocol != Protocol.SMTP) {
            JsonMembers.requireKnown(body, ServiceSettings.class, "enabled");
        }
        JsonObjectBuilder settings = Json.createObjectBuilder();
        body.forEach((k, v) -> {
            if (!k.equals("enabled")) {
                settings.add(k, v);
            }
        });
        JsonObject changes = settings.build();
        if (!changes.isEmpty()) {
            if (protocol == Protocol.SMTP) {
                return Problem.response(Response.Status.BAD_REQUEST,
                        "SMTP is configured by receive connectors (/api/v1/receive-connectors)", changes.keySet().iterator().next());
            }
            JsonObject current = Json.createReader(new StringReader(JSON.toJson(services.get(protocol)))).readObject();
            JsonObjectBuilder merged = Json.createObjectBuilder(current);
            changes.forEach(merged::add);
            services.update(protocol, JSON.fromJson(merged.build().toString(), ServiceSettings.class));
        }
        if (body.containsKey("enabled")) {
            if (body.get("enabled").getValueType() != JsonValue.ValueType.TRUE
                    && body.get("enabled").getValueType() != JsonValue.ValueType.FALSE) {
                return Problem.response(Response.Status.BAD_REQUEST, "enabled must be true or false", "enabled");
            }
            protocols.setEnabled(protocol, body.getBoolean("enabled"));
        }
        return Response.ok(view(protocol)).build();
    }

    /**
     * The protocol log's latest lines, oldest first: {@code session} keeps one session's,
     * {@code connector} one connector's or binding's, {@code remote} those of client addresses
     * containing it, {@code contains} those whose text contains it (case ignored).
     */
    @GET
    @Path("{name}/log")
    public Response log(@PathParam("name") String name, @QueryParam("session") String session,
            @QueryParam("connector") String connector, @QueryParam("remote") String remote,
            @QueryParam("contains") String contains, @QueryParam("limit") @DefaultValue("200") int limit) {
        Protocol protocol = Protocol.fromId(name).orElse(null);
        if (protocol == null) {
            return unknown(name);
        }
        if (limit < 1 || limit > 5000) {
            return Problem.response(Response.Status.BAD_REQUEST, "limit must be 1 to 5000", "limit");
        }
        List<ProtocolLogEntry> lines = protocols.protocolLog(protocol,
                new ProtocolLogFilter(blankToNull(session), blankToNull(connector), blankToNull(remote), blankToNull(contains)), limit);
        return Response.ok(lines).build();
    }

    private ProtocolView view(Protocol protocol) {
        return ProtocolView.of(protocols.listener(protocol), protocol == Protocol.SMTP ? null : services.get(protocol));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Response unknown(String name) {
        return Problem.response(Response.Status.NOT_FOUND, "Unknown protocol '" + name + "'; use smtp, pop3 or imap");
    }
}
