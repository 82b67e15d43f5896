package org.libertymail.adapter.protocol;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What a session knows about its connection and its server.
 *
 * @param serverName the host name in greetings and trace headers
 * @param secure whether the connection is protected (TLS, or loopback which no one else sees)
 */
public record SessionContext(InetSocketAddress remote, InetSocketAddress local, String serverName,
        boolean secure, ServerLimits limits) {

    /** Loopback traffic never leaves the machine, so it counts as secure for plaintext auth. */
    public static boolean isLoopback(InetSocketAddress address) {
        InetAddress a = address == null ? null : address.getAddress();
        return a != null && a.isLoopbackAddress();
    }

    public String remoteIp() {
        InetAddress a = remote == null ? null : remote.getAddress();
        return a == null ? "unknown" : a.getHostAddress();
    }

    /** Plaintext passwords are accepted on secure connections, or everywhere if allowed. */
    public boolean plaintextAuthAllowed() {
        return secure || limits.allowPlaintextAuth();
    }
}
