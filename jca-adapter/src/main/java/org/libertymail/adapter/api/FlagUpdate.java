package org.libertymail.adapter.api;

import java.util.List;

/**
 * What a STORE did.
 *
 * @param messages the state now of each message asked for that still exists, changed or not
 * @param modified the UIDs left alone because they changed after the UNCHANGEDSINCE
 *        modification sequence (RFC 7162 3.1.3), ascending
 */
public record FlagUpdate(List<MessageSummary> messages, List<Long> modified) {
    public FlagUpdate {
        messages = List.copyOf(messages);
        modified = List.copyOf(modified);
    }
}
