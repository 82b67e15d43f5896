package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.libertymail.adapter.api.FlagOperation;
import org.libertymail.adapter.api.FlagUpdate;
import org.libertymail.adapter.api.FolderDelta;
import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.api.FolderStatus;
import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.MessageLoad;
import org.libertymail.adapter.api.MessageStructure;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.api.QuotaUsage;
import org.libertymail.ejb.store.Folder;
import org.libertymail.ejb.store.StoredMessage;

/**
 * Folders and messages as POP3 and IMAP see them. Every method is one transaction; every one
 * that changes a folder's messages takes that folder's row lock first ({@link FolderLocks}), so
 * flag changes, expunges and deliveries into one folder queue behind each other instead of
 * deadlocking. Batches of UIDs are split so that no SQL IN list grows without bound.
 */
@Stateless
public class MessageStore {
    /** The most one readContent call returns, whatever it asks for. */
    static final int READ_LIMIT = 1024 * 1024;
    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    @Inject
    BodyStore bodies;

    public List<FolderInfo> listFolders(String account) {
        return em.createNamedQuery(Folder.OF_MAILBOX, Folder.class).setParameter(1, account)
                .getResultList().stream().map(f -> new FolderInfo(f.getName(), f.getSpecialUse(), true, f.isHidden())).toList();
    }

