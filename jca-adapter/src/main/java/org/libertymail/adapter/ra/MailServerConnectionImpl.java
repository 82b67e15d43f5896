package org.libertymail.adapter.ra;

import java.util.List;

import org.libertymail.adapter.api.EndpointMetrics;
import org.libertymail.adapter.api.ListenerState;
import org.libertymail.adapter.api.Lockout;
import org.libertymail.adapter.api.MailServerConnection;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.OutboundMessage;
import org.libertymail.adapter.api.OutboundRoute;
import org.libertymail.adapter.api.ProtocolLogEntry;
import org.libertymail.adapter.api.ProtocolLogFilter;
import org.libertymail.adapter.api.RecipientOutcome;
import org.libertymail.adapter.outbound.OutboundTransfer;
import org.libertymail.adapter.outbound.SmtpRelayClient;
import org.libertymail.adapter.api.ReceiveConnector;
import org.libertymail.adapter.api.ServiceSettings;
import org.libertymail.adapter.api.SessionInfo;

/** The handle an EJB holds; commands go straight to the adapter's listeners. */
final class MailServerConnectionImpl implements MailServerConnection {
    private MailServerManagedConnection managed;

    MailServerConnectionImpl(MailServerManagedConnection managed) {
        this.managed = managed;
    }

    void associate(MailServerManagedConnection other) {
        this.managed = other;
    }

    @Override
    public List<ListenerState> listeners() {
        return open().adapter().listeners().states();
    }

    @Override
    public ListenerState setEnabled(Protocol protocol, boolean enabled) {
        return open().adapter().listeners().setEnabled(protocol, enabled);
    }

    @Override
    public List<ReceiveConnector> receiveConnectors() {
        return open().adapter().receiveConnectors();
    }

    @Override
    public ListenerState applyReceiveConnectors(List<ReceiveConnector> connectors) {
        return open().adapter().applyReceiveConnectors(connectors);
    }

    @Override
    public ServiceSettings serviceSettings(Protocol protocol) {
        return open().adapter().serviceSettings(protocol);
    }

    @Override
    public ListenerState applyServiceSettings(Protocol protocol, ServiceSettings settings) {
        return open().adapter().applyServiceSettings(protocol, settings);
    }

    @Override
    public List<List<RecipientOutcome>> transfer(String domain, OutboundRoute route, List<OutboundMessage> messages) {
        open(); // a closed handle may not be used, though the transfer needs nothing of the adapter
        return OutboundTransfer.run(domain, route, messages, SmtpRelayClient.TlsSockets.standard());
    }

    @Override
    public List<ProtocolLogEntry> protocolLog(Protocol protocol, ProtocolLogFilter filter, int limit) {
        return open().adapter().listeners().protocolLog(protocol, filter, limit);
    }

    @Override
    public List<Lockout> lockouts() {
        return open().adapter().throttle().lockouts();
    }

    @Override
    public boolean unlock(String kind, String key) {
        return open().adapter().throttle().unlock(kind, key);
    }

    @Override
    public void forgetRecipients() {
        open().adapter().knownRecipients().clear();
    }

    @Override
    public void mailboxChanged(String account) {
        open().adapter().listeners().mailboxChanged(account);
    }

    @Override
    public List<EndpointMetrics> metrics() {
        return open().adapter().listeners().metrics();
    }

    @Override
    public List<SessionInfo> sessions() {
        return open().adapter().listeners().sessions();
    }

    @Override
    public boolean disconnect(String sessionId) {
        return open().adapter().listeners().disconnect(sessionId);
    }

    @Override
    public int disconnectAccount(String account, Protocol protocol) {
        return open().adapter().listeners().disconnect(account, protocol);
    }

    @Override
    public void close() {
        MailServerManagedConnection current = managed;
        if (current != null) {
            managed = null;
            current.closed(this);
        }
    }

    private MailServerManagedConnection open() {
        if (managed == null) {
            throw new IllegalStateException("Connection is closed");
        }
        return managed;
    }
}
