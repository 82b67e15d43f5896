package org.libertymail.web.api;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Paged lists: the page as a JSON array, X-Total-Count, and a Link to the next page (RFC 8288). */
final class Paging {
    static final int MAX_LIMIT = 1000;

    private Paging() {
    }

    static void check(int offset, int limit) {
        if (offset < 0) {
            throw new BadRequestException("offset must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /** One page of a list held whole (lists of configuration, not of messages). */
    /**
     * A list filter's test: true when no filter is given (null or blank), else whether the
     * value contains it, case ignored.
     */
    static boolean contains(String value, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        return value != null && value.toLowerCase(Locale.ROOT).contains(filter.strip().toLowerCase(Locale.ROOT));
    }

    static Response page(List<?> all, int offset, int limit, UriInfo uri) {
        check(offset, limit);
        List<?> items = offset >= all.size() ? List.of() : all.subList(offset, (int) Math.min(all.size(), (long) offset + limit));
        return response(items, all.size(), offset, limit, uri);
    }

    static Response response(List<?> items, long total, int offset, int limit, UriInfo uri) {
        Response.ResponseBuilder answer = Response.ok(items).header("X-Total-Count", total);
        if ((long) offset + items.size() < total) {
            answer.link(uri.getRequestUriBuilder().replaceQueryParam("offset", offset + items.size())
                    .replaceQueryParam("limit", limit).build(), "next");
        }
        return answer.build();
    }
}
