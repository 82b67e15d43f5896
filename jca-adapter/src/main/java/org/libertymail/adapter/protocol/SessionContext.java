package org.libertymail.adapter.protocol;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.libertymail.adapter.api.Protocol;

/**
 * What a session knows about its connection, its binding and its server. Immutable: STARTTLS
 * gives the session a new one ({@link #withTls()}).
 *
 * @param serverName the host name in greetings and trace headers
 * @param tls whether the connection is encrypted now (implicit TLS, or after STARTTLS)
 * @param endpoint the binding the client connected to, with its rules
 */
public record SessionContext(InetSocketAddress remote, InetSocketAddress local, String serverName,
        boolean tls, ServerLimits limits, Endpoint endpoint) {

    /** Loopback traffic never leaves the machine, so it counts as secure for plaintext auth. */
    public static boolean isLoopback(InetSocketAddress address) {
        InetAddress a = address == null ? null : address.getAddress();
        return a != null && a.isLoopbackAddress();
    }

    public String remoteIp() {
        InetAddress a = remote == null ? null : remote.getAddress();
        return a == null ? "unknown" : a.getHostAddress();
    }

    /** Encrypted, or on loopback, which no one else can see. */
    public boolean secure() {
        return tls || isLoopback(remote);
    }

    public SessionContext withTls() {
        return new SessionContext(remote, local, serverName, true, limits, endpoint);
    }

    /** Whether this binding takes credentials at all. */
    public boolean authOffered() {
        return endpoint.auth() != Endpoint.AuthPolicy.NONE;
    }

    /**
     * Whether a password may be sent now: on a protected connection, or anywhere when the
     * binding (or the server-wide switch) allows plaintext. For POP3 and IMAP (SecureLogin)
     * loopback counts as protected; an SMTP connector that requires TLS for AUTH
     * (BasicAuthRequireTLS) means TLS, as in Exchange.
     */
    public boolean plaintextAuthAllowed() {
        boolean protectedNow = endpoint.protocol() == Protocol.SMTP ? tls : secure();
        return authOffered() && (protectedNow || endpoint.auth() == Endpoint.AuthPolicy.ANY_CONNECTION
                || limits.allowPlaintextAuth());
    }

    /** Whether STARTTLS may be offered now. */
    public boolean startTlsOffered() {
        return !tls && endpoint.offerStartTls();
    }
}
