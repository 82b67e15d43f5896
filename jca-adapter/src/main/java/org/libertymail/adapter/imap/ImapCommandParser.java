package org.libertymail.adapter.imap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.libertymail.adapter.api.FlagOperation;
import org.libertymail.adapter.imap.search.SearchParser;

/** Turns one command frame into an {@link ImapRequest} (RFC 3501 section 9, "command"). */
public final class ImapCommandParser {

    /** The tag of a frame, or "*" when it has none, so that BAD can be addressed. */
    public static String tagOf(byte[] frame) {
        try {
            return new ImapReader(frame).tag();
        } catch (ImapParseException e) {
            return "*";
        }
    }

    /**
     * @throws ImapParseException for a syntax error
     * @throws UnknownCommandException for a command name the server does not know
     */
    public ImapRequest parse(byte[] frame) {
        return parse(frame, null);
    }

    /** @param spooled the frame's literals that were spooled instead of kept in it, or null */
    public ImapRequest parse(byte[] frame, SpooledLiterals spooled) {
        ImapReader r = new ImapReader(frame, spooled);
        String tag = r.tag();
        r.space();
        String name = r.atom().toUpperCase(Locale.ROOT);
        boolean byUid = false;
        if (name.equals("UID")) {
            r.space();
            name = r.atom().toUpperCase(Locale.ROOT);
            byUid = true;
            if (!List.of("FETCH", "STORE", "COPY", "MOVE", "EXPUNGE", "SEARCH").contains(name)) {
                throw new UnknownCommandException("UID " + name);
            }
        }
        ImapCommand command = switch (name) {
            case "CAPABILITY" -> new ImapCommand.Capability();
            case "NOOP" -> new ImapCommand.Noop(false);
            case "CHECK" -> new ImapCommand.Noop(true);
            case "LOGOUT" -> new ImapCommand.Logout();
            case "LOGIN" -> login(r);
            case "STARTTLS" -> new ImapCommand.StartTls();
            case "AUTHENTICATE" -> {
                r.space();
                String mechanism = r.atom().toUpperCase(Locale.ROOT);
                String initial = null;
                if (!r.atEnd()) {
                    r.space();
                    initial = r.atom();
                }
                yield new ImapCommand.Authenticate(mechanism, initial);
            }
            case "SELECT", "EXAMINE" -> {
                r.space();
                yield select(r, name.equals("EXAMINE"));
            }
            case "LIST", "LSUB" -> list(r, name.equals("LSUB"));
            case "CREATE" -> {
                r.space();
                yield new ImapCommand.Create(mailbox(r));
            }
            case "DELETE" -> {
                r.space();
                yield new ImapCommand.Delete(mailbox(r));
            }
            case "RENAME" -> {
                r.space();
                String from = mailbox(r);
                r.space();
                yield new ImapCommand.Rename(from, mailbox(r));
            }
            case "APPEND" -> append(r);
            case "NAMESPACE" -> new ImapCommand.Namespace();
            case "ID" -> id(r);
            case "ENABLE" -> {
                List<String> capabilities = new ArrayList<>();
                while (!r.atEnd()) {
                    r.space();
                    capabilities.add(r.atom().toUpperCase(Locale.ROOT));
                }
                if (capabilities.isEmpty()) {
                    throw new ImapParseException("ENABLE needs at least one capability");
                }
                yield new ImapCommand.Enable(capabilities);
            }
            case "COPY", "MOVE" -> {
                r.space();
                SequenceSet set = r.sequenceSet();
                r.space();
                yield new ImapCommand.Copy(set, mailbox(r), byUid, name.equals("MOVE"));
            }
            case "SUBSCRIBE", "UNSUBSCRIBE" -> {
                r.space();
                yield new ImapCommand.Subscribe(mailbox(r), name.equals("SUBSCRIBE"));
            }
            case "STATUS" -> status(r);
            case "FETCH" -> {
                r.space();
                SequenceSet set = r.sequenceSet();
                r.space();
                List<FetchItem> items = FetchItemParser.parse(r);
                long changedSince = -1;
                boolean vanished = false;
                if (r.consume(' ')) { // fetch-modifiers (RFC 7162 3.1.4.1, 3.2.6)
                    r.expect('(');
                    do {
                        String modifier = r.atom().toUpperCase(Locale.ROOT);
                        if (modifier.equals("CHANGEDSINCE")) {
                            r.space();
                            changedSince = r.modseq();
                        } else if (modifier.equals("VANISHED") && byUid) {
                            vanished = true;
                        } else {
                            throw new ImapParseException("Unknown FETCH modifier " + modifier);
                        }
                    } while (r.consume(' '));
                    r.expect(')');
                    if (vanished && changedSince < 0) {
                        throw new ImapParseException("VANISHED needs CHANGEDSINCE");
                    }
                }
                yield new ImapCommand.Fetch(set, items, byUid, changedSince, vanished);
            }
            case "STORE" -> store(r, byUid);
            case "SEARCH" -> search(r, byUid);
            case "EXPUNGE" -> {
                SequenceSet uids = null;
                if (byUid) {
                    r.space();
                    uids = r.sequenceSet();
                }
                yield new ImapCommand.Expunge(uids);
            }
            case "IDLE" -> new ImapCommand.Idle();
            case "GETQUOTAROOT" -> {
                r.space();
                yield new ImapCommand.GetQuotaRoot(mailbox(r));
            }
            case "GETQUOTA" -> {
                r.space();
                yield new ImapCommand.GetQuota(r.astring());
            }
            case "SETQUOTA" -> {
                r.space();
                String root = r.astring();
                r.space();
                r.expect('(');
                while (!r.consume(')')) {
                    if (r.atEnd()) {
                        throw new ImapParseException("Unbalanced parenthesis");
                    }
                    r.until(" )");
                    r.consume(' ');
                }
                yield new ImapCommand.SetQuota(root);
            }
            case "MYRIGHTS", "GETACL" -> {
                r.space();
                yield new ImapCommand.Acl(name, mailbox(r), null, null);
            }
            case "LISTRIGHTS", "DELETEACL" -> {
                r.space();
                String mailbox = mailbox(r);
                r.space();
                yield new ImapCommand.Acl(name, mailbox, r.astring(), null);
            }
            case "SETACL" -> {
                r.space();
                String mailbox = mailbox(r);
                r.space();
                String identifier = r.astring();
                r.space();
                yield new ImapCommand.Acl(name, mailbox, identifier, r.astring());
            }
            case "CLOSE" -> new ImapCommand.Close(true);
            case "UNSELECT" -> new ImapCommand.Close(false);
            default -> throw new UnknownCommandException(name);
        };
        r.expectEnd();
        return new ImapRequest(tag, command);
    }

