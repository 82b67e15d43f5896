package org.libertymail.adapter.pop3;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.MessageLoad;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.api.RetrievalFormat;
import org.libertymail.adapter.mime.BodyFormatConverter;
import org.libertymail.adapter.protocol.RenditionSizes;
import org.libertymail.adapter.protocol.StoredContent;

/**
 * A logged-in session's maildrop (RFC 1939): the account's INBOX as it was at login, locked in
 * the store for this session, with the messages DELE marked. Sizes are what RETR sends: the
 * stored size, or the size converted to the session's {@link RetrievalFormat}.
 */
final class Maildrop {
    private static final Logger LOG = Logger.getLogger(Maildrop.class.getName());
    static final String INBOX = "INBOX";
    static final int READ_AHEAD_MESSAGES = 64;
    static final long READ_AHEAD_BYTES = 1024 * 1024;

    private final MailboxAccessListener store;
    final String account;
    private final String holder;
    final long uidValidity;
    final List<MessageSummary> messages;
    boolean[] deleted;
    /** The body format messages are served in (the mailbox's setting, else the service's). */
    final RetrievalFormat format;
    /** Messages read with an earlier one and not retrieved yet, by UID. */
    private final Map<Long, MessageData> readAhead = new HashMap<>();
    private boolean locked = true;
    private long lockRenewed = System.nanoTime();

    private Maildrop(MailboxAccessListener store, String account, String holder, long uidValidity,
            List<MessageSummary> messages, RetrievalFormat format) {
        this.store = store;
        this.account = account;
        this.holder = holder;
        this.uidValidity = uidValidity;
        this.messages = messages;
        this.deleted = new boolean[messages.size()];
        this.format = format;
    }

    /** Why {@link #open} did not open the maildrop: the -ERR line to send. */
    static final class NotOpened extends Exception {
        private static final long serialVersionUID = 1L;
        /** Whether it counts as the client's error (a maildrop in use) rather than the server's. */
        final boolean clientError;

        NotOpened(String reply, boolean clientError) {
            super(reply, null, false, false);
            this.clientError = clientError;
        }
    }

    /**
     * Locks the account's maildrop for {@code holder} and reads it; the lock is let go again
     * when anything after it fails.
     *
     * @param newestFirst Set-PopSettings' MessageRetrievalSortOrder Descending
     */
    static Maildrop open(MailboxAccessListener store, String account, String holder, boolean newestFirst,
            RetrievalFormat format) throws NotOpened {
        if (!store.lockMaildrop(account, holder)) {
            throw new NotOpened("-ERR [IN-USE] Maildrop already locked by another session", true);
        }
        try {
            FolderSnapshot inbox = store.openFolder(account, INBOX, true);
            if (inbox == null) {
                unlock(store, account, holder);
                throw new NotOpened("-ERR [SYS/TEMP] Maildrop not available", false);
            }
            List<MessageSummary> messages = newestFirst ? newestFirst(inbox.messages()) : inbox.messages();
            // LIST and STAT tell what RETR sends (RFC 1939)
            messages = RenditionSizes.of(store, account, INBOX, format, messages);
            return new Maildrop(store, account, holder, inbox.uidValidity(), messages, format);
        } catch (RuntimeException e) {
            unlock(store, account, holder);
            throw e;
        }
    }

    /** By internal date, newest first. */
    private static List<MessageSummary> newestFirst(List<MessageSummary> messages) {
        List<MessageSummary> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(MessageSummary::internalDate).thenComparingLong(MessageSummary::uid).reversed());
        return sorted;
    }

    int size() {
        return messages.size();
    }

    /** Messages not marked deleted. */
    int count() {
        int count = 0;
        for (boolean d : deleted) {
            count += d ? 0 : 1;
        }
        return count;
    }

    /** Octets of the messages not marked deleted. */
    long totalSize() {
        long total = 0;
        for (int i = 0; i < messages.size(); i++) {
            total += deleted[i] ? 0 : messages.get(i).size();
        }
        return total;
    }

    /** What LIST (octets) or UIDL (unique id) says of the message at {@code index}. */
    String listValue(int index, boolean uid) {
        return uid ? uidValidity + "." + messages.get(index).uid() : Long.toString(messages.get(index).size());
    }

    /** The UIDs of the messages marked deleted. */
    List<Long> deletedUids() {
        List<Long> uids = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (deleted[i]) {
                uids.add(messages.get(i).uid());
            }
        }
        return uids;
    }

    /**
     * Message {@code n} with its content, or null when another session removed it. A miss reads
     * the messages after it too, up to {@link #READ_AHEAD_BYTES} and {@link #READ_AHEAD_MESSAGES},
     * in the same store call: clients retrieve a maildrop in order, often pipelined, and one
     * call per message cost more than the messages themselves.
     */
    MessageData message(int n) {
        long uid = messages.get(n - 1).uid();
        MessageData ahead = readAhead.remove(uid);
        if (ahead != null) {
            return ahead;
        }
        readAhead.clear();
        List<Long> uids = new ArrayList<>(List.of(uid));
        long bytes = messages.get(n - 1).size();
        for (int i = n; i < messages.size() && uids.size() < READ_AHEAD_MESSAGES; i++) {
            if (deleted[i]) {
                continue;
            }
            bytes += messages.get(i).size();
            if (bytes > READ_AHEAD_BYTES) {
                break;
            }
            uids.add(messages.get(i).uid());
        }
        MessageData found = null;
        for (MessageData d : store.fetch(account, INBOX, uids, MessageLoad.CONTENT)) {
            if (d.uid() == uid) {
                found = d;
            } else {
                readAhead.put(d.uid(), d);
            }
        }
        return found;
    }

    StoredContent content() {
        return new StoredContent(store, account, INBOX);
    }

    /** The message as this session serves it: converted to {@link #format}. */
    byte[] served(MessageData message) {
        byte[] stored = message.content() != null ? message.content() : content().whole(message);
        return BodyFormatConverter.convert(stored, format);
    }

    /** A long session renews its lock now and then, so that the lease never lapses under it. */
    void renewLock() {
        if (locked && System.nanoTime() - lockRenewed > TimeUnit.MINUTES.toNanos(1)) {
            lockRenewed = System.nanoTime();
            store.lockMaildrop(account, holder);
        }
    }

    void release() {
        if (locked) {
            locked = false;
            unlock(store, account, holder);
        }
    }

    private static void unlock(MailboxAccessListener store, String account, String holder) {
        try {
            store.unlockMaildrop(account, holder);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "The maildrop lock of {0} was not let go; it expires", account);
        }
    }
}
