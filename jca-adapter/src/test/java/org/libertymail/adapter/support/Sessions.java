package org.libertymail.adapter.support;

import java.net.InetSocketAddress;

import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.ServerLimits;
import org.libertymail.adapter.protocol.SessionContext;

/** Session contexts for engine tests. */
public final class Sessions {
    private Sessions() {
    }

    /** What an IMAP session announces in every state with the default limits, as clients see it. */
    public static final String IMAP_CAPABILITIES = "IMAP4rev1 LITERAL+ UNSELECT CHILDREN SPECIAL-USE UIDPLUS MOVE NAMESPACE ID"
            + " ENABLE ESEARCH SEARCHRES IDLE CONDSTORE QRESYNC LIST-EXTENDED LIST-STATUS STATUS=SIZE QUOTA QUOTA=RES-STORAGE"
            + " QUOTA=RES-MESSAGE BINARY IMAP4rev2 ACL RIGHTS=texk APPENDLIMIT=26214400";

    public static SessionContext loopback() {
        return loopback(ServerLimits.defaults());
    }

    /**
     * A binding that lets anyone deliver to local mailboxes and takes credentials on secure
     * connections, with STARTTLS: the rules engine tests assume unless they test others.
     */
    public static final Endpoint TEST_ENDPOINT = new Endpoint("test", Protocol.SMTP, "127.0.0.1", 25, false, true,
            Endpoint.AuthPolicy.SECURE_ONLY, true, false);

    public static SessionContext loopback(ServerLimits limits) {
        return new SessionContext(new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 25),
                "mx.test", false, limits, TEST_ENDPOINT);
    }

    /** A loopback connection to a POP3 or IMAP binding with SecureLogin, where loopback counts as secure. */
    public static SessionContext loopback(Protocol protocol) {
        Endpoint endpoint = Endpoint.mailAccess(protocol.id(), protocol, "127.0.0.1", 143, false, Endpoint.AuthPolicy.SECURE_ONLY);
        return new SessionContext(new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 143),
                "mx.test", false, ServerLimits.defaults(), endpoint);
    }

    /** A loopback connection to {@code endpoint}. */
    public static SessionContext loopback(Endpoint endpoint) {
        return new SessionContext(new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", endpoint.port()),
                "mx.test", false, ServerLimits.defaults(), endpoint);
    }

    /** A connection from another host, without TLS. */
    public static SessionContext remote() {
        return remote(TEST_ENDPOINT);
    }

    /** A connection from another host, without TLS, to {@code endpoint}. */
    public static SessionContext remote(Endpoint endpoint) {
        return new SessionContext(new InetSocketAddress("192.0.2.7", 40000), new InetSocketAddress("192.0.2.1", 110),
                "mx.test", false, ServerLimits.defaults(), endpoint);
    }

    public static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
