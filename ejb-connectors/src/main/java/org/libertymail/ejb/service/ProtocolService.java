package org.libertymail.ejb.service;

import java.util.List;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.libertymail.adapter.api.EndpointMetrics;
import org.libertymail.adapter.api.ListenerState;
import org.libertymail.adapter.api.MailServerConnection;
import org.libertymail.adapter.api.MailServerConnectionFactory;
import org.libertymail.adapter.api.OutboundMessage;
import org.libertymail.adapter.api.OutboundRoute;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ProtocolLogEntry;
import org.libertymail.adapter.api.ProtocolLogFilter;
import org.libertymail.adapter.api.RecipientOutcome;
import org.libertymail.adapter.api.SessionInfo;

/**
 * Reads and changes the protocol listeners through the adapter's outbound connection; a change
 * an administrator makes is stored and restored at the next start ({@link ProtocolStateRestorer}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProtocolService {
    @Resource(lookup = "eis/mailserver")
    MailServerConnectionFactory adapter;

    @EJB
    ProtocolSettings settings;

    public List<ListenerState> listeners() {
        try (MailServerConnection connection = adapter.getConnection()) {
            return connection.listeners();
        }
    }

    public ListenerState listener(Protocol protocol) {
        return listeners().stream().filter(s -> s.protocol() == protocol).findFirst()
                .orElseThrow(() -> ServiceException.notFound("No " + protocol.id() + " listener"));
    }

    /** The latest protocol log lines of one protocol, of one session or all (null). */
    public List<ProtocolLogEntry> protocolLog(Protocol protocol, ProtocolLogFilter filter, int limit) {
        try (MailServerConnection connection = adapter.getConnection()) {
            return connection.protocolLog(protocol, filter, limit);
        }
    }

    /**
     * Sends queued messages to one destination through the adapter's SMTP client, on this
     * thread, outside any transaction (a transfer may take minutes).
     */
    public List<List<RecipientOutcome>> transfer(String domain, OutboundRoute route, List<OutboundMessage> messages) {
        try (MailServerConnection connection = adapter.getConnection()) {
            return connection.transfer(domain, route, messages);
        }
    }

    /** Every endpoint's traffic on this server since the adapter started. */
    public List<EndpointMetrics> metrics() {
        try (MailServerConnection connection = adapter.getConnection()) {
            return connection.metrics();
        }
    }

    /** The open connections of this server's listeners, oldest first. */
    public List<SessionInfo> sessions() {
        try (MailServerConnection connection = adapter.getConnection()) {
            return connection.sessions();
        }
    }

    /** Closes one connection of this server. @throws ServiceException when there is none */
    public void disconnect(String sessionId) {
        try (MailServerConnection connection = adapter.getConnection()) {
            if (!connection.disconnect(sessionId)) {
                throw ServiceException.notFound("No open session " + sessionId + " on this server");
            }
        }
    }

    /** Switches a listener now and remembers the choice across restarts. */
    public ListenerState setEnabled(Protocol protocol, boolean enabled) {
        ListenerState state = apply(protocol, enabled);
        settings.save(protocol.id(), enabled);
        return state;
    }

    /** Switches a listener now, without storing the choice. */
    public ListenerState apply(Protocol protocol, boolean enabled) {
        try (MailServerConnection connection = adapter.getConnection()) {
            return connection.setEnabled(protocol, enabled);
        }
    }
}
