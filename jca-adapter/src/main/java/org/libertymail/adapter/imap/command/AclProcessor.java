package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.ImapStrings;

/**
 * ACL (RFC 4314). MYRIGHTS tells the account its rights on a folder; rights are granted by
 * administrators (REST) only, so no account has the "a" right that GETACL, LISTRIGHTS, SETACL
 * and DELETEACL need, and those answer NO [NOPERM] for a folder the account can see.
 */
public final class AclProcessor implements CommandProcessor<ImapCommand.Acl> {
    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand.Acl command, ImapSessionState session) {
        String rights = session.store().rights(session.account(), command.mailbox());
        if (rights == null) {
            session.responder().no(tag, "[NONEXISTENT] Mailbox does not exist");
            return;
        }
        if (!command.verb().equals("MYRIGHTS")) {
            session.responder().no(tag, "[NOPERM] Access rights are managed by the administrator");
            return;
        }
        session.responder().untagged("MYRIGHTS " + ImapStrings.string(session.clientName(command.mailbox())) + " " + rights);
        session.responder().ok(tag, "MYRIGHTS completed");
    }
}
