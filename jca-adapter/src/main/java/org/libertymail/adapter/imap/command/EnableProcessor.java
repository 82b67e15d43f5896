package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

/**
 * ENABLE (RFC 5161). None of the extensions this server has needs enabling yet, so the ENABLED
 * response names none, which tells the client that what it asked for stays off.
 */
public final class EnableProcessor implements CommandProcessor<ImapCommand.Enable> {
    @Override
    public Set<ImapState> validIn() {
        return Set.of(ImapState.AUTHENTICATED);
    }

    @Override
    public void process(String tag, ImapCommand.Enable command, ImapSessionState session) {
        session.responder().untagged("ENABLED");
        session.responder().ok(tag, "ENABLE completed");
    }
}
