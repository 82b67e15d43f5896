package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

/**
 * SUBSCRIBE and UNSUBSCRIBE (RFC 3501 6.3.6, 6.3.7). Only an existing folder can be subscribed;
 * a subscription outlives its folder, so unsubscribing works for any name.
 */
public final class SubscribeProcessor implements CommandProcessor<ImapCommand.Subscribe> {
    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand.Subscribe command, ImapSessionState session) {
        String verb = command.subscribe() ? "SUBSCRIBE" : "UNSUBSCRIBE";
        if (command.subscribe() && session.store().listFolders(session.account()).stream()
                .noneMatch(f -> f.name().equals(command.mailbox()))) {
            session.responder().no(tag, "[NONEXISTENT] Mailbox does not exist");
            return;
        }
        session.store().subscribe(session.account(), command.mailbox(), command.subscribe());
        session.responder().ok(tag, verb + " completed");
    }
}