    /** A mailbox name; INBOX is case-insensitive (RFC 3501 5.1). */
    static String mailbox(ImapReader r) {
        String name = r.astring();
        return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    }

    /** APPEND mailbox [flag-list] [date-time] literal (RFC 3501 6.3.11). */
    private static ImapCommand append(ImapReader r) {
        r.space();
        String mailbox = mailbox(r);
        r.space();
        List<String> flags = List.of();
        if (r.peek() == '(') {
            flags = r.flagList(false);
            r.space();
        }
        Instant date = null;
        if (r.peek() == '"') {
            date = InternalDates.parse(new String(r.string(), java.nio.charset.StandardCharsets.US_ASCII));
            r.space();
        }
        return new ImapCommand.Append(mailbox, flags, date, r.content());
    }

    /** ID (RFC 2971): NIL or a list of field and value strings (values may be NIL). */
    private static ImapCommand id(ImapReader r) {
        r.space();
        Map<String, String> fields = new LinkedHashMap<>();
        if (r.peek() == 'N' || r.peek() == 'n') {
            if (!r.atom().equalsIgnoreCase("NIL")) {
                throw new ImapParseException("Expected NIL or a list");
            }
            return new ImapCommand.Id(fields);
        }
        r.expect('(');
        while (!r.consume(')')) {
            if (!fields.isEmpty()) {
                r.space();
            }
            String field = new String(r.string(), java.nio.charset.StandardCharsets.UTF_8);
            r.space();
            String value = r.peek() == '"' || r.peek() == '{' ? new String(r.string(), java.nio.charset.StandardCharsets.UTF_8)
                    : nil(r);
            if (fields.size() >= 30) {
                throw new ImapParseException("Too many ID fields");
            }
            fields.put(field, value);
        }
        return new ImapCommand.Id(fields);
    }

