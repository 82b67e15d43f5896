package org.libertymail.web.api;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document; {@code field}, an extension member, names the request member
 * at fault when there is one (absent otherwise).
 */
public record Problem(String type, String title, int status, String detail, String field) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.StatusType status, String detail) {
        return response(status, detail, null);
    }

    public static Response response(Response.StatusType status, String detail, String field) {
        return Response.status(status.getStatusCode())
                .type(MEDIA_TYPE)
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, field))
                .build();
    }

    public static Response response(int status, String title, String detail) {
        return Response.status(status).type(MEDIA_TYPE).entity(new Problem("about:blank", title, status, detail, null)).build();
    }
}
