package org.libertymail.adapter.imap.command;

import java.util.List;
import java.util.Set;

import org.libertymail.adapter.api.FolderDelta;
import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapResponder;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.ImapStrings;
import org.libertymail.adapter.imap.SelectedFolder;
import org.libertymail.adapter.imap.UidSets;

/** SELECT and EXAMINE (RFC 3501 6.3.1, 6.3.2). */
public final class SelectProcessor implements CommandProcessor<ImapCommand.Select> {
    private static final String FLAGS = "(\\Answered \\Flagged \\Deleted \\Seen \\Draft)";

    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    /**
     * QRESYNC (RFC 7162 3.2.5): what vanished since the client's modification sequence, among
     * the UIDs it knows, then the flags of what changed since.
     */
    private static void resynchronize(ImapCommand.Qresync qresync, SelectedFolder folder, ImapSessionState session) {
        FolderDelta delta = session.store().changesSince(session.account(), folder.name(), qresync.modseq(), Long.MAX_VALUE);
        if (delta != null) {
            long largest = folder.uidNext() - 1;
            List<Long> vanished = delta.expunged().stream()
                    .filter(uid -> qresync.knownUids() == null || qresync.knownUids().contains(uid, largest)).toList();
            if (!vanished.isEmpty()) {
                session.responder().untagged("VANISHED (EARLIER) " + UidSets.of(vanished));
            }
        }
        for (int msn = 1; msn <= folder.exists(); msn++) {
            MessageSummary m = folder.message(msn);
            if (m.modseq() > qresync.modseq()) {
                session.responder().untagged(msn + " FETCH (UID " + m.uid() + " FLAGS " + ImapStrings.flagList(folder.flags(m))
                        + " MODSEQ (" + m.modseq() + "))");
            }
        }
    }

    @Override
    public void process(String tag, ImapCommand.Select command, ImapSessionState session) {
        ImapCommand.Qresync qresync = command.qresync();
        if (qresync != null && !session.qresync()) {
            session.responder().bad(tag, "QRESYNC must be enabled first");
            return;
        }
        // A SELECT that fails still leaves the previous mailbox closed (RFC 3501 6.3.1).
        boolean closing = session.selected() != null;
        session.deselect();
        if (closing && (session.qresync() || session.rev2())) {
            session.responder().untagged("OK [CLOSED] Previous mailbox closed"); // RFC 7162 3.2.11
        }
        if (command.condstore()) {
            session.enableCondstore();
        }
        FolderSnapshot snapshot = session.store().openFolder(session.account(), command.mailbox(), !command.readOnly());
        ImapResponder r = session.responder();
        if (snapshot == null) {
            r.no(tag, "[NONEXISTENT] Mailbox does not exist");
            return;
        }
        SelectedFolder folder = new SelectedFolder(snapshot, command.readOnly());
        if (session.rev2()) {
            folder.hideRecent();
            // IMAP4rev2 names the mailbox in a LIST response (RFC 9051 6.3.2)
            List<FolderInfo> all = session.store().listFolders(session.account());
            all.stream().filter(f -> f.name().equals(folder.name())).findFirst()
                    .ifPresent(f -> r.untagged("LIST (" + ListProcessor.attributes(f, all) + ") \"" + FolderInfo.DELIMITER
                            + "\" " + ImapStrings.string(session.clientName(f.name()))));
        }
        r.untagged("FLAGS " + FLAGS);
        r.untagged("OK [PERMANENTFLAGS " + folder.permanentFlags() + "] Limited");
        r.untagged(folder.exists() + " EXISTS");
        if (!session.rev2()) { // IMAP4rev2 has neither RECENT nor the UNSEEN code (RFC 9051 6.3.2)
            r.untagged(folder.recentCount() + " RECENT");
        }
        int unseen = session.rev2() ? 0 : folder.firstUnseen();
        if (unseen > 0) {
            r.untagged("OK [UNSEEN " + unseen + "] First unseen");
        }
        r.untagged("OK [UIDVALIDITY " + folder.uidValidity() + "] UIDs valid");
        r.untagged("OK [UIDNEXT " + folder.uidNext() + "] Predicted next UID");
        r.untagged("OK [HIGHESTMODSEQ " + folder.highestModseq() + "] Highest");
        session.select(folder);
        if (qresync != null && qresync.uidValidity() == folder.uidValidity()) {
            resynchronize(qresync, folder, session);
        }
        r.ok(tag, (folder.readOnly() ? "[READ-ONLY] " : "[READ-WRITE] ") + (command.readOnly() ? "EXAMINE" : "SELECT")
                + " completed");
    }
}
