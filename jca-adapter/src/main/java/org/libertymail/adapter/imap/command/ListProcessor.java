package org.libertymail.adapter.imap.command;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.ImapStrings;

/**
 * LIST and LSUB (RFC 3501 6.3.8, 6.3.9). LIST names each folder's children (\HasChildren or
 * \HasNoChildren, RFC 3348) and its special use (RFC 6154); LSUB lists the subscribed names,
 * which may outlive their folders. Every superior of a folder exists (CREATE makes them, DELETE
 * refuses a folder with children), so there are no \Noselect levels to report.
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
        if (command.subscribedOnly()) {
            for (String name : session.store().subscriptions(session.account())) {
                if ((name.equals("INBOX") ? folded : plain).matcher(name).matches()) {
                    session.responder().untagged("LSUB () \"" + DELIMITER + "\" " + ImapStrings.string(name));
                }
            }
            session.responder().ok(tag, "LSUB completed");
            return;
        }
        List<FolderInfo> folders = session.store().listFolders(session.account());
        for (FolderInfo folder : folders) {
            boolean inbox = folder.name().equals("INBOX");
            if ((inbox ? folded : plain).matcher(folder.name()).matches()) {
                session.responder().untagged("LIST (" + attributes(folder, folders) + ") \"" + DELIMITER + "\" "
                        + ImapStrings.string(folder.name()));
            }
        }
        session.responder().ok(tag, "LIST completed");
    }

    private static String attributes(FolderInfo folder, List<FolderInfo> all) {
        String prefix = folder.name() + DELIMITER;
        String children = all.stream().anyMatch(f -> f.name().startsWith(prefix)) ? "\\HasChildren" : "\\HasNoChildren";
        return folder.specialUse() == null ? children : children + " " + folder.specialUse();
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
