package org.libertymail.adapter.imap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.libertymail.adapter.api.FolderDelta;
import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.api.Rights;

/**
 * A session's view of its selected folder: the messages in sequence-number order, their flags
 * and which are \Recent for this session. Other sessions' changes reach the view only through
 * {@link #synchronize}, which computes the unsolicited responses in one place.
 */
public final class SelectedFolder {
    private String name;
    private final boolean readOnly;
    private final String rights;
    private final long uidValidity;
    private long uidNext;
    private long highestModseq;
    private final MessageTable messages;
    /** The UIDs \\Recent for this session; made on the first (EXAMINE never has any). */
    private Set<Long> recent;
    private List<Long> saved = List.of();
    /** IMAP4rev2 has no \Recent (RFC 9051): neither the flag nor RECENT responses. */
    private boolean recentShown = true;

    public SelectedFolder(FolderSnapshot snapshot, boolean readOnly) {
        this.name = snapshot.name();
        this.rights = snapshot.rights();
        // RFC 4314 section 4: without a right to change anything, SELECT opens read-only
        this.readOnly = readOnly || !Rights.writable(rights);
        this.uidValidity = snapshot.uidValidity();
        this.uidNext = snapshot.uidNext();
        this.highestModseq = snapshot.highestModseq();
        this.messages = new MessageTable(snapshot.messages());
        if (!readOnly) {
            for (MessageSummary m : snapshot.messages()) {
                if (m.uid() >= snapshot.firstRecentUid()) {
                    recent().add(m.uid());
                }
            }
        }
    }

    public String name() {
        return name;
    }

