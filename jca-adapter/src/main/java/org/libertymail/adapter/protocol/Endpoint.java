package org.libertymail.adapter.protocol;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.RetrievalFormat;
import org.libertymail.adapter.api.ServiceSettings;
import org.libertymail.adapter.protocol.connector.IpRange;
import org.libertymail.adapter.protocol.connector.SocketBinding;

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
 * @param submission SMTP: authenticated users may send, from their own address (Exchange's
 *        MailboxUsers group); without {@code anonymousDelivery}, MAIL FROM needs AUTH first
 * @param custom what an administrator set beyond the rules above, or {@link Custom#NONE}
 */
public record Endpoint(String name, Protocol protocol, String bindAddress, int port, boolean implicitTls,
        boolean offerStartTls, AuthPolicy auth, boolean anonymousDelivery, boolean submission, Custom custom) {

    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(custom, "custom");
    }

    public Endpoint(String name, Protocol protocol, String bindAddress, int port, boolean implicitTls,
            boolean offerStartTls, AuthPolicy auth, boolean anonymousDelivery, boolean submission) {
        this(name, protocol, bindAddress, port, implicitTls, offerStartTls, auth, anonymousDelivery, submission,
                Custom.NONE);
    }

    /**
     * A receive connector's settings that override the server's; empty, null and 0 mean "the
     * server's".
     *
     * @param remoteRanges the source addresses served; empty: all
     * @param fqdn the name in the greeting, EHLO and Received headers
     * @param banner the greeting text after the reply code
     * @param protocolLogging whether sessions are written to the protocol log
     */
    public record Custom(List<IpRange> remoteRanges, String fqdn, String banner, long maxMessageSize,
            int maxRecipients, int maxConnections, int maxConnectionsPerSource, int idleTimeoutSeconds,
            int maxLineLength, boolean protocolLogging, SmtpOptions smtp, AccessOptions access) {
        public static final Custom NONE = new Custom(List.of(), null, null, 0, 0, 0, 0, 0, 0, false, SmtpOptions.DEFAULTS,
                AccessOptions.DEFAULTS);

        public Custom {
            remoteRanges = List.copyOf(remoteRanges);
            Objects.requireNonNull(smtp, "smtp");
            Objects.requireNonNull(access, "access");
        }
    }

    /**
     * A POP3/IMAP service's settings that apply once a client has logged in; 0: the server's.
     *
     * @param authenticatedTimeoutSeconds how long a logged-in client may stay silent
     * @param maxConnectionsPerUser logged-in sessions of one account at once
     * @param sessionLifetimeSeconds how long a session may last in all; 0: no limit
     * @param newestFirst POP3: message 1 is the newest
     * @param expire POP3: the EXPIRE capability's argument ("NEVER" or days)
     * @param loginDelaySeconds POP3: the least time between an account's logins; 0: none
     * @param format POP3: the body format messages are served in, unless the mailbox says otherwise
     * @param showHiddenFolders IMAP: LIST shows hidden folders, unless the mailbox says otherwise
     * @param exactRfc822Size IMAP: RFC822.SIZE of a converted message is its served size
     */
    public record AccessOptions(int authenticatedTimeoutSeconds, int maxConnectionsPerUser, int sessionLifetimeSeconds,
            boolean newestFirst, String expire, int loginDelaySeconds, RetrievalFormat format, boolean showHiddenFolders,
            boolean exactRfc822Size) {
        public static final AccessOptions DEFAULTS = new AccessOptions(0, 0, 0, false, ServiceSettings.NEVER, 0,
                RetrievalFormat.BEST_BODY_FORMAT, false, false);
    }

    /**
     * A receive connector's SMTP-only settings.
     *
     * @param maxHopCount Received headers a message may carry
     * @param maxMessagesPerMinute transactions per source address and minute; 0: no limit
     * @param connectionTimeoutSeconds how long a connection may last in all; 0: no limit
     * @param maxLogonFailures failed AUTH attempts per connection before it is closed; 0: no limit
     * @param tarpitMillis the least delay of a failed AUTH's reply
     * @param disabledExtensions ESMTP extensions not offered (upper case)
     */
    public record SmtpOptions(int maxHopCount, int maxMessagesPerMinute, int connectionTimeoutSeconds, int maxLogonFailures,
            int tarpitMillis, Set<String> disabledExtensions) {
        public static final int DEFAULT_MAX_HOP_COUNT = 60;
        public static final SmtpOptions DEFAULTS = new SmtpOptions(DEFAULT_MAX_HOP_COUNT, 0, 0, 0, 0, Set.of());

        public SmtpOptions {
            disabledExtensions = Set.copyOf(disabledExtensions);
        }

        public boolean offers(String extension) {
            return !disabledExtensions.contains(extension);
        }
    }

    /** Whether this endpoint serves a client at {@code address}. */
    public boolean serves(InetAddress address) {
        return custom.remoteRanges().isEmpty() || custom.remoteRanges().stream().anyMatch(r -> r.contains(address));
    }

    /** How specific its match for {@code address} is: the size of the smallest range holding it. */
    public BigInteger matchSize(InetAddress address) {
        return custom.remoteRanges().stream().filter(r -> r.contains(address)).map(IpRange::size)
                .min(BigInteger::compareTo).orElse(BigInteger.TWO.pow(128));
    }

    /** The socket it listens on. */
    public SocketBinding socket() {
        return new SocketBinding(bindAddress, port);
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
