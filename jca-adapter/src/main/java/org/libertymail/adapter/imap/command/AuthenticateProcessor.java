package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

/** No SASL mechanism is offered yet; CAPABILITY advertises none, so clients use LOGIN. */
public final class AuthenticateProcessor implements CommandProcessor<ImapCommand.Authenticate> {
    @Override
    public Set<ImapState> validIn() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand.Authenticate command, ImapSessionState session) {
        session.responder().no(tag, "[CANNOT] Unsupported authentication mechanism " + command.mechanism());
    }
}
