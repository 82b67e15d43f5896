package org.libertymail.adapter.api;

import java.util.List;

/** Outbound contract: a live handle on the adapter's listeners. Close it after use. */
public interface MailServerConnection extends AutoCloseable {

    List<ListenerState> listeners();

    /** Binds ({@code true}) or unbinds and disconnects ({@code false}) one protocol now. */
    ListenerState setEnabled(Protocol protocol, boolean enabled);

    /** The SMTP receive connectors in force (at first start: those server.xml describes). */
    List<ReceiveConnector> receiveConnectors();

    /**
     * Replaces the SMTP receive connectors now (already validated, see the adapter's
     * ConnectorRules): new connections follow them at once, sessions in flight finish under
     * the rules they started with, bindings no longer used are closed and new ones bound.
     */
    ListenerState applyReceiveConnectors(List<ReceiveConnector> connectors);

    /** The POP3 or IMAP service settings in force (at first start: those server.xml describes). */
    ServiceSettings serviceSettings(Protocol protocol);

    /** Replaces the POP3 or IMAP service settings now (already validated), as for connectors. */
    ListenerState applyServiceSettings(Protocol protocol, ServiceSettings settings);

    /**
     * The latest protocol log lines of one protocol (those of connectors and services with
     * protocol logging on) that pass the filter, oldest first.
     */
    List<ProtocolLogEntry> protocolLog(Protocol protocol, ProtocolLogFilter filter, int limit);

    /** The login lockouts in force now (too many authentication failures). */
    List<Lockout> lockouts();

    /**
     * Lifts a lockout. @param kind "account" or "ip" @return whether there was one
     */
    boolean unlock(String kind, String key);

    /**
     * Drops the SMTP listener's remembered RCPT answers, after a change that can turn an accepted
     * recipient into a refused one (mailbox deleted, quota lowered). Call after the commit.
     */
    void forgetRecipients();

    /**
     * Another server on the same store changed the account's mail (or the public folders':
     * {@link PublicFolders#OWNER}): the sessions watching it here (IMAP IDLE) look now.
     */
    void mailboxChanged(String account);

    /** Every endpoint's traffic since the adapter started, for the server's metrics. */
    List<EndpointMetrics> metrics();

    /** Every open connection of every listener, oldest first. */
    List<SessionInfo> sessions();

    /** Closes one connection now. @return whether there was such a connection */
    boolean disconnect(String sessionId);

    /**
     * Closes the account's logged-in connections of one protocol, or of every protocol when
     * {@code protocol} is null (its mailbox was disabled, deleted or got a new password).
     * @return how many
     */
    int disconnectAccount(String account, Protocol protocol);

    @Override
    void close();

    /**
     * Sends messages for one destination domain over one SMTP connection (the route's first
     * host that answers), on the caller's thread. Never throws for the network or the remote
     * server: every recipient gets an outcome.
     *
     * @return per message, per recipient, in the order given
     */
    List<List<RecipientOutcome>> transfer(String domain, OutboundRoute route, List<OutboundMessage> messages);
}
