package org.libertymail.adapter.imap.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.libertymail.adapter.api.FlagUpdate;
import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.ImapStrings;
import org.libertymail.adapter.imap.SelectedFolder;
import org.libertymail.adapter.imap.SystemFlags;
import org.libertymail.adapter.imap.UidSets;

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
        if (command.unchangedSince() >= 0) {
            session.enableCondstore(); // a CONDSTORE enabling command (RFC 7162 3.1)
        }
        List<Long> modified = List.of();
        if (!uids.isEmpty()) {
            FlagUpdate update = session.store().storeFlags(session.account(), folder.name(), uids, command.operation(), flags,
                    command.unchangedSince() >= 0 ? command.unchangedSince() : MailboxAccessListener.UNCONDITIONAL);
            modified = update.modified();
            Set<Long> changed = new HashSet<>();
            for (MessageSummary m : update.messages()) {
                int msn = folder.msnOf(m.uid());
                if (msn > 0 && folder.message(msn).modseq() != m.modseq()) {
                    changed.add(m.uid());
                }
            }
            folder.update(update.messages());
            List<MessageSummary> sorted = new ArrayList<>(update.messages());
            sorted.sort(Comparator.comparingLong(MessageSummary::uid));
            for (MessageSummary m : sorted) {
                if (modified.contains(m.uid())) {
                    continue;
                }
                // .SILENT leaves out the flags; under CONDSTORE a changed message still gets its
                // new MODSEQ (RFC 7162 3.1.3)
                boolean modseq = session.condstore() && changed.contains(m.uid());
                if (command.silent() && !modseq) {
                    continue;
                }
                List<Object> parts = new ArrayList<>();
                if (!command.silent()) {
                    parts.add("FLAGS " + ImapStrings.flagList(folder.flags(m)));
                }
                if (command.byUid()) {
                    parts.add("UID " + m.uid());
                }
                if (session.condstore()) {
                    parts.add("MODSEQ (" + m.modseq() + ")");
                }
                session.responder().fetch(folder.msnOf(m.uid()), parts);
            }
        }
        if (!modified.isEmpty()) {
            List<Long> named = command.byUid() ? modified
                    : modified.stream().map(uid -> (long) folder.msnOf(uid)).sorted().toList();
            session.responder().ok(tag, "[MODIFIED " + UidSets.of(named) + "] Conditional STORE failed");
            return;
        }
        session.responder().ok(tag, (command.byUid() ? "UID " : "") + "STORE completed");
    }
}
