package org.libertymail.adapter.protocol;

import java.util.Objects;

import org.libertymail.adapter.api.Protocol;

/**
 * One listening binding and the rules its sessions follow: the immutable value a session gets
 * with its connection. For SMTP it is a receive connector's binding (Exchange's model): who may
 * send through it and how clients authenticate; for POP3 and IMAP a service binding with its
 * login type.
 *
 * @param name what administrators and logs call it ("smtp", "submission", "imaps", ...)
 * @param implicitTls TLS from the first byte (465, 993, 995)
 * @param offerStartTls whether STARTTLS/STLS is offered on a plain connection
 * @param auth whether and where credentials are accepted
 * @param anonymousDelivery SMTP: unauthenticated senders may deliver to local mailboxes
 *        (Exchange's Anonymous permission group)
 * @param submission SMTP: authenticated users may send, and must (Exchange's MailboxUsers
 *        group without Anonymous): MAIL FROM is accepted only after AUTH
 */
public record Endpoint(String name, Protocol protocol, String bindAddress, int port, boolean implicitTls,
        boolean offerStartTls, AuthPolicy auth, boolean anonymousDelivery, boolean submission) {

    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(auth, "auth");
    }

    /** Where credentials may be sent. */
    public enum AuthPolicy {
        /** No authentication offered (an MX port). */
        NONE,
        /** On any connection, even unencrypted (Exchange BasicAuth, PlainTextLogin). */
        ANY_CONNECTION,
        /** Only once the connection is protected (BasicAuthRequireTLS, SecureLogin). */
        SECURE_ONLY
    }

    /** The port-25 connector: anyone may deliver to local mailboxes; STARTTLS; no AUTH. */
    public static Endpoint mx(String name, String bindAddress, int port) {
        return new Endpoint(name, Protocol.SMTP, bindAddress, port, false, true, AuthPolicy.NONE, true, false);
    }

    /** A submission connector: authenticated users only (587 with STARTTLS, 465 with implicit TLS). */
    public static Endpoint submission(String name, String bindAddress, int port, boolean implicitTls) {
        return new Endpoint(name, Protocol.SMTP, bindAddress, port, implicitTls, !implicitTls,
                implicitTls ? AuthPolicy.ANY_CONNECTION : AuthPolicy.SECURE_ONLY, false, true);
    }

    /** A POP3 or IMAP binding. */
    public static Endpoint mailAccess(String name, Protocol protocol, String bindAddress, int port, boolean implicitTls,
            AuthPolicy auth) {
        return new Endpoint(name, protocol, bindAddress, port, implicitTls, !implicitTls, auth, false, false);
    }
}
