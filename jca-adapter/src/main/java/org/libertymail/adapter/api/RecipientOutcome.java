package org.libertymail.adapter.api;

/**
 * What became of one recipient of an outbound attempt.
 *
 * @param delivered the remote server accepted the message for it (2xx after DATA)
 * @param permanent a 5xx answer (or a destination that cannot exist): retrying cannot help
 * @param code the SMTP reply code that decided, or 0 when no server answered
 * @param status the enhanced status code ("5.1.1"), given by the server or derived from the code
 * @param text the reply or the error, for the queue and the bounce
 * @param remoteHost the server that answered ("mx.example.com [192.0.2.1]"), or null
 */
public record RecipientOutcome(String address, boolean delivered, boolean permanent, int code, String status, String text,
        String remoteHost) {
}
