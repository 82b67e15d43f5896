package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.api.PublicFolders;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

/**
 * IDLE (RFC 2177). The session watches its account: a delivery, or a change made by another
 * session, wakes it, and it tells the client (EXISTS, EXPUNGE, FETCH FLAGS) without being asked.
 * The client's DONE ends it ({@link org.libertymail.adapter.imap.ImapSession}).
 */
public final class IdleProcessor implements CommandProcessor<ImapCommand.Idle> {
    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand.Idle command, ImapSessionState session) {
        session.idle(tag);
        session.responder().watch(session.selected() == null ? session.account()
                : PublicFolders.watchKey(session.account(), session.selected().name()));
        session.responder().continuation("idling");
        if (session.state() == ImapState.SELECTED) {
            NoopProcessor.synchronize(session); // what changed before IDLE began
        }
    }
}
