package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * On PostgreSQL, every change to a folder's messages also tells the other servers on the same
 * database whose mail changed (NOTIFY on {@link #CHANNEL}, sent by PostgreSQL at commit and
 * only then), so that their IDLE sessions hear of it as this server's do ({@link ChangeFeed}
 * listens). The payload is this server's id and the owner's address (or #public), so a server
 * skips its own notices: it has woken its sessions already. Both chokepoints of a change call
 * this: {@link FolderLocks#change} and {@link DeliveryWriter#lockFolders}.
 */
final class ChangeNotices {
    static final String CHANNEL = "libertymail_changes";
    /** This server's id in its notices. */
    static final String SERVER = UUID.randomUUID().toString();

    private ChangeNotices() {
    }

    /** Call in the transaction that changes the folders. */
    static void announce(Connection connection, Collection<Long> folderIds) throws SQLException {
        if (folderIds.isEmpty() || !Databases.isPostgresql(connection)) {
            return;
        }
        for (List<Long> part : Chunks.of(folderIds.stream().distinct().toList())) {
            // PostgreSQL drops identical notices of one transaction, so an account is told once.
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ? || ' ' || b.ADDRESS) "
                    + "FROM MAIL_FOLDER f JOIN MAILBOX b ON b.ID = f.MAILBOX_ID WHERE f.ID IN (" + Chunks.placeholders(part.size()) + ")")) {
                s.setString(1, SERVER);
                for (int i = 0; i < part.size(); i++) {
                    s.setLong(i + 2, part.get(i));
                }
                s.executeQuery().close();
            }
        }
    }
}
