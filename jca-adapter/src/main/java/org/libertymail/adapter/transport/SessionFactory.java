package org.libertymail.adapter.transport;

import org.libertymail.adapter.protocol.ProtocolSession;
import org.libertymail.adapter.protocol.SessionContext;
import org.libertymail.adapter.protocol.SessionOutput;

/** Creates the protocol session for a new connection. */
@FunctionalInterface
public interface SessionFactory {
    ProtocolSession create(SessionContext context, SessionOutput output);
}
