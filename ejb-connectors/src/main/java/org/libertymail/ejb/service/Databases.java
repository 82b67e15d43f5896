package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/** Which database the store runs on, for the few things only PostgreSQL offers. */
final class Databases {
    private static volatile Boolean postgresql;

    private Databases() {
    }

    static boolean isPostgresql(EntityManager em) {
        try {
            return isPostgresql(em.unwrap(Connection.class));
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    static boolean isPostgresql(Connection connection) throws SQLException {
        Boolean known = postgresql;
        if (known == null) {
            known = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            postgresql = known;
        }
        return known;
    }
}