    /** This session renamed the folder (or one above it): the same folder under its new name. */
    public void renamedTo(String newName) {
        this.name = newName;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** Whether the account has the RFC 4314 right (its own folders: every right but "a"). */
    public boolean may(char right) {
        return Rights.has(rights, right);
    }

    /** The flags STORE may keep here (PERMANENTFLAGS): none read-only, else those the rights allow. */
    public String permanentFlags() {
        if (readOnly) {
            return "()";
        }
        List<String> flags = new ArrayList<>();
        if (may('w')) {
            flags.addAll(List.of("\\Answered", "\\Flagged"));
        }
        if (may('t')) {
            flags.add("\\Deleted");
        }
        if (may('s')) {
            flags.add("\\Seen");
        }
        if (may('w')) {
            flags.addAll(List.of("\\Draft", "\\*"));
        }
        return "(" + String.join(" ", flags) + ")";
    }

    public long uidValidity() {
        return uidValidity;
    }

    public long uidNext() {
        return uidNext;
    }

    public int exists() {
        return messages.size();
    }

    private Set<Long> recent() {
        if (recent == null) {
            recent = new HashSet<>();
        }
        return recent;
    }

    public int recentCount() {
        return recent == null ? 0 : recent.size();
    }

    public MessageSummary message(int msn) {
        return messages.get(msn - 1);
    }

    /** Flags as FETCH shows them: stored flags plus \Recent for this session. */
    /** For an IMAP4rev2 session: \Recent is neither shown nor counted from now on. */
    public void hideRecent() {
        recentShown = false;
    }

    public List<String> flags(MessageSummary message) {
        List<String> flags = new ArrayList<>(new TreeSet<>(message.flags()));
        if (recentShown && recent != null && recent.contains(message.uid())) {
            flags.add(SystemFlags.RECENT);
        }
        return flags;
    }

    /** Sequence number of the first message without \Seen, or 0. */
    public int firstUnseen() {
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.flags(i).contains(SystemFlags.SEEN)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** @return the sequence number of {@code uid}, or 0 when it is not in the view */
    public int msnOf(long uid) {
        int lo = 0;
        int hi = messages.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long u = messages.uid(mid);
            if (u == uid) {
                return mid + 1;
            }
            if (u < uid) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return 0;
    }

    /**
     * The sequence numbers a set names, ascending.
     *
     * @throws ImapParseException when a message sequence number is beyond the last message
     */
    public List<Integer> resolve(SequenceSet set, boolean byUid) {
        if (set.saved()) {
            List<Integer> msns = new ArrayList<>();
            for (long uid : saved) {
                int msn = msnOf(uid);
                if (msn > 0) {
                    msns.add(msn);
                }
            }
            return msns;
        }
        if (byUid) {
            // each range by binary search: a UID FETCH of one message costs log n, not a scan
            long largest = lastUid();
            TreeSet<Integer> msns = new TreeSet<>();
            for (SequenceSet.Range r : set.ranges()) {
                long a = r.first() == SequenceSet.STAR ? largest : r.first();
                long b = r.last() == SequenceSet.STAR ? largest : r.last();
                long hi = Math.max(a, b);
                for (int i = firstAtOrAbove(Math.min(a, b)); i < messages.size() && messages.uid(i) <= hi; i++) {
                    msns.add(i + 1);
                }
            }
            return new ArrayList<>(msns);
        }
        List<Integer> msns = new ArrayList<>();
        for (SequenceSet.Range r : set.ranges()) {
            long first = r.first() == SequenceSet.STAR ? messages.size() : r.first();
            long last = r.last() == SequenceSet.STAR ? messages.size() : r.last();
            if (Math.max(first, last) > messages.size() || Math.min(first, last) < 1) {
                throw new ImapParseException("Invalid message sequence number");
            }
        }
        for (int i = 1; i <= messages.size(); i++) {
            if (set.contains(i, messages.size())) {
                msns.add(i);
            }
        }
        return msns;
    }

    /** The index of the first message whose UID is at least {@code uid}. */
    private int firstAtOrAbove(long uid) {
        int lo = 0;
        int hi = messages.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (messages.uid(mid) < uid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Keeps a SEARCH result for "$" (RFC 5182); replaced by the next saved result. */
    public void save(List<Long> uids) {
        saved = List.copyOf(uids);
    }

    /** The saved UIDs, for "$" inside SEARCH. */
    public Set<Long> savedUids() {
        return new HashSet<>(saved);
    }

    /** Replaces the stored state of messages still in the view. */
    public void update(Collection<MessageSummary> changed) {
        for (MessageSummary m : changed) {
            int msn = msnOf(m.uid());
            if (msn > 0) {
                messages.set(msn - 1, m);
            }
        }
    }

    /**
     * Removes expunged messages from the view.
     *
     * @return EXPUNGE responses' sequence numbers, highest first, so each stays valid as sent
     */
    public List<Integer> expunge(Collection<Long> uids) {
        Set<Long> doomed = uids instanceof Set<Long> set ? set : new HashSet<>(uids);
        List<Integer> removed = messages.removeIf(doomed::contains);
        List<Integer> msns = new ArrayList<>(removed.size());
        for (int i = removed.size() - 1; i >= 0; i--) {
            msns.add(removed.get(i) + 1);
        }
        if (recent != null) {
            recent.removeAll(doomed);
        }
        return msns;
    }

    /**
     * Takes in what changed since the modification this view last knew and says so in untagged
     * responses: EXPUNGE for messages gone, FETCH FLAGS for flags changed elsewhere, EXISTS and
     * RECENT for new messages (none after EXPUNGE alone, RFC 3501 7.4.1).
     */
    public List<String> synchronize(FolderDelta delta, boolean condstore, boolean qresync) {
        List<String> responses = new ArrayList<>(announceExpunged(delta.expunged(), qresync));
        long lastKnown = lastUid();
        int before = messages.size();
        for (MessageSummary theirs : delta.changed()) {
            if (theirs.uid() > lastKnown) {
                messages.add(theirs);
                if (!readOnly) {
                    recent().add(theirs.uid());
                }
                continue;
            }
            int msn = msnOf(theirs.uid());
            if (msn == 0) {
                continue; // expunged by this session meanwhile
            }
            boolean flagsChanged = !theirs.flags().equals(messages.flags(msn - 1));
            messages.set(msn - 1, theirs);
            if (flagsChanged) {
                // QRESYNC: every FETCH names its UID (RFC 7162 3.2.4); CONDSTORE: its MODSEQ (3.1.4)
                responses.add(msn + " FETCH (" + (qresync ? "UID " + theirs.uid() + " " : "") + "FLAGS "
                        + ImapStrings.flagList(flags(theirs)) + (condstore ? " MODSEQ (" + theirs.modseq() + ")" : "") + ")");
            }
        }
        if (messages.size() != before) {
            responses.add(messages.size() + " EXISTS");
            if (recentShown) {
                responses.add(recentCount() + " RECENT");
            }
        }
        uidNext = Math.max(uidNext, delta.uidNext());
        highestModseq = Math.max(highestModseq, delta.highestModseq());
        return responses;
    }

    /**
     * Removes messages from the view and says so: EXPUNGE per message (highest number first, so
     * each stays valid as sent) or, under QRESYNC, one VANISHED with their UIDs (RFC 7162 3.2.10).
     */
    public List<String> announceExpunged(Collection<Long> uids, boolean vanished) {
        List<Long> known = new ArrayList<>();
        for (long uid : uids) {
            if (msnOf(uid) > 0) {
                known.add(uid);
            }
        }
        List<Integer> msns = expunge(known);
        if (!vanished) {
            return msns.stream().map(msn -> msn + " EXPUNGE").toList();
        }
        known.sort(null);
        return known.isEmpty() ? List.of() : List.of("VANISHED " + UidSets.of(known));
    }

    /** The highest UID in the view, 0 when empty: messages above it are new to the session. */
    public long lastUid() {
        return messages.isEmpty() ? 0 : messages.uid(messages.size() - 1);
    }

    /** The modification sequence this view is up to date with (RFC 7162). */
    public long highestModseq() {
        return highestModseq;
    }
}
