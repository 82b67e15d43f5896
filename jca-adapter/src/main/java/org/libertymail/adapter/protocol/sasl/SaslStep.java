package org.libertymail.adapter.protocol.sasl;

/** What a SASL exchange needs next, or how it ended. */
public sealed interface SaslStep {

    /** Send this challenge (already base64) and wait for the client's response line. */
    record Challenge(String base64) implements SaslStep {
    }

    /** The client gave credentials; checking them is the protocol's job. */
    record Credentials(String authorizationId, String user, String password) implements SaslStep {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]"; // never the password, not even in a log
        }
    }

    /** The client sent "*" (RFC 4954 4, RFC 3501 6.2.2, RFC 5034 4). */
    record Cancelled() implements SaslStep {
    }

    /** The response was not valid base64 or not what the mechanism expects. */
    record Malformed(String reason) implements SaslStep {
    }
}
