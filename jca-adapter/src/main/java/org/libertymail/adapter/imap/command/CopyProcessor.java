package org.libertymail.adapter.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.libertymail.adapter.api.Placement;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.SelectedFolder;
import org.libertymail.adapter.imap.UidSets;

/**
 * COPY, UID COPY (RFC 3501 6.4.7), MOVE and UID MOVE (RFC 6851), with the UIDPLUS COPYUID code
 * (RFC 4315). MOVE says COPYUID untagged, then EXPUNGE for each moved message, then OK.
 */
public final class CopyProcessor implements CommandProcessor<ImapCommand.Copy> {
    @Override
    public Set<ImapState> validIn() {
        return SELECTED;
    }

    @Override
    public boolean changesMail(ImapCommand.Copy command) {
        return true;
    }

    @Override
    public void process(String tag, ImapCommand.Copy command, ImapSessionState session) {
        String verb = command.move() ? "MOVE" : "COPY";
        SelectedFolder folder = session.selected();
        if (command.move() && folder.readOnly()) {
            session.responder().no(tag, "[READ-ONLY] Mailbox is read-only");
            return;
        }
        List<Long> uids = new ArrayList<>();
        for (int msn : folder.resolve(command.set(), command.byUid())) {
            uids.add(folder.message(msn).uid());
        }
        Placement placed = session.store().copy(session.account(), folder.name(), uids, command.mailbox(), command.move());
        switch (placed.outcome()) {
            case NONEXISTENT -> session.responder().no(tag, "[TRYCREATE] Mailbox does not exist");
            case OVER_QUOTA -> session.responder().no(tag, "[OVERQUOTA] Mailbox is full");
            case DONE -> {
                String copyUid = placed.uids().isEmpty() ? ""
                        : "[COPYUID " + placed.uidValidity() + " " + UidSets.of(placed.sourceUids()) + " "
                                + UidSets.of(placed.uids()) + "] ";
                if (command.move()) {
                    if (!copyUid.isEmpty()) {
                        session.responder().untagged("OK " + copyUid.strip());
                    }
                    session.expunged(placed.sourceUids()).forEach(session.responder()::untagged);
                    session.responder().ok(tag, "MOVE completed");
                } else {
                    session.responder().ok(tag, copyUid + verb + " completed");
                }
            }
        }
    }
}