    private static String nil(ImapReader r) {
        if (!r.atom().equalsIgnoreCase("NIL")) {
            throw new ImapParseException("Expected a string or NIL");
        }
        return null;
    }

    private static final Set<String> RETURN_OPTIONS = Set.of("MIN", "MAX", "ALL", "COUNT", "SAVE");

    private static ImapCommand search(ImapReader r, boolean byUid) {
        r.space();
        Set<String> returnOptions = null;
        if (r.lookAheadAtom().equalsIgnoreCase("RETURN")) {
            r.atom();
            r.space();
            r.expect('(');
            returnOptions = new LinkedHashSet<>();
            if (!r.consume(')')) {
                do {
                    String option = r.atom().toUpperCase(Locale.ROOT);
                    if (!RETURN_OPTIONS.contains(option)) {
                        throw new ImapParseException("Unknown search return option " + option);
                    }
                    returnOptions.add(option);
                } while (r.consume(' '));
                r.expect(')');
            }
            r.space();
        }
        String charset = null;
        if (r.lookAheadAtom().equalsIgnoreCase("CHARSET")) {
            r.atom();
            r.space();
            charset = r.astring();
            r.space();
        }
        return new ImapCommand.Search(SearchParser.keys(r), charset, returnOptions, byUid);
    }

    private static ImapCommand login(ImapReader r) {
        r.space();
        String user = r.astring();
        r.space();
        return new ImapCommand.Login(user, r.astring());
    }

    private static final Set<String> LIST_SELECT = Set.of("SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE");
    private static final Set<String> LIST_RETURN = Set.of("SUBSCRIBED", "CHILDREN", "SPECIAL-USE", "STATUS");

    private static ImapCommand list(ImapReader r, boolean lsub) {
        r.space();
        Set<String> select = new LinkedHashSet<>();
        if (!lsub && r.consume('(')) { // list-select-opts (RFC 5258)
            while (!r.consume(')')) {
                String option = r.atom().toUpperCase(Locale.ROOT);
                if (!LIST_SELECT.contains(option)) {
                    throw new ImapParseException("Unknown LIST selection option " + option);
                }
                select.add(option);
                r.consume(' ');
            }
            r.space();
            if (select.contains("RECURSIVEMATCH") && !select.contains("SUBSCRIBED")) {
                throw new ImapParseException("RECURSIVEMATCH needs another selection option");
            }
        }
        String reference = r.astring();
        r.space();
        List<String> patterns = new ArrayList<>();
        if (!lsub && r.consume('(')) {
            do {
                patterns.add(r.listMailbox());
            } while (r.consume(' '));
            r.expect(')');
        } else {
            patterns.add(r.listMailbox());
        }
        Set<String> returns = new LinkedHashSet<>();
        List<String> statusItems = new ArrayList<>();
        if (!lsub && r.consume(' ')) {
            if (!r.atom().equalsIgnoreCase("RETURN")) {
                throw new ImapParseException("Expected RETURN");
            }
            r.space();
            r.expect('(');
            while (!r.consume(')')) {
                String option = r.atom().toUpperCase(Locale.ROOT);
                if (!LIST_RETURN.contains(option)) {
                    throw new ImapParseException("Unknown LIST return option " + option);
                }
                returns.add(option);
                if (option.equals("STATUS")) { // LIST-STATUS (RFC 5819)
                    r.space();
                    statusItems.addAll(statusItems(r));
                }
                r.consume(' ');
            }
        }
        return new ImapCommand.ListMailboxes(reference, patterns, lsub, select, returns, statusItems);
    }

