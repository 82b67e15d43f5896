package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.libertymail.adapter.api.Envelope;
import org.libertymail.adapter.api.EnvelopeRecipient;

/**
 * The outbound queue's rows (V16), written with plain JDBC inside the caller's transaction: a
 * delivery queues its remote recipients in the same transaction that stores its local copies,
 * so SMTP's 250 covers both.
 */
final class OutboundRows {
    static final String QUEUED = "QUEUED";
    static final String INFLIGHT = "INFLIGHT";
    static final String DEFERRED = "DEFERRED";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";

    private final Connection connection;

    OutboundRows(Connection connection) {
        this.connection = connection;
    }

    /**
     * Queues one message: a row for it and one per recipient of {@code recipients}.
     *
     * @param local per recipient, whether its domain is hosted here (reports only)
     * @param deliveredLocally recipients already delivered here that asked for a success report
     * @return the message's id
     */
    long enqueue(long bodyId, Envelope envelope, List<EnvelopeRecipient> recipients, List<Boolean> local,
            List<EnvelopeRecipient> deliveredLocally, long size, boolean report, long now, long expiresAt) throws SQLException {
        long id;
        try (PreparedStatement m = connection.prepareStatement("INSERT INTO OUTBOUND_MESSAGE (BODY_ID, REVERSE_PATH, ENVID, RET, "
                + "SUBMITTER, IS_REPORT, CREATED_AT, EXPIRES_AT, MESSAGE_SIZE) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            m.setLong(1, bodyId);
            m.setString(2, envelope.reversePath());
            m.setString(3, envelope.envid());
            m.setString(4, envelope.ret());
            m.setString(5, envelope.submitter());
            m.setBoolean(6, report);
            m.setLong(7, now);
            m.setLong(8, expiresAt);
            m.setLong(9, size);
            m.executeUpdate();
            try (ResultSet keys = m.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement r = connection.prepareStatement("INSERT INTO OUTBOUND_RECIPIENT (MESSAGE_ID, ADDRESS, RCPT_DOMAIN, "
                + "IS_LOCAL, NOTIFY, ORCPT, STATE, NEXT_ATTEMPT_AT, LAST_CODE, LAST_ERROR) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < recipients.size(); i++) {
                add(r, id, recipients.get(i), local.get(i), QUEUED, now, null);
            }
            // Delivered here already; kept so the sender gets the success report it asked for.
            for (EnvelopeRecipient d : deliveredLocally) {
                add(r, id, d, true, DELIVERED, now, "delivered to the mailbox");
            }
            if (!recipients.isEmpty() || !deliveredLocally.isEmpty()) {
                r.executeBatch();
            }
        }
        return id;
    }

    private static void add(PreparedStatement r, long messageId, EnvelopeRecipient rcpt, boolean local, String state, long now,
            String note) throws SQLException {
        r.setLong(1, messageId);
        r.setString(2, rcpt.address());
        r.setString(3, domainOf(rcpt.address()));
        r.setBoolean(4, local);
        r.setString(5, rcpt.notifyOn());
        r.setString(6, rcpt.orcpt());
        r.setString(7, state);
        r.setLong(8, now);
        if (note == null) {
            r.setNull(9, Types.INTEGER);
        } else {
            r.setInt(9, 250);
        }
        r.setString(10, note);
        r.addBatch();
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        String d = at < 0 ? "" : address.substring(at + 1);
        String normalized = Addresses.domain(d);
        return normalized == null ? d.toLowerCase(java.util.Locale.ROOT) : normalized;
    }

    /** A recipient row as the queue works with it. */
    record Row(long id, long messageId, String address, String domain, boolean local, String notifyOn, String orcpt,
            String state, int attempts, long nextAttemptAt, Integer lastCode, String lastError, String remoteHost,
            boolean delayNotified) {
        EnvelopeRecipient recipient() {
            return new EnvelopeRecipient(address, !local, notifyOn, orcpt);
        }
    }

    static final String ROW_COLUMNS = "r.ID, r.MESSAGE_ID, r.ADDRESS, r.RCPT_DOMAIN, r.IS_LOCAL, r.NOTIFY, r.ORCPT, r.STATE, "
            + "r.ATTEMPTS, r.NEXT_ATTEMPT_AT, r.LAST_CODE, r.LAST_ERROR, r.REMOTE_HOST, r.DELAY_NOTIFIED";

    static Row row(ResultSet rs) throws SQLException {
        int code = rs.getInt(11);
        Integer lastCode = rs.wasNull() ? null : code;
        return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getInt(9), rs.getLong(10), lastCode, rs.getString(12), rs.getString(13),
                rs.getBoolean(14));
    }

    List<Row> rows(String whereAndOrder, Object... parameters) throws SQLException {
        return rows(0, whereAndOrder, parameters);
    }

    /** @param maxRows at most this many (0: all) */
    List<Row> rows(int maxRows, String whereAndOrder, Object... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + ROW_COLUMNS + " FROM OUTBOUND_RECIPIENT r "
                + whereAndOrder)) {
            s.setMaxRows(maxRows);
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        }
    }

    /** Deletes queued messages (rows of ID and BODY_ID) with their recipients, and releases their bodies. */
    static int remove(jakarta.persistence.EntityManager em, BodyStore bodies, List<?> rows) {
        List<Long> bodyIds = new ArrayList<>();
        for (Object row : rows) {
            Object[] cols = (Object[]) row;
            em.createNativeQuery("DELETE FROM OUTBOUND_MESSAGE WHERE ID = ?").setParameter(1, ((Number) cols[0]).longValue())
                    .executeUpdate();
            bodyIds.add(((Number) cols[1]).longValue());
        }
        if (!bodyIds.isEmpty()) {
            bodies.release(bodyIds);
        }
        return rows.size();
    }
}
