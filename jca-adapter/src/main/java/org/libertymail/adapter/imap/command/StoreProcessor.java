package org.libertymail.adapter.imap.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.ImapStrings;
import org.libertymail.adapter.imap.SelectedFolder;
import org.libertymail.adapter.imap.SystemFlags;

/** STORE and UID STORE (RFC 3501 6.4.6). */
public final class StoreProcessor implements CommandProcessor<ImapCommand.Store> {
    @Override
    public Set<ImapState> validIn() {
        return SELECTED;
    }

    @Override
    public boolean changesMail(ImapCommand.Store command) {
        return true;
    }

    @Override
    public void process(String tag, ImapCommand.Store command, ImapSessionState session) {
        SelectedFolder folder = session.selected();
        if (folder.readOnly()) {
            session.responder().no(tag, "[READ-ONLY] Mailbox is read-only");
            return;
        }
        List<Integer> msns = folder.resolve(command.set(), command.byUid());
        Set<String> flags = SystemFlags.fromClient(command.flags());
        List<Long> uids = new ArrayList<>(msns.size());
        for (int msn : msns) {
            uids.add(folder.message(msn).uid());
        }
        if (!uids.isEmpty()) {
            List<MessageSummary> changed = new ArrayList<>(session.store().storeFlags(session.account(), folder.name(),
                    uids, command.operation(), flags));
            folder.update(changed);
            if (!command.silent()) {
                changed.sort(Comparator.comparingLong(MessageSummary::uid));
                for (MessageSummary m : changed) {
                    int msn = folder.msnOf(m.uid());
                    List<Object> parts = new ArrayList<>();
                    parts.add("FLAGS " + ImapStrings.flagList(folder.flags(m)));
                    if (command.byUid()) {
                        parts.add("UID " + m.uid());
                    }
                    session.responder().fetch(msn, parts);
                }
            }
        }
        session.responder().ok(tag, (command.byUid() ? "UID " : "") + "STORE completed");
    }
}
