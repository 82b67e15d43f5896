package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/**
 * The statements that serialize writers of one folder. Each takes the folder row's write lock
 * with an UPDATE before the transaction reads anything of the folder, so no transaction ever
 * holds a read lock it must upgrade (the deadlock of lock-then-increment) and MVCC readers never
 * hand out the same UID twice. Callers that lock several folders do so in ascending id order.
 */
final class FolderLocks {
    private FolderLocks() {
    }

    /** Takes the folder's write lock without changing it. @return false if it does not exist */
    static boolean lock(EntityManager em, long folderId) {
        return em.createNativeQuery("UPDATE MAIL_FOLDER SET UID_NEXT = UID_NEXT WHERE ID = ?")
                .setParameter(1, folderId).executeUpdate() == 1;
    }

    /**
     * Takes the folder's write lock for a change to its messages and gives the change its
     * modification sequence (RFC 7162). @return the new HIGHEST_MODSEQ, or -1 if the folder is gone
     */
    static long change(EntityManager em, long folderId) {
        Connection connection = em.unwrap(Connection.class);
        try {
            if (Databases.isPostgresql(connection)) {
                return changeOnPostgresql(connection, folderId);
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
        if (em.createNativeQuery("UPDATE MAIL_FOLDER SET HIGHEST_MODSEQ = HIGHEST_MODSEQ + 1 WHERE ID = ?")
                .setParameter(1, folderId).executeUpdate() != 1) {
            return -1;
        }
        return ((Number) em.createNativeQuery("SELECT HIGHEST_MODSEQ FROM MAIL_FOLDER WHERE ID = ?")
                .setParameter(1, folderId).getSingleResult()).longValue();
    }

    /** The same in one round trip, with the owner to tell the other servers of ({@link ChangeNotices}). */
    private static long changeOnPostgresql(Connection connection, long folderId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE MAIL_FOLDER f SET HIGHEST_MODSEQ = HIGHEST_MODSEQ + 1 "
                + "WHERE ID = ? RETURNING HIGHEST_MODSEQ, (SELECT b.ADDRESS FROM MAILBOX b WHERE b.ID = f.MAILBOX_ID)")) {
            s.setLong(1, folderId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return -1;
                }
                ChangeNotices.afterCommit(List.of(r.getString(2)));
                return r.getLong(1);
            }
        }
    }

    /** Records that {@code uids} left the folder with modification {@code modseq} (MAIL_CHANGE). */
    static void expunged(Connection connection, long folderId, List<Long> uids, long modseq) throws SQLException {
        journal(connection, folderId, uids, modseq, true);
    }

    /** Records that {@code uids} were added to the folder or changed with modification {@code modseq}. */
    static void changed(Connection connection, long folderId, List<Long> uids, long modseq) throws SQLException {
        journal(connection, folderId, uids, modseq, false);
    }

    private static void journal(Connection connection, long folderId, List<Long> uids, long modseq, boolean expunged)
            throws SQLException {
        if (uids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO MAIL_CHANGE (FOLDER_ID, MODSEQ, UID, EXPUNGED) VALUES (?, ?, ?, ?)")) {
            for (long uid : uids) {
                s.setLong(1, folderId);
                s.setLong(2, modseq);
                s.setLong(3, uid);
                s.setBoolean(4, expunged);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Takes {@code messages} and {@code bytes} off the folder's usage; call with the row locked. */
    static void subtract(EntityManager em, long folderId, long messages, long bytes) {
        em.createNativeQuery("UPDATE MAIL_FOLDER SET MESSAGE_COUNT = MESSAGE_COUNT - ?, TOTAL_BYTES = TOTAL_BYTES - ? "
                        + "WHERE ID = ?")
                .setParameter(1, messages).setParameter(2, bytes).setParameter(3, folderId).executeUpdate();
    }
}
