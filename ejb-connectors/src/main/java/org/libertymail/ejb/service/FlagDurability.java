package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/**
 * Flag changes commit without waiting for the disk on PostgreSQL (synchronous_commit off for
 * that transaction only): a crash can lose the last fraction of a second of flag changes, never
 * a message, which every delivery still commits durably. Dovecot does not sync flag changes
 * either. HSQLDB has no such per-transaction setting, so there every commit is synced.
 */
final class FlagDurability {
    private FlagDurability() {
    }

    /** Call first in the transaction that changes flags. */
    static void relax(EntityManager em) {
        Connection connection = em.unwrap(Connection.class);
        try {
            if (Databases.isPostgresql(connection)) {
                try (Statement s = connection.createStatement()) {
                    s.execute("SET LOCAL synchronous_commit TO OFF");
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }
}
