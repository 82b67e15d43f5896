package org.libertymail.ejb.service;

import java.util.List;

import org.libertymail.adapter.api.Envelope;
import org.libertymail.adapter.api.EnvelopeRecipient;
import org.libertymail.adapter.api.MessageContent;

/**
 * One SMTP transaction's message on its way into the store.
 *
 * @param recipients the local recipients (INBOXes to store into)
 * @param envelope the whole envelope: remote recipients and DSN parameters too
 */
public record DeliveryRequest(String reversePath, List<String> recipients, MessageContent content, Envelope envelope) {
    /** Local recipients only, no DSN parameters. */
    public DeliveryRequest(String reversePath, List<String> recipients, MessageContent content) {
        this(reversePath, recipients, content, Envelope.local(reversePath, recipients));
    }

    public static DeliveryRequest of(Envelope envelope, MessageContent content) {
        return new DeliveryRequest(envelope.reversePath(), envelope.localAddresses(), content, envelope);
    }

    /** The recipients to send on to other servers. */
    List<EnvelopeRecipient> remote() {
        return envelope.remoteRecipients();
    }

    /** Local recipients whose sender asked to hear of their delivery (NOTIFY=SUCCESS). */
    List<EnvelopeRecipient> successReports() {
        if (reversePath.isEmpty()) {
            return List.of(); // never a report to the null reverse-path
        }
        return envelope.recipients().stream().filter(r -> !r.remote() && r.wants("SUCCESS")).toList();
    }

    /** Whether the message needs a queue entry (and with it a reference to its body). */
    boolean queued() {
        return !remote().isEmpty() || !successReports().isEmpty();
    }
}
