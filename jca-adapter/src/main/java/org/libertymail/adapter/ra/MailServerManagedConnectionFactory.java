package org.libertymail.adapter.ra;

import java.io.PrintWriter;
import java.util.Set;

import javax.security.auth.Subject;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;

import org.libertymail.adapter.api.MailServerConnection;
import org.libertymail.adapter.api.MailServerConnectionFactory;

/** Outbound side: connections through which EJBs read and change the listeners' state. */
@ConnectionDefinition(connectionFactory = MailServerConnectionFactory.class,
        connectionFactoryImpl = MailServerConnectionFactoryImpl.class,
        connection = MailServerConnection.class,
        connectionImpl = MailServerConnectionImpl.class)
public class MailServerManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {
    private static final long serialVersionUID = 1L;

    private transient MailResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        return new MailServerConnectionFactoryImpl(this, manager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new ResourceException("LibertyMail connections are available only inside the server");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
        return new MailServerManagedConnection(this);
    }

    @Override
    public ManagedConnection matchManagedConnections(@SuppressWarnings("rawtypes") Set candidates, Subject subject,
            ConnectionRequestInfo info) {
        for (Object candidate : candidates) {
            if (candidate instanceof MailServerManagedConnection connection) {
                return connection;
            }
        }
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        this.resourceAdapter = (MailResourceAdapter) ra;
    }

    MailResourceAdapter adapter() {
        return resourceAdapter;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
