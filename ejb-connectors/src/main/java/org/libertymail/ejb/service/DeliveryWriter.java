package org.libertymail.ejb.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.libertymail.adapter.api.MessageContent;
import org.libertymail.ejb.store.Folder;
import org.libertymail.ejb.store.StoredMessage;

/**
 * The statements of a delivery batch, in plain JDBC on the transaction's own connection. This is
 * the hottest path of the server: through JPA native queries each statement cost more in query
 * building than in the database, so here each is prepared once per batch and rows of the same
 * kind go in one JDBC batch. Statement order is the locking protocol of {@link FolderLocks}:
 * every INBOX row is write-locked first, in ascending id order, before anything of it is read.
 */
final class DeliveryWriter {
    /**
     * A recipient's INBOX and the quota that applies to the recipient (nulls: unlimited).
     *
     * @param address the address mail was sent to: the mailbox's own or one of its aliases
     * @param account the mailbox's own address
     */
    record Target(long folderId, String address, String account, Long quotaBytes, Long quotaMessages) {
        boolean limited() {
            return quotaBytes != null || quotaMessages != null;
        }

        /** Whether one more message of {@code size} bytes takes a mailbox with this {messages, bytes} usage past its quota. */
        boolean exceededBy(long[] used, long size) {
            return exceededBy(used, 1, size);
        }

        /** Whether {@code messages} more messages of {@code bytes} in all take the mailbox past its quota. */
        boolean exceededBy(long[] used, long messages, long bytes) {
            return quotaMessages != null && used[0] + messages > quotaMessages || quotaBytes != null && used[1] + bytes > quotaBytes;
        }
    }

    private final Connection connection;
    /** Per folder locked by {@link #lockFolders}: the modification sequence of this change. */
    private final Map<Long, Long> modseqs = new HashMap<>();

