package org.libertymail.adapter.ra;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import org.libertymail.adapter.api.MailServerConnection;

/** A pooled physical connection; it holds no socket, only the way to the listeners. */
final class MailServerManagedConnection implements ManagedConnection {
    private final MailServerManagedConnectionFactory factory;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private PrintWriter logWriter;

    MailServerManagedConnection(MailServerManagedConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        return new MailServerConnectionImpl(this);
    }

    MailResourceAdapter adapter() {
        return factory.adapter();
    }

    void closed(MailServerConnection handle) {
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionClosed(event);
        }
    }

    @Override
    public void destroy() {
        listeners.clear();
    }

    @Override
    public void cleanup() {
        // Handles carry no state to reset.
    }

    @Override
    public void associateConnection(Object connection) {
        ((MailServerConnectionImpl) connection).associate(this);
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws NotSupportedException {
        throw new NotSupportedException("Listener commands are not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws NotSupportedException {
        throw new NotSupportedException("Listener commands are not transactional");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "LibertyMail";
            }

            @Override
            public String getEISProductVersion() {
                return "1.0";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return "";
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
