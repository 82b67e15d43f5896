package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

/** ID (RFC 2971): the server names itself; what the client says is not kept. */
public final class IdProcessor implements CommandProcessor<ImapCommand.Id> {
    @Override
    public Set<ImapState> validIn() {
        return ANY;
    }

    @Override
    public void process(String tag, ImapCommand.Id command, ImapSessionState session) {
        session.responder().untagged("ID (\"name\" \"LibertyMail\" \"vendor\" \"LibertyMail\")");
        session.responder().ok(tag, "ID completed");
    }
}
