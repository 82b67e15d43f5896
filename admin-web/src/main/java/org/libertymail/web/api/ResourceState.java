package org.libertymail.web.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * A resource's state as its own GET shows it, for the request that is about to change it: what
 * the audit log keeps as "before" and what If-Match is checked against. Asked once per request.
 */
final class ResourceState {
    private static final String KEY = "libertymail.resource.before";
    private static final String NONE = "";
    private static final Jsonb JSON = JsonbBuilder.create();

    private ResourceState() {
    }

    /**
     * The JSON the matched resource's GET at the request's path answers now; null when none, and
     * for a POST, which makes something new (a collection's GET is no "before" of it).
     */
    static String before(ContainerRequestContext request, ResourceInfo resource, UriInfo uri) {
        if (request.getMethod().equals("POST")) {
            return null;
        }
        Object known = request.getProperty(KEY);
        if (known == null) {
            String state = read(resource, uri);
            request.setProperty(KEY, state == null ? NONE : state);
            return state;
        }
        return known == NONE ? null : (String) known;
    }

    /** A strong entity tag of a representation (RFC 9110 8.8.3). */
    static String tag(String json) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    static String json(Object entity) {
        return JSON.toJson(entity);
    }

    private static String read(ResourceInfo resource, UriInfo uri) {
        if (resource == null || resource.getResourceMethod() == null || uri.getMatchedResources().isEmpty()) {
            return null;
        }
        Path changed = resource.getResourceMethod().getAnnotation(Path.class);
        for (Method m : resource.getResourceClass().getMethods()) {
            Path path = m.getAnnotation(Path.class);
            if (!m.isAnnotationPresent(GET.class) || !Objects.equals(path == null ? null : path.value(),
                    changed == null ? null : changed.value())) {
                continue;
            }
            Object[] arguments = new Object[m.getParameterCount()];
            Parameter[] parameters = m.getParameters();
            for (int i = 0; i < parameters.length; i++) {
                PathParam param = parameters[i].getAnnotation(PathParam.class);
                if (param == null || parameters[i].getType() != String.class) {
                    return null; // only GETs that take nothing but the path are asked
                }
                arguments[i] = uri.getPathParameters().getFirst(param.value());
            }
            try {
                Object state = m.invoke(uri.getMatchedResources().get(0), arguments);
                if (state instanceof Response) {
                    Response r = (Response) state;
                    state = r.getStatus() < 300 ? r.getEntity() : null;
                }
                return state == null ? null : json(state);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                return null; // nothing there yet
            }
        }
        return null;
    }
}
