package org.libertymail.web.api;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;

/**
 * Refuses request members a value type does not have: JSON-B would drop a misspelt setting
 * silently, and an administrator would believe it applied.
 */
final class JsonMembers {
    private JsonMembers() {
    }

    /** @throws BadRequestException (a 400 problem naming the member) for the first unknown member */
    static void requireKnown(JsonObject body, Class<? extends Record> type, String... extra) {
        Set<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        known.addAll(Set.of(extra));
        for (String member : body.keySet()) {
            if (!known.contains(member)) {
                throw new BadRequestException(Problem.response(Response.Status.BAD_REQUEST,
                        "Unknown member '" + member + "'; known: " + known.stream().sorted().toList(), member));
            }
        }
    }
}
