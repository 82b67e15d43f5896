package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * On PostgreSQL, the changes to folders' messages that this server commits are told to the
 * other servers on the same database: the accounts whose mail changed (or #public) are collected
 * during the transaction and, once it has committed, queued for {@link ChangeFeed}, which sends
 * them as NOTIFY on {@link #CHANNEL} from a connection of its own. Not in the changing transaction
 * itself: PostgreSQL serializes the commits of all transactions that NOTIFY, which halved the
 * delivery rate of concurrent sessions. The payload is this server's id and the account, so a
 * server skips its own notices. Both chokepoints of a change call this:
 * {@link FolderLocks#change} (and {@link PostgresFlagStore}, which does its work in one statement)
 * and {@link DeliveryWriter#lockFolders}.
 */
final class ChangeNotices {
    static final String CHANNEL = "libertymail_changes";
    /** This server's id in its notices. */
    static final String SERVER = UUID.randomUUID().toString();
    /** Accounts whose committed changes are still to be told; drained by {@link ChangeFeed}. */
    static final BlockingQueue<String> COMMITTED = new LinkedBlockingQueue<>(100_000);
    private static final Object KEY = ChangeNotices.class;
    private static volatile TransactionSynchronizationRegistry registry;

    private ChangeNotices() {
    }

    /** The owners of the folders, told after the commit. Call in the transaction that changes them. */
    static void announce(Connection connection, Collection<Long> folderIds) throws SQLException {
        if (folderIds.isEmpty() || !Databases.isPostgresql(connection)) {
            return;
        }
        Set<String> accounts = new TreeSet<>();
        for (List<Long> part : Chunks.of(folderIds.stream().distinct().toList())) {
            try (PreparedStatement s = connection.prepareStatement("SELECT b.ADDRESS FROM MAIL_FOLDER f JOIN MAILBOX b "
                    + "ON b.ID = f.MAILBOX_ID WHERE f.ID IN (" + Chunks.placeholders(part.size()) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    s.setLong(i + 1, part.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        accounts.add(r.getString(1));
                    }
                }
            }
        }
        afterCommit(accounts);
    }

    /** The account's change, told after the commit (on PostgreSQL). */
    static void afterCommit(Collection<String> accounts) {
        TransactionSynchronizationRegistry transactions = registry();
        if (transactions == null || accounts.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> pending = (Set<String>) transactions.getResource(KEY);
        if (pending == null) {
            Set<String> mine = new TreeSet<>();
            pending = mine;
            transactions.putResource(KEY, mine);
            // a full queue drops notices: IDLE clients of other servers then learn at their next command
            AfterCommit.run(transactions, () -> mine.forEach(COMMITTED::offer));
        }
        pending.addAll(accounts);
    }

    private static TransactionSynchronizationRegistry registry() {
        TransactionSynchronizationRegistry r = registry;
        if (r == null) {
            try {
                r = InitialContext.doLookup("java:comp/TransactionSynchronizationRegistry");
                registry = r;
            } catch (NamingException e) {
                return null;
            }
        }
        return r;
    }
}
