package org.libertymail.adapter.ra;

import javax.naming.Reference;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import org.libertymail.adapter.api.MailServerConnection;
import org.libertymail.adapter.api.MailServerConnectionFactory;

/** The object bound in JNDI for {@code @Resource(lookup = "eis/mailserver")}. */
final class MailServerConnectionFactoryImpl implements MailServerConnectionFactory {
    private static final long serialVersionUID = 1L;

    private final transient MailServerManagedConnectionFactory factory;
    private final transient ConnectionManager manager;
    private Reference reference;

    MailServerConnectionFactoryImpl(MailServerManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public MailServerConnection getConnection() {
        try {
            return (MailServerConnection) manager.allocateConnection(factory, null);
        } catch (ResourceException e) {
            throw new IllegalStateException("Cannot reach the LibertyMail adapter", e);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
