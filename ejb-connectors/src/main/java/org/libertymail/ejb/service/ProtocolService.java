package org.libertymail.ejb.service;

import java.util.List;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.libertymail.adapter.api.ListenerState;
import org.libertymail.adapter.api.MailServerConnection;
import org.libertymail.adapter.api.MailServerConnectionFactory;
import org.libertymail.adapter.api.Protocol;

/** Reads and changes the protocol listeners through the adapter's outbound connection. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProtocolService {
    @Resource(lookup = "eis/mailserver")
    MailServerConnectionFactory adapter;

    public List<ListenerState> listeners() {
        try (MailServerConnection connection = adapter.getConnection()) {
            return connection.listeners();
        }
    }

    public ListenerState listener(Protocol protocol) {
        return listeners().stream().filter(s -> s.protocol() == protocol).findFirst()
                .orElseThrow(() -> ServiceException.notFound("No " + protocol.id() + " listener"));
    }

    public ListenerState setEnabled(Protocol protocol, boolean enabled) {
        try (MailServerConnection connection = adapter.getConnection()) {
            return connection.setEnabled(protocol, enabled);
        }
    }
}
