package org.libertymail.adapter.api;

import java.util.List;

/**
 * One queued message for one destination: its envelope (with the DSN parameters to pass on)
 * and its content.
 *
 * @param reversePath empty for the null reverse-path (our own delivery status notifications)
 * @param dkim the key to sign it with as it leaves, or null
 */
public record OutboundMessage(String reversePath, String envid, String ret, List<EnvelopeRecipient> recipients,
        MessageContent content, DkimKey dkim) {
    public OutboundMessage {
        recipients = List.copyOf(recipients);
    }
}
