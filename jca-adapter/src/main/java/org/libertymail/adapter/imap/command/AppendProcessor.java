package org.libertymail.adapter.imap.command;

import java.time.Instant;
import java.util.Set;

import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.Placement;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.SystemFlags;
import org.libertymail.adapter.mime.MessageAnalyzer;

/**
 * APPEND (RFC 3501 6.3.11) with the UIDPLUS APPENDUID code (RFC 4315). Appending to the selected
 * folder announces the new message at once, as a NOOP would.
 */
public final class AppendProcessor implements CommandProcessor<ImapCommand.Append> {
    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public boolean changesMail(ImapCommand.Append command) {
        return true;
    }

    @Override
    public void process(String tag, ImapCommand.Append command, ImapSessionState session) {
        Set<String> flags = SystemFlags.fromClient(command.flags());
        MessageContent message = MessageAnalyzer.analyzed(command.message());
        Placement placed = session.store().append(session.account(), command.mailbox(), flags,
                command.internalDate() != null ? command.internalDate() : Instant.now(), message);
        switch (placed.outcome()) {
            case NONEXISTENT -> session.responder().no(tag, "[TRYCREATE] Mailbox does not exist");
            case OVER_QUOTA -> session.responder().no(tag, "[OVERQUOTA] Mailbox is full");
            case DONE -> {
                if (session.selected() != null && session.selected().name().equals(command.mailbox())
                        && !NoopProcessor.synchronize(session)) {
                    return;
                }
                session.responder().ok(tag, "[APPENDUID " + placed.uidValidity() + " " + placed.uids().get(0)
                        + "] APPEND completed");
            }
        }
    }
}
