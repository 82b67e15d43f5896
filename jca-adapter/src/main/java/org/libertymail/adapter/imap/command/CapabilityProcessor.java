package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

public final class CapabilityProcessor implements CommandProcessor<ImapCommand.Capability> {
    @Override
    public Set<ImapState> validIn() {
        return ANY;
    }

    @Override
    public void process(String tag, ImapCommand.Capability command, ImapSessionState session) {
        session.responder().untagged("CAPABILITY " + session.capabilities());
        session.responder().ok(tag, "CAPABILITY completed");
    }
}
