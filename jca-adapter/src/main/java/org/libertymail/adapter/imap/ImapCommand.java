package org.libertymail.adapter.imap;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.libertymail.adapter.api.FlagOperation;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.imap.search.SearchKey;

/** The parsed form of each IMAP command the server understands: parser output, processor input. */
public sealed interface ImapCommand {

    record Capability() implements ImapCommand {
    }

    record Noop(boolean check) implements ImapCommand {
    }

    record Logout() implements ImapCommand {
    }

    record Login(String user, String password) implements ImapCommand {
    }

    /** @param initialResponse the SASL-IR initial response (RFC 4959) as sent, or null */
    record Authenticate(String mechanism, String initialResponse) implements ImapCommand {
    }

    record StartTls() implements ImapCommand {
    }

    /**
     * SELECT or EXAMINE, with RFC 7162's parameters: CONDSTORE, or QRESYNC's knowledge of the
     * folder (null when not given).
     */
    record Select(String mailbox, boolean readOnly, boolean condstore, Qresync qresync) implements ImapCommand {
        public Select(String mailbox, boolean readOnly) {
            this(mailbox, readOnly, false, null);
        }
    }

    /** @param knownUids the UIDs the client has, or null for all */
    record Qresync(long uidValidity, long modseq, SequenceSet knownUids) {
    }

    /**
     * LIST and LSUB, with LIST-EXTENDED's selection and return options (RFC 5258, 6154) and
     * LIST-STATUS (RFC 5819); the options are upper case.
     *
     * @param statusItems the STATUS items to return for each folder, empty for none
     */
    record ListMailboxes(String reference, List<String> patterns, boolean subscribedOnly, Set<String> selectOptions,
            Set<String> returnOptions, List<String> statusItems) implements ImapCommand {
        public ListMailboxes {
            patterns = List.copyOf(patterns);
            selectOptions = Set.copyOf(selectOptions);
            returnOptions = Set.copyOf(returnOptions);
            statusItems = List.copyOf(statusItems);
        }

        public ListMailboxes(String reference, String pattern, boolean subscribedOnly) {
            this(reference, List.of(pattern), subscribedOnly, Set.of(), Set.of(), List.of());
        }
    }

    /** @param internalDate the date-time argument, or null for now */
    record Append(String mailbox, List<String> flags, Instant internalDate, MessageContent message) implements ImapCommand {
        public Append {
            flags = List.copyOf(flags);
        }
    }

    /** COPY, or MOVE (RFC 6851) when {@code move}. */
    record Copy(SequenceSet set, String mailbox, boolean byUid, boolean move) implements ImapCommand {
    }

    record Namespace() implements ImapCommand {
    }

    /** ID (RFC 2971): what the client says about itself, field to value (null for NIL). */
    record Id(Map<String, String> fields) implements ImapCommand {
    }

    record Enable(List<String> capabilities) implements ImapCommand {
        public Enable {
            capabilities = List.copyOf(capabilities);
        }
    }

    record Create(String mailbox) implements ImapCommand {
    }

    record Delete(String mailbox) implements ImapCommand {
    }

    record Rename(String from, String to) implements ImapCommand {
    }

    /** SUBSCRIBE, or UNSUBSCRIBE when {@code subscribe} is false. */
    record Subscribe(String mailbox, boolean subscribe) implements ImapCommand {
    }

    record Status(String mailbox, List<String> items) implements ImapCommand {
        public Status {
            items = List.copyOf(items);
        }
    }

    /**
     * FETCH and UID FETCH; with RFC 7162's CHANGEDSINCE modifier ({@code changedSince} not -1)
     * only messages changed after it, and with VANISHED also the UIDs removed since.
     */
    record Fetch(SequenceSet set, List<FetchItem> items, boolean byUid, long changedSince, boolean vanished)
            implements ImapCommand {
        public Fetch {
            items = List.copyOf(items);
        }

        public Fetch(SequenceSet set, List<FetchItem> items, boolean byUid) {
            this(set, items, byUid, -1, false);
        }
    }

    /**
     * SEARCH and UID SEARCH; with {@code returnOptions} (not null) the ESEARCH form of RFC 4731
     * (MIN, MAX, COUNT, ALL) and RFC 5182's SAVE.
     */
    record Search(SearchKey key, String charset, Set<String> returnOptions, boolean byUid) implements ImapCommand {
        public Search {
            returnOptions = returnOptions == null ? null : Set.copyOf(returnOptions);
        }
    }

    /** STORE and UID STORE; {@code unchangedSince} is RFC 7162's condition, -1 when not given. */
    record Store(SequenceSet set, FlagOperation operation, boolean silent, List<String> flags, boolean byUid,
            long unchangedSince) implements ImapCommand {
        public Store {
            flags = List.copyOf(flags);
        }

        public Store(SequenceSet set, FlagOperation operation, boolean silent, List<String> flags, boolean byUid) {
            this(set, operation, silent, flags, byUid, -1);
        }
    }

    /** EXPUNGE, or UID EXPUNGE (RFC 4315) of the messages in {@code uids} when not null. */
    record Expunge(SequenceSet uids) implements ImapCommand {
    }

    /** GETQUOTAROOT (RFC 9208 4.3.2): the quota roots of a mailbox and their quotas. */
    record GetQuotaRoot(String mailbox) implements ImapCommand {
    }

    /** GETQUOTA (RFC 9208 4.3.1). */
    record GetQuota(String root) implements ImapCommand {
    }

    /** SETQUOTA (RFC 9208 4.3.3): refused; quotas belong to the administrator. */
    record SetQuota(String root) implements ImapCommand {
    }

    /**
     * The ACL commands (RFC 4314): MYRIGHTS (identifier and rights null), GETACL (both null),
     * LISTRIGHTS (rights null), SETACL, DELETEACL (rights null, {@code delete}).
     */
    record Acl(String verb, String mailbox, String identifier, String rights) implements ImapCommand {
    }

    /** IDLE (RFC 2177): until DONE, changes are told as they happen. */
    record Idle() implements ImapCommand {
    }

    /** CLOSE (expunges silently) or UNSELECT (RFC 3691, does not). */
    record Close(boolean expunge) implements ImapCommand {
    }
}
