package org.libertymail.adapter.api;

import java.util.List;

/**
 * An SMTP transaction's envelope as the store needs it: the reverse-path, each recipient (local
 * or to be sent on) with its DSN parameters, and the message's DSN parameters (RFC 3461).
 *
 * @param reversePath the MAIL FROM address, empty for the null reverse-path
 * @param envid the ENVID parameter, xtext-decoded, or null
 * @param ret "FULL" or "HDRS" (RET parameter), or null
 * @param submitter the account that authenticated (SMTP AUTH), or null
 */
public record Envelope(String reversePath, List<EnvelopeRecipient> recipients, String envid, String ret, String submitter) {
    public Envelope {
        recipients = List.copyOf(recipients);
    }

    /** An envelope without DSN parameters, for local recipients only. */
    public static Envelope local(String reversePath, List<String> recipients) {
        return new Envelope(reversePath, recipients.stream().map(EnvelopeRecipient::local).toList(), null, null, null);
    }

    /** The addresses of the recipients in hosted domains. */
    public List<String> localAddresses() {
        return recipients.stream().filter(r -> !r.remote()).map(EnvelopeRecipient::address).toList();
    }

    /** The recipients to be sent on to other servers. */
    public List<EnvelopeRecipient> remoteRecipients() {
        return recipients.stream().filter(EnvelopeRecipient::remote).toList();
    }
}
