package org.libertymail.adapter.imap.command;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.libertymail.adapter.api.AccessDeniedException;
import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.adapter.api.FolderStatus;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.ImapStrings;

/**
 * LIST and LSUB (RFC 3501 6.3.8, 6.3.9). LIST names each folder's children (\HasChildren or
 * \HasNoChildren, RFC 3348) and its special use (RFC 6154); LSUB lists the subscribed names,
 * which may outlive their folders. LIST-EXTENDED (RFC 5258): several patterns, selection by
 * SUBSCRIBED (with RECURSIVEMATCH) or SPECIAL-USE, RETURN (SUBSCRIBED CHILDREN SPECIAL-USE), and
 * LIST-STATUS's RETURN (STATUS (...)) (RFC 5819). Every superior of an account's folder exists
 * (CREATE makes them, DELETE refuses a folder with children); \Noselect levels come only from
 * the public folders: their root, and levels the account may not look up.
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
        if (command.patterns().equals(List.of("")) && command.selectOptions().isEmpty()) {
            if (!command.subscribedOnly()) {
                session.responder().untagged("LIST (\\Noselect) \"" + DELIMITER + "\" \"\"");
            }
            session.responder().ok(tag, verb + " completed");
            return;
        }
        List<Pattern[]> patterns = command.patterns().stream().map(p -> fullPattern(command.reference(), p))
                .map(p -> new Pattern[] {toRegex(p, 0), toRegex(p, Pattern.CASE_INSENSITIVE)}).toList();
        if (command.subscribedOnly()) {
            Set<String> hidden = new HashSet<>();
            if (!session.showHiddenFolders()) {
                session.store().listFolders(session.account()).stream().filter(FolderInfo::hidden)
                        .forEach(f -> hidden.add(f.name()));
            }
            for (String name : session.store().subscriptions(session.account())) {
                if (matches(patterns, name) && !hidden.contains(name)) {
                    session.responder().untagged("LSUB () \"" + DELIMITER + "\" " + ImapStrings.string(session.clientName(name)));
                }
            }
            session.responder().ok(tag, "LSUB completed");
            return;
        }
        Set<String> select = command.selectOptions();
        boolean bySubscription = select.contains("SUBSCRIBED");
        boolean showSubscribed = bySubscription || command.returnOptions().contains("SUBSCRIBED");
        List<FolderInfo> folders = session.listedFolders();
        Set<String> subscribed = showSubscribed
                ? new LinkedHashSet<>(session.store().subscriptions(session.account())) : Set.of();
        Set<String> existing = new HashSet<>();
        for (FolderInfo folder : folders) {
            existing.add(folder.name());
            if (!matches(patterns, folder.name())) {
                continue;
            }
            boolean isSubscribed = subscribed.contains(folder.name());
            String attributes = attributes(folder, folders) + (isSubscribed ? " \\Subscribed" : "");
            if (bySubscription && !isSubscribed) {
                // RECURSIVEMATCH: a folder that does not qualify is named when one below it does (RFC 5258 3.5)
                if (select.contains("RECURSIVEMATCH")
                        && subscribed.stream().anyMatch(n -> n.startsWith(folder.name() + DELIMITER))) {
                    line(session, attributes, folder.name(), " (\"CHILDINFO\" (\"SUBSCRIBED\"))");
                }
                continue;
            }
            if (select.contains("SPECIAL-USE") && folder.specialUse() == null) {
                continue;
            }
            line(session, attributes, folder.name(), "");
            if (!command.statusItems().isEmpty() && folder.selectable()) {
                FolderStatus status;
                try {
                    status = session.store().folderStatus(session.account(), folder.name());
                } catch (AccessDeniedException e) {
                    continue; // seen but not readable: RFC 5819 lets STATUS be left out
                }
                if (status != null) {
                    session.responder().untagged(StatusProcessor.statusResponse(session, folder.name(), status,
                            command.statusItems()));
                }
            }
        }
        if (bySubscription) {
            for (String name : subscribed) {
                if (!existing.contains(name) && matches(patterns, name)) {
                    line(session, "\\NonExistent \\Subscribed", name, "");
                }
            }
        }
        session.responder().ok(tag, "LIST completed");
    }

    private static void line(ImapSessionState session, String attributes, String name, String extended) {
        session.responder().untagged("LIST (" + attributes + ") \"" + DELIMITER + "\" "
                + ImapStrings.string(session.clientName(name)) + extended);
    }

    /**
     * Reference and pattern as one name pattern. A trailing delimiter asks for the level itself:
     * Jakarta Mail checks that a namespace exists with LIST "" "Public Folders/".
     */
    private static String fullPattern(String reference, String pattern) {
        String full = reference + pattern;
        return full.length() > 1 && full.endsWith(DELIMITER) ? full.substring(0, full.length() - 1) : full;
    }

    /** INBOX matches case-insensitively (RFC 3501 5.1), every other name exactly. */
    private static boolean matches(List<Pattern[]> patterns, String name) {
        boolean inbox = name.equals("INBOX");
        return patterns.stream().anyMatch(p -> p[inbox ? 1 : 0].matcher(name).matches());
    }

    static String attributes(FolderInfo folder, List<FolderInfo> all) {
        String prefix = folder.name() + DELIMITER;
        String children = all.stream().anyMatch(f -> f.name().startsWith(prefix)) ? "\\HasChildren" : "\\HasNoChildren";
        if (!folder.selectable()) {
            children = "\\Noselect " + children;
        }
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
