package org.libertymail.web.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

import org.libertymail.ejb.service.AuditService;

/**
 * Writes every change made through the admin API to the audit log: who, what (method and
 * path), how it ended, the request, and the resource before and after. "Before" is what the
 * resource's own GET at the same path answers just before the change ({@link ResourceState});
 * "after" is what the change answers. Passwords and secrets are masked wherever they appear.
 */
@Provider
public class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final Logger LOG = Logger.getLogger(AuditFilter.class.getName());
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> SECRETS = Set.of("password", "secret", "newpassword");
    private static final String REQUEST = "libertymail.audit.request";
    private static final String BEFORE = "libertymail.audit.before";
    private static final Jsonb JSON = JsonbBuilder.create();

    @EJB
    AuditService audit;

    @Context
    ResourceInfo resource;

    @Context
    UriInfo uri;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (READS.contains(request.getMethod())) {
            return;
        }
        if (request.hasEntity()) {
            byte[] body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
            request.setProperty(REQUEST, new String(body, StandardCharsets.UTF_8));
        }
        request.setProperty(BEFORE, masked(ResourceState.before(request, resource, uri)));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (READS.contains(request.getMethod()) || request.getSecurityContext().getUserPrincipal() == null) {
            return; // reads, and requests refused before anyone was known, change nothing
        }
        try {
            String after = response.getStatus() < 300 && response.hasEntity() ? masked(JSON.toJson(response.getEntity())) : null;
            audit.record(request.getSecurityContext().getUserPrincipal().getName(), request.getMethod(),
                    "/api/v1/" + uri.getPath(false).replaceFirst("^/", ""), response.getStatus(),
                    masked((String) request.getProperty(REQUEST)), (String) request.getProperty(BEFORE), after);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A change was not written to the audit log", e);
        }
    }

    /** The JSON with every member named like a password or secret replaced by "****". */
    static String masked(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(json))) {
            return mask(reader.readValue()).toString();
        } catch (JsonParsingException e) {
            return Json.createValue("(not JSON)").toString();
        }
    }

    private static JsonValue mask(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT: {
                JsonObjectBuilder copy = Json.createObjectBuilder();
                ((JsonObject) value).forEach((name, member) -> copy.add(name,
                        SECRETS.contains(name.toLowerCase(Locale.ROOT)) && member.getValueType() != JsonValue.ValueType.NULL
                                ? Json.createValue("****") : mask(member)));
                return copy.build();
            }
            case ARRAY: {
                JsonArrayBuilder copy = Json.createArrayBuilder();
                ((List<?>) value.asJsonArray()).forEach(member -> copy.add(mask((JsonValue) member)));
                return copy.build();
            }
            default:
                return value;
        }
    }
}
