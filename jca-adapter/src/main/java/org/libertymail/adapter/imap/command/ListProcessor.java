package org.libertymail.adapter.imap.command;

import java.util.Set;
import java.util.regex.Pattern;

import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.ImapStrings;

/**
 * LIST and LSUB (RFC 3501 6.3.8, 6.3.9). Subscriptions are not stored yet, so LSUB answers with
 * every folder, which is what clients that only show subscribed folders need to see them.
 */
public final class ListProcessor implements CommandProcessor<ImapCommand.ListMailboxes> {
    private static final String DELIMITER = String.valueOf(FolderInfo.DELIMITER);

    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand.ListMailboxes command, ImapSessionState session) {
        String verb = command.subscribedOnly() ? "LSUB" : "LIST";
        if (command.pattern().isEmpty()) {
            if (!command.subscribedOnly()) {
                session.responder().untagged("LIST (\\Noselect) \"" + DELIMITER + "\" \"\"");
            }
            session.responder().ok(tag, verb + " completed");
            return;
        }
        Pattern plain = toRegex(command.reference() + command.pattern(), 0);
        Pattern folded = toRegex(command.reference() + command.pattern(), Pattern.CASE_INSENSITIVE);
        for (FolderInfo folder : session.store().listFolders(session.account())) {
            boolean inbox = folder.name().equals("INBOX");
            if ((inbox ? folded : plain).matcher(folder.name()).matches()) {
                session.responder().untagged(verb + " () \"" + DELIMITER + "\" " + ImapStrings.string(folder.name()));
            }
        }
        session.responder().ok(tag, verb + " completed");
    }

    /** "*" matches anything, "%" anything but the hierarchy delimiter. */
    static Pattern toRegex(String pattern, int flags) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '%') {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                regex.append(c == '*' ? ".*" : "[^" + Pattern.quote(DELIMITER) + "]*");
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), flags);
    }
}
