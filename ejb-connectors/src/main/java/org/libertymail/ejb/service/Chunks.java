package org.libertymail.ejb.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;

/** Splits id batches so that no SQL IN list grows without bound. */
final class Chunks {
    static final int SIZE = 500;

    private Chunks() {
    }

    static <T> List<List<T>> of(Collection<T> values) {
        List<T> all = new ArrayList<>(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += SIZE) {
            chunks.add(all.subList(i, Math.min(all.size(), i + SIZE)));
        }
        return chunks;
    }

    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Reads one row of a {@link #select}. */
    interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /**
     * Runs {@code sqlUpToIn + "?, ?, …)" + rest} for {@code values} (one chunk) over the
     * transaction's JDBC connection. Not a native query: EclipseLink finds each positional
     * parameter by a linear search, so binding 500 of them cost more than the query itself.
     * Only for reads of rows this transaction has not changed through the entity manager
     * (nothing is flushed first).
     */
    static void select(EntityManager em, String sqlUpToIn, List<Long> values, String rest, RowReader reader) {
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement s = connection.prepareStatement(sqlUpToIn + placeholders(values.size()) + ")" + rest)) {
            for (int i = 0; i < values.size(); i++) {
                s.setLong(i + 1, values.get(i));
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    /** Binds {@code values} to the positional parameters 1..n of a native query. */
    static Query bind(Query query, List<Long> values) {
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query;
    }
}