    private static ImapCommand status(ImapReader r) {
        r.space();
        String mailbox = mailbox(r);
        r.space();
        return new ImapCommand.Status(mailbox, statusItems(r));
    }

    private static final List<String> STATUS_ITEMS =
            List.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ", "SIZE", "APPENDLIMIT", "DELETED");

    /** "(" status-att *(SP status-att) ")" */
    private static List<String> statusItems(ImapReader r) {
        r.expect('(');
        List<String> items = new ArrayList<>();
        do {
            String item = r.atom().toUpperCase(Locale.ROOT);
            if (!STATUS_ITEMS.contains(item)) {
                throw new ImapParseException("Unknown STATUS item " + item);
            }
            items.add(item);
        } while (r.consume(' '));
        r.expect(')');
        return items;
    }

    private static ImapCommand store(ImapReader r, boolean byUid) {
        r.space();
        SequenceSet set = r.sequenceSet();
        r.space();
        long unchangedSince = -1;
        if (r.consume('(')) { // store-modifier (RFC 7162 3.1.3)
            String modifier = r.atom().toUpperCase(Locale.ROOT);
            if (!modifier.equals("UNCHANGEDSINCE")) {
                throw new ImapParseException("Unknown STORE modifier " + modifier);
            }
            r.space();
            unchangedSince = r.modseq();
            r.expect(')');
            r.space();
        }
        String action = r.atom().toUpperCase(Locale.ROOT);
        FlagOperation operation = switch (action.charAt(0)) {
            case '+' -> FlagOperation.ADD;
            case '-' -> FlagOperation.REMOVE;
            default -> FlagOperation.REPLACE;
        };
        String base = operation == FlagOperation.REPLACE ? action : action.substring(1);
        boolean silent = base.equals("FLAGS.SILENT");
        if (!silent && !base.equals("FLAGS")) {
            throw new ImapParseException("Expected FLAGS, +FLAGS or -FLAGS");
        }
        r.space();
        List<String> flags = r.flagList(true);
        for (String flag : flags) {
            if (flag.startsWith("\\") && SystemFlags.canonical(flag) == null) {
                throw new ImapParseException("Unknown system flag " + flag);
            }
        }
        return new ImapCommand.Store(set, operation, silent, flags, byUid, unchangedSince);
    }

    /** SELECT/EXAMINE mailbox [SP "(" CONDSTORE / QRESYNC (uidvalidity modseq [known-uids [seq-match]]) ")"]. */
    private static ImapCommand select(ImapReader r, boolean readOnly) {
        String mailbox = mailbox(r);
        boolean condstore = false;
        ImapCommand.Qresync qresync = null;
        if (r.consume(' ')) {
            r.expect('(');
            do {
                String param = r.atom().toUpperCase(Locale.ROOT);
                if (param.equals("CONDSTORE")) {
                    condstore = true;
                } else if (param.equals("QRESYNC")) {
                    r.space();
                    r.expect('(');
                    long uidValidity = r.number();
                    r.space();
                    long modseq = r.modseq();
                    SequenceSet known = null;
                    if (r.consume(' ') && r.peek() != '(') {
                        known = r.sequenceSet();
                        r.consume(' ');
                    }
                    if (r.consume('(')) { // seq-match-data: a hint this server does not need
                        r.sequenceSet();
                        r.space();
                        r.sequenceSet();
                        r.expect(')');
                    }
                    r.expect(')');
                    qresync = new ImapCommand.Qresync(uidValidity, modseq, known);
                } else {
                    throw new ImapParseException("Unknown SELECT parameter " + param);
                }
            } while (r.consume(' '));
            r.expect(')');
        }
        return new ImapCommand.Select(mailbox, readOnly, condstore, qresync);
    }
}
