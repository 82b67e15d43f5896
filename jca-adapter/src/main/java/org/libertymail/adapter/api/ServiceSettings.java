package org.libertymail.adapter.api;

import java.util.List;

/**
 * The POP3 or IMAP service's settings, Exchange's Set-PopSettings / Set-ImapSettings: stored,
 * managed over REST and applied live. Zero limits mean "the server's default"; a null banner
 * the built-in greeting.
 *
 * @param bindings plain bindings ("address:port", IPv6 in brackets) that offer STARTTLS/STLS
 * @param tlsBindings implicit-TLS bindings (995, 993)
 * @param loginType SecureLogin (credentials only after TLS, or from loopback), PlainTextLogin or
 *        PlainTextAuthentication (also on plain connections)
 * @param maxConnections open connections of the service, in all (on top of the server-wide limit)
 * @param maxConnectionsPerIp open connections from one source address
 * @param maxConnectionsPerUser logged-in sessions of one account at once
 * @param preAuthenticatedTimeout seconds a client that has not logged in may stay silent
 * @param authenticatedTimeout seconds a logged-in client may stay silent
 * @param maxCommandSize longest command line, in octets
 * @param externalConnectionSettings what users outside type into their clients,
 *        "host:port:encryption" (encryption: SSL, TLS or none); shown, not enforced
 * @param internalConnectionSettings the same for users inside the network
 * @param protocolLogging whether sessions are written to the protocol log
 * @param maxSessionLifetime seconds a session may last in all, however busy; 0: no limit
 * @param messageRetrievalSortOrder POP3: the order of a maildrop's message numbers by date,
 *        "Ascending" (the default, oldest first) or "Descending"
 * @param expire POP3: what CAPA announces as EXPIRE (RFC 2449): "NEVER" (the default: the server
 *        never deletes mail on its own) or a number of days
 * @param loginDelay POP3: seconds an account must wait between logins (LOGIN-DELAY, RFC 2449);
 *        0: none
 * @param messageRetrievalMimeFormat POP3: the body format messages are served in, a
 *        {@link RetrievalFormat} setting ("BestBodyFormat", the default: as received)
 * @param showHiddenFolders IMAP: whether LIST shows the folders an administrator hid (false, the
 *        default, as in Exchange)
 * @param enableExactRFC822Size IMAP, when messages are served in another body format: whether
 *        RFC822.SIZE is the served size (each message converted once to learn it) or, false as in
 *        Exchange, the stored size standing for it
 */
public record ServiceSettings(List<String> bindings, List<String> tlsBindings, String banner, String loginType,
        int maxConnections, int maxConnectionsPerIp, int maxConnectionsPerUser, int preAuthenticatedTimeout,
        int authenticatedTimeout, int maxCommandSize,
        List<String> externalConnectionSettings, List<String> internalConnectionSettings, boolean protocolLogging,
        int maxSessionLifetime, String messageRetrievalSortOrder, String expire, int loginDelay,
        String messageRetrievalMimeFormat, boolean showHiddenFolders, boolean enableExactRFC822Size) {

    public static final String ASCENDING = "Ascending";
    public static final String DESCENDING = "Descending";
    public static final String NEVER = "NEVER";

    public static final String SECURE_LOGIN = "SecureLogin";
    public static final String PLAIN_TEXT_LOGIN = "PlainTextLogin";
    public static final String PLAIN_TEXT_AUTHENTICATION = "PlainTextAuthentication";

    public ServiceSettings {
        bindings = bindings == null ? List.of() : List.copyOf(bindings);
        tlsBindings = tlsBindings == null ? List.of() : List.copyOf(tlsBindings);
        externalConnectionSettings = externalConnectionSettings == null ? List.of() : List.copyOf(externalConnectionSettings);
        internalConnectionSettings = internalConnectionSettings == null ? List.of() : List.copyOf(internalConnectionSettings);
        // settings stored before these members existed read as the defaults
        messageRetrievalSortOrder = messageRetrievalSortOrder == null || messageRetrievalSortOrder.isBlank() ? ASCENDING
                : messageRetrievalSortOrder;
        expire = expire == null || expire.isBlank() ? NEVER : expire;
        messageRetrievalMimeFormat = messageRetrievalMimeFormat == null || messageRetrievalMimeFormat.isBlank()
                ? RetrievalFormat.BEST_BODY_FORMAT.setting() : messageRetrievalMimeFormat;
    }
}
