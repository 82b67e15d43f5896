package org.libertymail.adapter.support;

import java.net.InetSocketAddress;

import org.libertymail.adapter.protocol.ServerLimits;
import org.libertymail.adapter.protocol.SessionContext;

/** Session contexts for engine tests. */
public final class Sessions {
    private Sessions() {
    }

    public static SessionContext loopback() {
        return loopback(ServerLimits.defaults());
    }

    public static SessionContext loopback(ServerLimits limits) {
        return new SessionContext(new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 25),
                "mx.test", true, limits);
    }

    /** A connection from another host, without TLS. */
    public static SessionContext remote() {
        return new SessionContext(new InetSocketAddress("192.0.2.7", 40000), new InetSocketAddress("192.0.2.1", 110),
                "mx.test", false, ServerLimits.defaults());
    }

    public static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
