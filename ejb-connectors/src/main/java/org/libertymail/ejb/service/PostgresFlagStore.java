package org.libertymail.ejb.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.libertymail.adapter.api.FlagOperation;
import org.libertymail.adapter.api.FlagUpdate;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.ejb.store.StoredMessage;

/**
 * STORE on PostgreSQL in three round trips, where the entity path took six: one statement finds
 * the folder by name, takes its row lock and next modification sequence, relaxes the commit and
 * reads the messages; one batch writes each changed message with its MAIL_CHANGE journal row;
 * then the commit. A single STORE is little more than its round trips, so they set its rate.
 * The commit does not wait for the disk ({@code set_config(..., true)} is SET LOCAL
 * synchronous_commit): a crash can lose the last fraction of a second of flag changes, never a
 * message, which every delivery still commits durably; Dovecot does not sync flag changes
 * either. (HSQLDB has no per-transaction setting; there {@link MessageStore#storeFlags} takes
 * the entity path and every commit is synced.)
 */
final class PostgresFlagStore {
    private PostgresFlagStore() {
    }

    static FlagUpdate store(EntityManager em, String account, String name, Collection<Long> uids, FlagOperation operation,
            Set<String> flags, long unchangedSince) {
        Connection connection = em.unwrap(Connection.class);
        List<MessageSummary> result = new ArrayList<>();
        List<Long> modified = new ArrayList<>();
        try (PreparedStatement read = connection.prepareStatement(
                "WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true) AS setting), "
                + "changing AS (UPDATE MAIL_FOLDER f SET HIGHEST_MODSEQ = f.HIGHEST_MODSEQ + 1 FROM MAILBOX b, relaxed "
                + "WHERE b.ID = f.MAILBOX_ID AND b.ADDRESS = ? AND f.NAME = ? RETURNING f.ID, f.HIGHEST_MODSEQ, b.ADDRESS) "
                + "SELECT c.ID, c.HIGHEST_MODSEQ, c.ADDRESS, m.UID, m.ANSWERED, m.FLAGGED, m.DELETED, m.SEEN, m.DRAFT, "
                + "m.KEYWORDS, m.MESSAGE_SIZE, m.INTERNAL_DATE, m.MODSEQ FROM changing c "
                // one UID (the usual single STORE) as a plain parameter: PostgreSQL then keeps one
                // generic plan, where an array makes it plan the statement anew at every call
                + "LEFT JOIN MAIL_MESSAGE m ON m.FOLDER_ID = c.ID AND m.UID " + (uids.size() == 1 ? "= ?" : "= ANY (?)")
                + " ORDER BY m.UID")) {
            read.setString(1, account);
            read.setString(2, name);
            Array wanted = uids.size() == 1 ? null : connection.createArrayOf("bigint", uids.toArray());
            if (wanted == null) {
                read.setLong(3, uids.iterator().next());
            } else {
                read.setArray(3, wanted);
            }
            long folderId = -1;
            long modseq = -1;
            List<MessageSummary> changed = new ArrayList<>();
            try (ResultSet row = read.executeQuery()) {
                while (row.next()) {
                    if (folderId < 0) {
                        folderId = row.getLong(1);
                        modseq = row.getLong(2);
                        ChangeNotices.afterCommit(List.of(row.getString(3)));
                    }
                    long uid = row.getLong(4);
                    if (row.wasNull()) {
                        continue; // none of the UIDs is in the folder
                    }
                    Set<String> current = StoredMessage.flags(row.getBoolean(5), row.getBoolean(6), row.getBoolean(7),
                            row.getBoolean(8), row.getBoolean(9), row.getString(10));
                    long size = row.getLong(11);
                    Instant date = Instant.ofEpochMilli(row.getLong(12));
                    long messageModseq = row.getLong(13);
                    if (messageModseq > unchangedSince) {
                        modified.add(uid); // changed since the client looked: left alone (RFC 7162 3.1.3)
                        result.add(new MessageSummary(uid, current, size, date, messageModseq));
                        continue;
                    }
                    Set<String> updated = FlagChanges.apply(operation, current, flags);
                    if (updated.equals(current)) {
                        result.add(new MessageSummary(uid, current, size, date, messageModseq));
                    } else {
                        MessageSummary now = new MessageSummary(uid, updated, size, date, modseq);
                        changed.add(now);
                        result.add(now);
                    }
                }
            }
            if (wanted != null) {
                wanted.free();
            }
            write(connection, folderId, modseq, changed);
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
        modified.sort(null);
        return new FlagUpdate(result, modified);
    }

    /** The changed messages' flags and modseq, each with its journal row, in one batch. */
    private static void write(Connection connection, long folderId, long modseq, List<MessageSummary> changed)
            throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("WITH u AS (UPDATE MAIL_MESSAGE SET ANSWERED = ?, FLAGGED = ?, "
                + "DELETED = ?, SEEN = ?, DRAFT = ?, KEYWORDS = ?, MODSEQ = ? WHERE FOLDER_ID = ? AND UID = ? "
                + "RETURNING FOLDER_ID, UID) INSERT INTO MAIL_CHANGE (FOLDER_ID, MODSEQ, UID, EXPUNGED) "
                + "SELECT FOLDER_ID, ?, UID, FALSE FROM u")) {
            for (MessageSummary m : changed) {
                Set<String> f = m.flags();
                s.setBoolean(1, f.contains(StoredMessage.ANSWERED));
                s.setBoolean(2, f.contains(StoredMessage.FLAGGED));
                s.setBoolean(3, f.contains(StoredMessage.DELETED_FLAG));
                s.setBoolean(4, f.contains(StoredMessage.SEEN));
                s.setBoolean(5, f.contains(StoredMessage.DRAFT));
                s.setString(6, StoredMessage.keywords(f));
                s.setLong(7, modseq);
                s.setLong(8, folderId);
                s.setLong(9, m.uid());
                s.setLong(10, modseq);
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
