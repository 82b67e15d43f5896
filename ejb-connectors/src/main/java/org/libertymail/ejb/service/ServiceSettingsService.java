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
import org.libertymail.adapter.api.ServiceSettings;
import org.libertymail.adapter.protocol.connector.ServiceRules;
import org.libertymail.adapter.protocol.connector.SocketBinding;

/**
 * POP3 and IMAP service settings (Exchange's Set-PopSettings / Set-ImapSettings): stored, then
 * applied to the adapter live, like receive connectors.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ServiceSettingsService {
    @EJB
    ServiceSettingsStore store;

    @Resource(lookup = "eis/mailserver")
    MailServerConnectionFactory adapter;

    public ServiceSettings get(Protocol protocol) {
        requireMailAccess(protocol);
        ServiceSettings stored = store.find(protocol);
        if (stored != null) {
            return stored;
        }
        try (MailServerConnection connection = adapter.getConnection()) {
            return connection.serviceSettings(protocol);
        }
    }

    public ServiceSettings update(Protocol protocol, ServiceSettings settings) {
        requireMailAccess(protocol);
        ServiceRules.validate(settings, otherSockets(protocol)).ifPresent(p -> {
            throw ServiceException.invalidField(p.field(), p.message());
        });
        store.save(protocol, settings);
        apply(protocol, settings);
        return settings;
    }

    /** At start: stores server.xml's settings on the first start, then applies the stored ones. */
    public void restore() {
        for (Protocol protocol : new Protocol[] {Protocol.POP3, Protocol.IMAP}) {
            ServiceSettings stored = store.find(protocol);
            if (stored == null) {
                try (MailServerConnection connection = adapter.getConnection()) {
                    store.save(protocol, connection.serviceSettings(protocol));
                }
            } else {
                apply(protocol, stored);
            }
        }
    }

    private ListenerState apply(Protocol protocol, ServiceSettings settings) {
        try (MailServerConnection connection = adapter.getConnection()) {
            return connection.applyServiceSettings(protocol, settings);
        }
    }

    /** Every socket the other protocols are configured with. */
    private List<SocketBinding> otherSockets(Protocol protocol) {
        List<SocketBinding> taken = new ArrayList<>();
        try (MailServerConnection connection = adapter.getConnection()) {
            for (ListenerState s : connection.listeners()) {
                if (s.protocol() != protocol) {
                    for (BindingState b : s.bindings()) {
                        taken.add(new SocketBinding(b.bindAddress(), b.port()));
                    }
                }
            }
        }
        return taken;
    }

    private static void requireMailAccess(Protocol protocol) {
        if (protocol == Protocol.SMTP) {
            throw ServiceException.invalid("SMTP is configured by receive connectors (/receive-connectors)");
        }
    }
}
