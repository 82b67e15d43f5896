package org.libertymail.adapter.api;

import java.io.Serializable;

/**
 * One binding of a protocol listener.
 *
 * @param name the binding's name ("smtp", "submission", "smtps", "imap", "imaps", ...)
 * @param tls "implicit" (TLS from the first byte), "starttls" (offered) or "none"
 * @param bound whether its socket is open now
 * @param error why it could not bind, or null
 */
public record BindingState(String name, String bindAddress, int port, String tls, boolean bound, String error) {
}
