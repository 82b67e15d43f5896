package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

/**
 * STARTTLS (RFC 3501 6.2.1, RFC 2595): the tagged OK goes out in the clear, then the
 * handshake; what the client pipelined after the command is discarded by the transport.
 * Clients must ask for CAPABILITY again, which now offers the login methods.
 */
public final class StartTlsProcessor implements CommandProcessor<ImapCommand.StartTls> {
    @Override
    public Set<ImapState> validIn() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand.StartTls command, ImapSessionState session) {
        if (session.context().tls()) {
            session.responder().bad(tag, "TLS already active");
        } else if (!session.context().endpoint().offerStartTls() || !session.responder().tlsAvailable()) {
            session.responder().no(tag, "STARTTLS not available");
        } else {
            session.responder().startTls(tag, "Begin TLS negotiation now");
            session.tlsStarted();
        }
    }
}
