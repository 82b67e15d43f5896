package org.libertymail.adapter.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.SelectedFolder;

/** EXPUNGE (RFC 3501 6.4.3) and UID EXPUNGE (RFC 4315 2.1). */
public final class ExpungeProcessor implements CommandProcessor<ImapCommand.Expunge> {
    @Override
    public Set<ImapState> validIn() {
        return SELECTED;
    }

    @Override
    public boolean changesMail(ImapCommand.Expunge command) {
        return true;
    }

    @Override
    public void process(String tag, ImapCommand.Expunge command, ImapSessionState session) {
        SelectedFolder folder = session.selected();
        if (folder.readOnly()) {
            session.responder().no(tag, "[READ-ONLY] Mailbox is read-only");
            return;
        }
        List<Long> removed;
        if (command.uids() == null) {
            removed = session.store().expunge(session.account(), folder.name());
        } else {
            List<Long> uids = new ArrayList<>();
            for (int msn : folder.resolve(command.uids(), true)) {
                uids.add(folder.message(msn).uid());
            }
            removed = uids.isEmpty() ? List.of() : session.store().expunge(session.account(), folder.name(), uids);
        }
        session.expunged(removed).forEach(session.responder()::untagged);
        session.responder().ok(tag, "EXPUNGE completed");
    }
}