    public QuotaUsage quota(String account) {
        try {
            DeliveryWriter writer = new DeliveryWriter(em.unwrap(Connection.class));
            List<DeliveryWriter.Target> targets = writer.targets(List.of(account));
            if (targets.isEmpty()) {
                return null;
            }
            DeliveryWriter.Target t = targets.get(0);
            long[] used = writer.mailboxUsage(t.folderId());
            return new QuotaUsage(used[1], t.quotaBytes(), used[0], t.quotaMessages());
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    public FolderSnapshot openFolder(String account, String name, boolean claimRecent) {
        Folder folder = Folders.byName(em, account, name);
        if (folder == null) {
            return null;
        }
        if (claimRecent) {
            // Locked, so no delivery commits between reading UIDNEXT and listing the messages.
            FolderLocks.lock(em, folder.getId());
            em.refresh(folder);
        }
        long firstRecent = folder.getFirstRecentUid();
        if (claimRecent) {
            folder.claimRecent();
        }
        List<MessageSummary> summaries = em.createNamedQuery(StoredMessage.SUMMARIES, StoredMessage.class)
                .setParameter("folder", folder.getId()).setHint(MessageRows.READ_ONLY, true).getResultList().stream()
                .map(MessageStore::summary).toList();
        // Unlocked (EXAMINE, STATUS) a delivery may commit between the two reads: never report
        // a UIDNEXT at or below a UID the listing holds.
        long uidNext = Math.max(folder.getUidNext(), summaries.isEmpty() ? 1 : summaries.get(summaries.size() - 1).uid() + 1);
        return new FolderSnapshot(folder.getName(), folder.getUidValidity(), uidNext, firstRecent, summaries,
                folder.getHighestModseq());
    }

    /**
     * STATUS's counts in one aggregate query over the folder's rows: nothing is listed or built
     * per message (a client polls STATUS of every folder every few minutes).
     */
    public FolderStatus folderStatus(String account, String name) {
        Folder folder = Folders.byName(em, account, name);
        if (folder == null) {
            return null;
        }
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement s = connection.prepareStatement("SELECT COUNT(*), SUM(MESSAGE_SIZE), "
                + "SUM(CASE WHEN SEEN THEN 0 ELSE 1 END), SUM(CASE WHEN DELETED THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN UID >= ? THEN 1 ELSE 0 END), MAX(UID) FROM MAIL_MESSAGE WHERE FOLDER_ID = ?")) {
            s.setLong(1, folder.getFirstRecentUid());
            s.setLong(2, folder.getId());
            try (ResultSet row = s.executeQuery()) {
                row.next();
                // as in openFolder: a delivery may commit between the two reads
                long uidNext = Math.max(folder.getUidNext(), row.getLong(6) + 1);
                return new FolderStatus(folder.getUidValidity(), uidNext, folder.getHighestModseq(), row.getLong(1),
                        row.getLong(5), row.getLong(3), row.getLong(4), row.getLong(2));
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    public FolderDelta changesSince(String account, String name, long modseq, long afterUid) {
        Folder folder = Folders.byName(em, account, name); // first: what is read next is at least as new
        if (folder == null) {
            return null;
        }
        if (folder.getHighestModseq() <= modseq && afterUid >= folder.getUidNext() - 1) { // the common NOOP: one row read
            return new FolderDelta(folder.getUidValidity(), folder.getUidNext(), folder.getHighestModseq(), List.of(), List.of());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT UID, EXPUNGED FROM MAIL_CHANGE WHERE FOLDER_ID = ? AND MODSEQ > ?")
                .setParameter(1, folder.getId()).setParameter(2, modseq).getResultList();
        TreeSet<Long> expunged = new TreeSet<>();
        TreeSet<Long> touched = new TreeSet<>();
        for (Object[] row : rows) {
            long uid = ((Number) row[0]).longValue();
            if (Boolean.TRUE.equals(row[1]) || Integer.valueOf(1).equals(row[1])) {
                expunged.add(uid);
            } else {
                touched.add(uid);
            }
        }
        touched.removeAll(expunged);
        TreeSet<StoredMessage> found = new TreeSet<>((a, b) -> Long.compare(a.getUid(), b.getUid()));
        found.addAll(MessageRows.byUids(em, folder.getId(), touched, true));
        if (afterUid < folder.getUidNext() - 1) { // delivered or appended after what the asker knows
            found.addAll(em.createNamedQuery(StoredMessage.UID_RANGE, StoredMessage.class).setParameter("folder", folder.getId())
                    .setParameter("low", afterUid + 1).setParameter("high", folder.getUidNext())
                    .setHint(MessageRows.READ_ONLY, true).getResultList());
        }
        List<MessageSummary> changed = found.stream().map(MessageStore::summary).toList();
        long uidNext = Math.max(folder.getUidNext(), changed.isEmpty() ? 1 : changed.get(changed.size() - 1).uid() + 1);
        return new FolderDelta(folder.getUidValidity(), uidNext, folder.getHighestModseq(), changed, List.copyOf(expunged));
    }

    private static final byte[][] NO_STRUCTURE = new byte[2][];

    /**
     * The folder's id and the UIDs of its messages above {@code afterUid}, ascending (what a
     * search index has not seen yet); null when the folder does not exist.
     */
    public Unindexed unindexed(String account, String name, long afterUid) {
        Folder folder = Folders.byName(em, account, name);
        if (folder == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Number> uids = em.createNativeQuery("SELECT UID FROM MAIL_MESSAGE WHERE FOLDER_ID = ? AND UID > ? ORDER BY UID")
                .setParameter(1, folder.getId()).setParameter(2, afterUid).getResultList();
        return new Unindexed(folder.getId(), uids.stream().map(Number::longValue).toList());
    }

    /** See {@link #unindexed}. */
    public record Unindexed(long folderId, List<Long> uids) {
    }

    public List<MessageData> fetch(String account, String name, Collection<Long> uids, MessageLoad load) {
        Folder folder = Folders.byName(em, account, name);
        List<MessageData> result = new ArrayList<>();
        if (folder == null) {
            return result;
        }
        for (List<Long> chunk : Chunks.of(uids)) {
            List<StoredMessage> messages = MessageRows.byUids(em, folder.getId(), chunk, true);
            // Large messages come without content; the protocols read them with readContent.
            Map<Long, byte[]> content = load.content() ? bodies.read(messages.stream()
                    .filter(m -> m.getSize() <= MailboxAccessListener.INLINE_CONTENT_LIMIT)
                    .map(StoredMessage::getBodyId).toList()) : Map.of();
            Map<Long, byte[][]> structures = load.structure()
                    ? bodies.structures(messages.stream().map(StoredMessage::getBodyId).toList()) : Map.of();
            for (StoredMessage m : messages) {
                byte[][] s = structures.getOrDefault(m.getBodyId(), NO_STRUCTURE);
                result.add(new MessageData(m.getUid(), m.getFlags(), m.getSize(), Instant.ofEpochMilli(m.getInternalDate()),
                        content.get(m.getBodyId()), s[0], s[1] == null ? null : MessageStructure.decode(s[1]), m.getModseq()));
            }
        }
        return result;
    }

    /** See {@link MailboxAccessListener#renditionSizes}: one query, by the messages' shared bodies. */
    public Map<Long, Long> renditionSizes(String account, String name, String format) {
        Folder folder = Folders.byName(em, account, name);
        Map<Long, Long> sizes = new HashMap<>();
        if (folder == null) {
            return sizes;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT m.UID, r.OCTETS FROM MAIL_MESSAGE m JOIN MAIL_RENDITION r "
                + "ON r.BODY_ID = m.BODY_ID AND r.FORMAT = ? WHERE m.FOLDER_ID = ?")
                .setParameter(1, format).setParameter(2, folder.getId()).getResultList();
        for (Object[] row : rows) {
            sizes.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        return sizes;
    }

    /**
     * Keeps rendition sizes by body; a body some session recorded meanwhile is left as it is
     * (the conversion is a function of the body, so both sizes are the same).
     */
    public void rememberRenditionSizes(String account, String name, String format, Map<Long, Long> sizes) {
        Folder folder = Folders.byName(em, account, name);
        if (folder == null || sizes.isEmpty()) {
            return;
        }
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO MAIL_RENDITION (BODY_ID, FORMAT, OCTETS) "
                + "SELECT m.BODY_ID, CAST(? AS VARCHAR(40)), CAST(? AS BIGINT) FROM MAIL_MESSAGE m WHERE m.FOLDER_ID = ? AND m.UID = ? "
                + "AND NOT EXISTS (SELECT 1 FROM MAIL_RENDITION r WHERE r.BODY_ID = m.BODY_ID AND r.FORMAT = ?)")) {
            for (Map.Entry<Long, Long> e : new TreeMap<>(sizes).entrySet()) {
                insert.setString(1, format);
                insert.setLong(2, e.getValue());
                insert.setLong(3, folder.getId());
                insert.setLong(4, e.getKey());
                insert.setString(5, format);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    /** Up to {@code length} bytes of a message from {@code offset}; null when it is gone. */
    public byte[] readContent(String account, String name, long uid, long offset, int length) {
        Folder folder = Folders.byName(em, account, name);
        List<StoredMessage> found = folder == null ? List.of() : MessageRows.byUids(em, folder.getId(), List.of(uid), true);
        if (found.isEmpty()) {
            return null;
        }
        return bodies.readRange(found.get(0).getBodyId(), offset, Math.min(length, READ_LIMIT));
    }

    public FlagUpdate storeFlags(String account, String name, Collection<Long> uids, FlagOperation operation,
            Set<String> flags, long unchangedSince) {
        if (Databases.isPostgresql(em)) {
            return PostgresFlagStore.store(em, account, name, uids, operation, flags, unchangedSince);
        }
        Folder folder = Folders.byName(em, account, name);
        List<MessageSummary> result = new ArrayList<>();
        List<Long> modified = new ArrayList<>();
        List<Long> changedUids = new ArrayList<>();
        long modseq = folder == null ? -1 : FolderLocks.change(em, folder.getId());
        if (modseq < 0) {
            return new FlagUpdate(result, modified);
        }
        for (List<Long> chunk : Chunks.of(uids)) {
            for (StoredMessage m : byUids(folder.getId(), chunk)) {
                if (m.getModseq() > unchangedSince) {
                    modified.add(m.getUid()); // changed since the client looked: left alone (RFC 7162 3.1.3)
                    result.add(summary(m));
                    continue;
                }
                Set<String> updated = FlagChanges.apply(operation, m.getFlags(), flags);
                if (!updated.equals(m.getFlags())) {
                    m.setFlags(updated);
                    m.setModseq(modseq);
                    changedUids.add(m.getUid());
                }
                result.add(summary(m));
            }
        }
        modified.sort(null);
        try {
            FolderLocks.changed(em.unwrap(Connection.class), folder.getId(), changedUids, modseq);
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
        return new FlagUpdate(result, modified);
    }

    public List<Long> expunge(String account, String name) {
        return expunge(account, name, null);
    }

    /** @param uids the only messages to consider, or null for all */
    public List<Long> expunge(String account, String name, Collection<Long> uids) {
        Folder folder = Folders.byName(em, account, name);
        long modseq = folder == null ? -1 : FolderLocks.change(em, folder.getId());
        if (modseq < 0) {
            return List.of();
        }
        Set<Long> only = uids == null ? null : new HashSet<>(uids);
        return remove(folder.getId(), em.createNamedQuery(StoredMessage.DELETED, StoredMessage.class)
                .setParameter("folder", folder.getId()).getResultList().stream()
                .filter(m -> only == null || only.contains(m.getUid())).toList(), modseq);
    }

    public List<Long> delete(String account, String name, Collection<Long> uids) {
        Folder folder = Folders.byName(em, account, name);
        long modseq = folder == null ? -1 : FolderLocks.change(em, folder.getId());
        if (modseq < 0) {
            return List.of();
        }
        List<StoredMessage> doomed = new ArrayList<>();
        for (List<Long> chunk : Chunks.of(uids)) {
            doomed.addAll(byUids(folder.getId(), chunk));
        }
        return remove(folder.getId(), doomed, modseq);
    }

    /** Removes every message of a folder (mailbox deletion); the caller has locked it. */
    public void removeAll(long folderId) {
        em.createNativeQuery("DELETE FROM MAIL_CHANGE WHERE FOLDER_ID = ?").setParameter(1, folderId).executeUpdate();
        remove(folderId, em.createNamedQuery(StoredMessage.SUMMARIES, StoredMessage.class)
                .setParameter("folder", folderId).getResultList(), -1);
    }

    /**
     * Deletes messages of a locked folder, their usage, and the bodies nobody else uses.
     * @param modseq the change's modification sequence, recorded for each UID; -1: none (the folder goes too)
     */
    private List<Long> remove(long folderId, List<StoredMessage> doomed, long modseq) {
        List<Long> uids = new ArrayList<>(doomed.size());
        List<Long> bodyIds = new ArrayList<>(doomed.size());
        long bytes = 0;
        for (StoredMessage m : doomed) {
            uids.add(m.getUid());
            bodyIds.add(m.getBodyId());
            bytes += m.getSize();
        }
        uids.sort(null);
        for (List<Long> chunk : Chunks.of(uids)) {
            em.createNamedQuery(StoredMessage.DELETE_UIDS).setParameter("folder", folderId).setParameter("uids", chunk)
                    .executeUpdate();
        }
        FolderLocks.subtract(em, folderId, uids.size(), bytes);
        if (modseq >= 0) {
            try {
                FolderLocks.expunged(em.unwrap(Connection.class), folderId, uids, modseq);
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        }
        bodies.release(bodyIds);
        return uids;
    }

    private List<StoredMessage> byUids(long folderId, List<Long> uids) {
        return MessageRows.byUids(em, folderId, uids);
    }

    private static MessageSummary summary(StoredMessage m) {
        return new MessageSummary(m.getUid(), m.getFlags(), m.getSize(), Instant.ofEpochMilli(m.getInternalDate()),
                m.getModseq());
    }
}
