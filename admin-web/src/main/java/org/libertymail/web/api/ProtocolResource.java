package org.libertymail.web.api;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.libertymail.adapter.api.BindingState;
import org.libertymail.adapter.api.ListenerState;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.ejb.service.ProtocolService;

/** The SMTP, POP3 and IMAP4 listeners: their state, and starting or stopping one live. */
@Path("protocols")
@Produces(MediaType.APPLICATION_JSON)
public class ProtocolResource {
    @EJB
    ProtocolService protocols;

    /** A listener as the API shows it. */
    public record ProtocolView(String protocol, String bindAddress, int port, boolean enabled, boolean bound,
            int sessions, List<BindingState> bindings) {
        static ProtocolView of(ListenerState s) {
            return new ProtocolView(s.protocol().id(), s.bindAddress(), s.port(), s.enabled(), s.bound(), s.openSessions(),
                    s.bindings());
        }
    }

    /** Body of PATCH /protocols/{name}. */
    public record ProtocolPatch(Boolean enabled) {
    }

    @GET
    public List<ProtocolView> list() {
        return protocols.listeners().stream().map(ProtocolView::of).toList();
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return Protocol.fromId(name)
                .map(p -> Response.ok(ProtocolView.of(protocols.listener(p))).build())
                .orElseGet(() -> unknown(name));
    }

    @PATCH
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response patch(@PathParam("name") String name, ProtocolPatch body) {
        if (Protocol.fromId(name).isEmpty()) {
            return unknown(name);
        }
        if (body == null || body.enabled() == null) {
            return Problem.response(Response.Status.BAD_REQUEST, "Body must be {\"enabled\": true|false}");
        }
        return Response.ok(ProtocolView.of(protocols.setEnabled(Protocol.fromId(name).get(), body.enabled()))).build();
    }

    private static Response unknown(String name) {
        return Problem.response(Response.Status.NOT_FOUND, "Unknown protocol '" + name + "'; use smtp, pop3 or imap");
    }
}
