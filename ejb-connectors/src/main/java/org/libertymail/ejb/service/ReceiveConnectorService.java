package org.libertymail.ejb.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.libertymail.adapter.api.BindingState;
import org.libertymail.adapter.api.ListenerState;
import org.libertymail.adapter.api.MailServerConnection;
import org.libertymail.adapter.api.MailServerConnectionFactory;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ReceiveConnector;
import org.libertymail.adapter.protocol.connector.ConnectorRules;
import org.libertymail.adapter.protocol.connector.SocketBinding;

/**
 * SMTP receive connectors: stored (each change its own transaction, committed first), then
 * applied to the adapter live. Validation is the adapter's own rules ({@link ConnectorRules}),
 * so what the API accepts is what the listeners can run.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReceiveConnectorService {
    @EJB
    ReceiveConnectorStore store;

    @Resource(lookup = "eis/mailserver")
    MailServerConnectionFactory adapter;

    public List<ReceiveConnector> list() {
        return store.all();
    }

    public ReceiveConnector get(String name) {
        return store.all().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> ServiceException.notFound("No receive connector '" + name + "'"));
    }

    public ReceiveConnector create(ReceiveConnector connector) {
        if (connector.name() != null && store.exists(connector.name())) {
            throw ServiceException.conflict("A receive connector named '" + connector.name() + "' exists");
        }
        validate(connector, store.all());
        store.save(connector);
        apply();
        return connector;
    }

    /** Replaces the connector named {@code name} (which may be renamed). */
    public ReceiveConnector update(String name, ReceiveConnector connector) {
        ReceiveConnector old = get(name);
        if (connector.name() != null && !connector.name().equalsIgnoreCase(old.name()) && store.exists(connector.name())) {
            throw ServiceException.conflict("A receive connector named '" + connector.name() + "' exists");
        }
        List<ReceiveConnector> others = store.all().stream().filter(c -> !c.name().equalsIgnoreCase(old.name())).toList();
        validate(connector, others);
        store.replace(old.name(), connector);
        apply();
        return connector;
    }

    public void delete(String name) {
        if (!store.delete(get(name).name())) {
            throw ServiceException.notFound("No receive connector '" + name + "'");
        }
        apply();
    }

    /**
     * At start: stores the connectors server.xml describes if none are stored yet (the first
     * start), then applies the stored ones.
     */
    public void restore() {
        if (store.all().isEmpty()) {
            try (MailServerConnection connection = adapter.getConnection()) {
                connection.receiveConnectors().forEach(store::save);
            }
        }
        apply();
    }

    private ListenerState apply() {
        try (MailServerConnection connection = adapter.getConnection()) {
            return connection.applyReceiveConnectors(store.all());
        }
    }

    private void validate(ReceiveConnector connector, List<ReceiveConnector> others) {
        ConnectorRules.validate(connector, others, otherProtocolSockets()).ifPresent(p -> {
            throw ServiceException.invalidField(p.field(), p.message());
        });
    }

    /** The sockets POP3 and IMAP are configured with, which no connector may take. */
    private List<SocketBinding> otherProtocolSockets() {
        List<SocketBinding> taken = new ArrayList<>();
        try (MailServerConnection connection = adapter.getConnection()) {
            for (ListenerState s : connection.listeners()) {
                if (s.protocol() != Protocol.SMTP) {
                    for (BindingState b : s.bindings()) {
                        taken.add(new SocketBinding(b.bindAddress(), b.port()));
                    }
                }
            }
        }
        return taken;
    }
}