    DeliveryWriter(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /**
     * The INBOXes of {@code addresses} that exist, by mailbox address or alias (V15), in
     * ascending folder id: the lock order. An alias and its mailbox give two targets of one folder.
     */
    List<Target> targets(Collection<String> addresses) throws SQLException {
        List<String> distinct = addresses.stream().distinct().toList();
        List<Target> targets = new ArrayList<>();
        // A fixed join order: one mailbox by its unique address, then its INBOX by the
        // (MAILBOX_ID, NAME) index; HSQLDB otherwise scans every folder.
        readTargets(distinct, "SELECT f.ID, b.ADDRESS, b.ADDRESS, "
                + "COALESCE(b.QUOTA_BYTES, d.QUOTA_BYTES), COALESCE(b.QUOTA_MESSAGES, d.QUOTA_MESSAGES) "
                + "FROM MAILBOX b JOIN MAIL_FOLDER f ON f.MAILBOX_ID = b.ID AND f.NAME = ? "
                + "JOIN MAIL_DOMAIN d ON d.ID = b.DOMAIN_ID WHERE b.ADDRESS IN (", targets);
        if (targets.size() < distinct.size()) { // only then: most mail goes to mailboxes' own addresses
            Set<String> found = new HashSet<>();
            targets.forEach(t -> found.add(t.address()));
            readTargets(distinct.stream().filter(a -> !found.contains(a)).toList(), "SELECT f.ID, a.ADDRESS, b.ADDRESS, "
                    + "COALESCE(b.QUOTA_BYTES, d.QUOTA_BYTES), COALESCE(b.QUOTA_MESSAGES, d.QUOTA_MESSAGES) "
                    + "FROM MAIL_ALIAS a JOIN MAILBOX b ON b.ID = a.MAILBOX_ID "
                    + "JOIN MAIL_FOLDER f ON f.MAILBOX_ID = b.ID AND f.NAME = ? "
                    + "JOIN MAIL_DOMAIN d ON d.ID = b.DOMAIN_ID WHERE a.ADDRESS IN (", targets);
        }
        targets.sort((a, b) -> Long.compare(a.folderId(), b.folderId()));
        return targets;
    }

    /** Adds the targets a query finds; it ends with "IN (" and takes the INBOX name first. */
    private void readTargets(List<String> addresses, String queryUpToIn, List<Target> into) throws SQLException {
        for (List<String> part : Chunks.of(addresses)) {
            try (PreparedStatement s = connection.prepareStatement(queryUpToIn + Chunks.placeholders(part.size()) + ")")) {
                s.setString(1, Folder.INBOX);
                for (int i = 0; i < part.size(); i++) {
                    s.setString(i + 2, part.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        into.add(new Target(r.getLong(1), r.getString(2), r.getString(3), longOrNull(r, 4), longOrNull(r, 5)));
                    }
                }
            }
        }
    }

    /**
     * Write-locks the folders (call with ids ascending) and returns each one's next UID.
     * @throws ServiceException when one of them is gone
     */
    Map<Long, Long> lockFolders(List<Long> folderIds) throws SQLException {
        if (folderIds.isEmpty()) {
            return new HashMap<>(); // a message for remote recipients only
        }
        // One JDBC batch: the database runs its statements in order, so the locks are still taken
        // in ascending id order, and a client-server database gets them in one round trip.
        // The lock is the change's modification sequence too (RFC 7162): every caller adds messages.
        try (PreparedStatement lock = connection.prepareStatement(
                "UPDATE MAIL_FOLDER SET HIGHEST_MODSEQ = HIGHEST_MODSEQ + 1 WHERE ID = ?")) {
            for (long id : folderIds) {
                lock.setLong(1, id);
                lock.addBatch();
            }
            int[] counts = lock.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "Folder " + folderIds.get(i) + " is gone");
                }
            }
        }
        Map<Long, Long> next = new HashMap<>();
        for (List<Long> part : Chunks.of(folderIds)) {
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT ID, UID_NEXT, HIGHEST_MODSEQ FROM MAIL_FOLDER WHERE ID IN (" + Chunks.placeholders(part.size()) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    s.setLong(i + 1, part.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        next.put(r.getLong(1), r.getLong(2));
                        modseqs.put(r.getLong(1), r.getLong(3));
                    }
                }
            }
        }
        ChangeNotices.announce(connection, folderIds);
        return next;
    }

    /** The usage of the mailbox that holds {@code folderId}: {messages, bytes} over its folders. */
    long[] mailboxUsage(long folderId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT COALESCE(SUM(MESSAGE_COUNT), 0), "
                + "COALESCE(SUM(TOTAL_BYTES), 0) FROM MAIL_FOLDER WHERE MAILBOX_ID = "
                + "(SELECT MAILBOX_ID FROM MAIL_FOLDER WHERE ID = ?)")) {
            s.setLong(1, folderId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new long[] {r.getLong(1), r.getLong(2)};
            }
        }
    }

    /** A message row to insert: a copy of body {@code bodyId} in a folder under a UID. */
    record MessageRow(long folderId, long uid, long bodyId, long size, long internalDate, Set<String> flags) {
        MessageRow(long folderId, long uid, long bodyId, long size, long internalDate) {
            this(folderId, uid, bodyId, size, internalDate, Set.of());
        }
    }

    /** Inserts one body row per content, each referenced {@code references} times, and its chunks. */
    long[] storeBodies(List<MessageContent> contents, List<Integer> references, long now) throws SQLException {
        long[] ids = new long[contents.size()];
        if (contents.isEmpty()) {
            return ids;
        }
        try (PreparedStatement body = connection.prepareStatement(
                "INSERT INTO MAIL_BODY (BODY_SIZE, REF_COUNT, CREATED_AT, HEADER_DATA, STRUCTURE) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < contents.size(); i++) {
                MessageContent content = contents.get(i);
                body.setLong(1, content.size());
                body.setInt(2, references.get(i));
                body.setLong(3, now);
                body.setBytes(4, fitting(content.header()));
                body.setBytes(5, content.structure() == null ? null : fitting(content.structure().encode()));
                body.addBatch();
            }
            body.executeBatch();
            try (ResultSet keys = body.getGeneratedKeys()) {
                for (int i = 0; i < ids.length; i++) {
                    keys.next(); // in batch order; PostgreSQL returns whole rows, ID first
                    ids[i] = keys.getLong(1);
                }
            }
        }
        try (PreparedStatement chunks = connection.prepareStatement(
                "INSERT INTO MAIL_BODY_CHUNK (BODY_ID, SEQ, DATA) VALUES (?, ?, ?)")) {
            int batched = 0;
            for (int i = 0; i < contents.size(); i++) {
                MessageContent content = contents.get(i);
                if (content.size() > BodyStore.CHUNK_SIZE && batched > 0) {
                    chunks.executeBatch(); // before single executions of the same statement
                    batched = 0;
                }
                long written = 0;
                try (InputStream in = content.open()) {
                    int seq = 0;
                    byte[] chunk;
                    while ((chunk = in.readNBytes(BodyStore.CHUNK_SIZE)).length > 0) {
                        chunks.setLong(1, ids[i]);
                        chunks.setInt(2, seq++);
                        chunks.setBytes(3, chunk);
                        written += chunk.length;
                        if (content.size() > BodyStore.CHUNK_SIZE) {
                            chunks.executeUpdate(); // a large message: one chunk in memory at a time
                        } else {
                            chunks.addBatch();
                            batched++;
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read the message being stored", e);
                }
                if (written != content.size()) {
                    throw new IllegalStateException("Message content was " + written + " bytes, announced " + content.size());
                }
            }
            if (batched > 0) {
                chunks.executeBatch();
            }
        }
        return ids;
    }

    /** The modification sequence of this change in a folder {@link #lockFolders} locked. */
    long modseq(long folderId) {
        Long modseq = modseqs.get(folderId);
        if (modseq == null) {
            throw new IllegalStateException("Folder " + folderId + " was not locked for this change");
        }
        return modseq;
    }

    /** The bytes, or null when they exceed a column (a chunk's size); readers then use the content. */
    private static byte[] fitting(byte[] bytes) {
        return bytes == null || bytes.length > BodyStore.CHUNK_SIZE ? null : bytes;
    }

    /** Inserts the message rows and adds them to their folders' UIDNEXT and usage counters. */
    void storeMessages(List<MessageRow> rows) throws SQLException {
        Map<Long, long[]> perFolder = new HashMap<>(); // folder -> {highest uid, count, bytes}
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO MAIL_MESSAGE (FOLDER_ID, UID, BODY_ID, "
                + "INTERNAL_DATE, MESSAGE_SIZE, SEEN, ANSWERED, FLAGGED, DELETED, DRAFT, KEYWORDS, MODSEQ) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (MessageRow row : rows) {
                insert.setLong(1, row.folderId());
                insert.setLong(2, row.uid());
                insert.setLong(3, row.bodyId());
                insert.setLong(4, row.internalDate());
                insert.setLong(5, row.size());
                insert.setBoolean(6, row.flags().contains(StoredMessage.SEEN));
                insert.setBoolean(7, row.flags().contains(StoredMessage.ANSWERED));
                insert.setBoolean(8, row.flags().contains(StoredMessage.FLAGGED));
                insert.setBoolean(9, row.flags().contains(StoredMessage.DELETED_FLAG));
                insert.setBoolean(10, row.flags().contains(StoredMessage.DRAFT));
                insert.setString(11, StoredMessage.keywords(row.flags()));
                insert.setLong(12, modseq(row.folderId()));
                insert.addBatch();
                long[] f = perFolder.computeIfAbsent(row.folderId(), k -> new long[3]);
                f[0] = Math.max(f[0], row.uid());
                f[1]++;
                f[2] += row.size();
            }
            if (!rows.isEmpty()) {
                insert.executeBatch();
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE MAIL_FOLDER SET UID_NEXT = ?, "
                + "MESSAGE_COUNT = MESSAGE_COUNT + ?, TOTAL_BYTES = TOTAL_BYTES + ? WHERE ID = ?")) {
            for (Map.Entry<Long, long[]> e : perFolder.entrySet()) {
                update.setLong(1, e.getValue()[0] + 1);
                update.setLong(2, e.getValue()[1]);
                update.setLong(3, e.getValue()[2]);
                update.setLong(4, e.getKey());
                update.addBatch();
            }
            if (!perFolder.isEmpty()) {
                update.executeBatch();
            }
        }
    }

    private static Long longOrNull(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }
}
