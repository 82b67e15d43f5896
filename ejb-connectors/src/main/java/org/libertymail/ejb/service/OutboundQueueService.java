package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.libertymail.adapter.api.Envelope;
import org.libertymail.adapter.api.EnvelopeRecipient;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.RecipientOutcome;
import org.libertymail.adapter.mime.DeliveryStatusReport;
import org.libertymail.adapter.mime.MessageAnalyzer;

/**
 * The outbound queue in the store: claiming due recipients (safely between several servers),
 * recording what each attempt did, retrying with backoff until the message expires, and
 * queueing the delivery status notifications its senders are owed. Each public method is one
 * transaction; nothing here talks to the network ({@link OutboundDispatcher} does).
 */
@Stateless
public class OutboundQueueService {
    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    @Inject
    OutboundSettings settings;

    @Inject
    BodyStore bodies;

    @EJB
    DomainService domains;

    /** Recipients claimed for one destination, with their messages' envelopes. */
    public record Batch(String domain, boolean local, List<QueuedMessage> messages) {
    }

    /** One message of a batch and the claimed recipients it has for the destination. */
    public record QueuedMessage(long id, long bodyId, String reversePath, String envid, String ret, long size,
            List<Long> recipientIds, List<EnvelopeRecipient> recipients) {
    }

    /**
     * Claims the recipients that are due (or whose claim by a server lapsed) for this server,
     * one destination at a time, leaving out destinations in {@code busy} or suspended.
     */
    public List<Batch> claimDue(String server, Set<String> busy, int maxDestinations, int maxMessagesPerDestination) {
        long now = System.currentTimeMillis();
        try {
            Connection c = connection();
            OutboundRows rows = new OutboundRows(c);
            List<OutboundRows.Row> due = rows.rows("WHERE ((r.STATE IN ('QUEUED', 'DEFERRED') AND r.NEXT_ATTEMPT_AT <= ?) "
                    + "OR (r.STATE = 'INFLIGHT' AND r.CLAIMED_UNTIL < ?)) "
                    + "AND r.RCPT_DOMAIN NOT IN (SELECT DESTINATION FROM OUTBOUND_SUSPENDED) ORDER BY r.NEXT_ATTEMPT_AT, r.ID", now, now);
            Map<String, List<OutboundRows.Row>> byDestination = new LinkedHashMap<>();
            for (OutboundRows.Row r : due) {
                String key = (r.local() ? "local:" : "") + r.domain();
                if (busy.contains(key) || !byDestination.containsKey(key) && byDestination.size() >= maxDestinations) {
                    continue;
                }
                List<OutboundRows.Row> list = byDestination.computeIfAbsent(key, k -> new ArrayList<>());
                if (list.stream().map(OutboundRows.Row::messageId).distinct().count() < maxMessagesPerDestination
                        || list.stream().anyMatch(x -> x.messageId() == r.messageId())) {
                    list.add(r);
                }
            }
            long lease = now + Math.max(10L * 60_000L, settings.timeoutSeconds() * 4000L);
            List<Batch> batches = new ArrayList<>();
            try (PreparedStatement claim = c.prepareStatement("UPDATE OUTBOUND_RECIPIENT SET STATE = 'INFLIGHT', CLAIMED_BY = ?, "
                    + "CLAIMED_UNTIL = ? WHERE ID = ? AND ((STATE IN ('QUEUED', 'DEFERRED') AND NEXT_ATTEMPT_AT <= ?) "
                    + "OR (STATE = 'INFLIGHT' AND CLAIMED_UNTIL < ?))")) {
                for (Map.Entry<String, List<OutboundRows.Row>> e : byDestination.entrySet()) {
                    List<OutboundRows.Row> claimed = new ArrayList<>();
                    for (OutboundRows.Row r : e.getValue()) {
                        claim.setString(1, server);
                        claim.setLong(2, lease);
                        claim.setLong(3, r.id());
                        claim.setLong(4, now);
                        claim.setLong(5, now);
                        if (claim.executeUpdate() == 1) { // another server may have taken it first
                            claimed.add(r);
                        }
                    }
                    if (!claimed.isEmpty()) {
                        batches.add(new Batch(claimed.get(0).domain(), claimed.get(0).local(), messages(c, claimed)));
                    }
                }
            }
            return batches;
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    /**
     * Makes what this server had claimed due again: called as it starts, when nothing of its own
     * can be in flight (a stop or crash interrupted those attempts). A message the remote side
     * had accepted just before may be sent twice; none is lost.
     */
    public int releaseClaims(String server) {
        return em.createNativeQuery("UPDATE OUTBOUND_RECIPIENT SET STATE = 'DEFERRED', NEXT_ATTEMPT_AT = ?, CLAIMED_BY = NULL, "
                + "CLAIMED_UNTIL = NULL WHERE STATE = 'INFLIGHT' AND CLAIMED_BY = ?").setParameter(1, System.currentTimeMillis())
                .setParameter(2, server).executeUpdate();
    }

    private static List<QueuedMessage> messages(Connection c, List<OutboundRows.Row> claimed) throws SQLException {
        Map<Long, List<OutboundRows.Row>> byMessage = new LinkedHashMap<>();
        claimed.forEach(r -> byMessage.computeIfAbsent(r.messageId(), k -> new ArrayList<>()).add(r));
        List<QueuedMessage> messages = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT BODY_ID, REVERSE_PATH, ENVID, RET, MESSAGE_SIZE FROM OUTBOUND_MESSAGE "
                + "WHERE ID = ?")) {
            for (Map.Entry<Long, List<OutboundRows.Row>> e : byMessage.entrySet()) {
                s.setLong(1, e.getKey());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        messages.add(new QueuedMessage(e.getKey(), rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), e.getValue().stream().map(OutboundRows.Row::id).toList(),
                                e.getValue().stream().map(OutboundRows.Row::recipient).toList()));
                    }
                }
            }
        }
        return messages;
    }

    /** The stored bytes of a queued message's body. */
    public byte[] content(long bodyId) {
        return bodies.read(List.of(bodyId)).get(bodyId);
    }

    /**
     * Records what an attempt did for each recipient: delivered, failed for good, or deferred
     * with backoff (failed once the message has expired).
     */
    public void record(List<Long> recipientIds, List<RecipientOutcome> outcomes) {
        long now = System.currentTimeMillis();
        try {
            Connection c = connection();
            try (PreparedStatement attempts = c.prepareStatement("SELECT r.ATTEMPTS, m.EXPIRES_AT FROM OUTBOUND_RECIPIENT r "
                    + "JOIN OUTBOUND_MESSAGE m ON m.ID = r.MESSAGE_ID WHERE r.ID = ?");
                    PreparedStatement update = c.prepareStatement("UPDATE OUTBOUND_RECIPIENT SET STATE = ?, ATTEMPTS = ?, "
                            + "NEXT_ATTEMPT_AT = ?, LAST_ATTEMPT_AT = ?, LAST_CODE = ?, LAST_ERROR = ?, REMOTE_HOST = ?, "
                            + "CLAIMED_BY = NULL, CLAIMED_UNTIL = NULL WHERE ID = ? AND STATE = 'INFLIGHT'")) {
                for (int i = 0; i < recipientIds.size(); i++) {
                    RecipientOutcome o = outcomes.get(i);
                    attempts.setLong(1, recipientIds.get(i));
                    int tried;
                    long expires;
                    try (ResultSet rs = attempts.executeQuery()) {
                        if (!rs.next()) {
                            continue; // deleted by an administrator meanwhile
                        }
                        tried = rs.getInt(1) + 1;
                        expires = rs.getLong(2);
                    }
                    String state;
                    String error = o.text();
                    String status = o.status() == null ? (o.permanent() ? "5.0.0" : "4.0.0") : o.status();
                    if (o.delivered()) {
                        state = OutboundRows.DELIVERED;
                    } else if (o.permanent()) {
                        state = OutboundRows.FAILED;
                    } else if (now >= expires) {
                        state = OutboundRows.FAILED;
                        error = "Gave up after " + tried + " attempts (message expired); last error: " + error;
                        status = "4.4.7";
                    } else {
                        state = OutboundRows.DEFERRED;
                    }
                    update.setString(1, state);
                    update.setInt(2, tried);
                    update.setLong(3, state.equals(OutboundRows.DEFERRED) ? now + settings.retryDelayMillis(tried) : now);
                    update.setLong(4, now);
                    update.setInt(5, o.code());
                    update.setString(6, cut(status + " " + error, 1000));
                    update.setString(7, o.remoteHost());
                    update.setLong(8, recipientIds.get(i));
                    update.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    /**
     * Queues the reports senders are owed, one per message and kind: failures (and expiries),
     * delays past the notice time, successes asked for with NOTIFY=SUCCESS. Never for the null
     * reverse-path nor for a report of our own, and never for a recipient that said NEVER.
     *
     * @return how many reports were queued
     */
    public int queueReports(String reportingMta) {
        long now = System.currentTimeMillis();
        int queued = 0;
        try {
            Connection c = connection();
            OutboundRows rows = new OutboundRows(c);
            String finals = "r.STATE IN ('FAILED', 'DELIVERED') AND r.REPORTED = FALSE";
            List<OutboundRows.Row> owed = settings.delayNotifyMillis() <= 0
                    ? rows.rows("WHERE " + finals + " ORDER BY r.MESSAGE_ID, r.ID")
                    : rows.rows("WHERE (" + finals + ") OR (r.STATE = 'DEFERRED' AND r.DELAY_NOTIFIED = FALSE AND EXISTS "
                            + "(SELECT 1 FROM OUTBOUND_MESSAGE m WHERE m.ID = r.MESSAGE_ID AND m.CREATED_AT <= ?)) "
                            + "ORDER BY r.MESSAGE_ID, r.ID", now - settings.delayNotifyMillis());
            Map<Long, List<OutboundRows.Row>> byMessage = new LinkedHashMap<>();
            owed.forEach(r -> byMessage.computeIfAbsent(r.messageId(), k -> new ArrayList<>()).add(r));
            for (Map.Entry<Long, List<OutboundRows.Row>> e : byMessage.entrySet()) {
                queued += report(c, reportingMta, e.getKey(), e.getValue(), now);
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
        return queued;
    }

    private int report(Connection c, String mta, long messageId, List<OutboundRows.Row> rows, long now) throws SQLException {
        String reversePath;
        String envid;
        String ret;
        boolean isReport;
        long bodyId;
        long created;
        long expires;
        try (PreparedStatement s = c.prepareStatement("SELECT REVERSE_PATH, ENVID, RET, IS_REPORT, BODY_ID, CREATED_AT, EXPIRES_AT "
                + "FROM OUTBOUND_MESSAGE WHERE ID = ?")) {
            s.setLong(1, messageId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                reversePath = rs.getString(1);
                envid = rs.getString(2);
                ret = rs.getString(3);
                isReport = rs.getBoolean(4);
                bodyId = rs.getLong(5);
                created = rs.getLong(6);
                expires = rs.getLong(7);
            }
        }
        int queued = 0;
        boolean nobodyToTell = reversePath.isEmpty() || isReport;
        for (DeliveryStatusReport.Action action : DeliveryStatusReport.Action.values()) {
            List<OutboundRows.Row> these = rows.stream().filter(r -> action == DeliveryStatusReport.Action.FAILED
                    ? r.state().equals(OutboundRows.FAILED) : action == DeliveryStatusReport.Action.DELIVERED
                            ? r.state().equals(OutboundRows.DELIVERED) : r.state().equals(OutboundRows.DEFERRED)).toList();
            if (these.isEmpty()) {
                continue;
            }
            String kind = switch (action) {
                case FAILED -> "FAILURE";
                case DELAYED -> "DELAY";
                case DELIVERED -> "SUCCESS";
            };
            List<OutboundRows.Row> wanted = nobodyToTell ? List.of() : these.stream().filter(r -> r.recipient().wants(kind)).toList();
            if (!wanted.isEmpty()) {
                // The whole message for a failure unless RET=HDRS; only its header otherwise (RFC 3461 4.3).
                boolean whole = action == DeliveryStatusReport.Action.FAILED && !"HDRS".equals(ret);
                byte[] original = whole ? content(bodyId) : header(bodyId);
                List<DeliveryStatusReport.Recipient> fields = wanted.stream().map(r -> new DeliveryStatusReport.Recipient(
                        r.address(), r.orcpt(), status(r), r.remoteHost(), detail(r), Instant.ofEpochMilli(now),
                        action == DeliveryStatusReport.Action.DELAYED ? Instant.ofEpochMilli(expires) : null)).toList();
                byte[] dsn = DeliveryStatusReport.build(mta, reversePath, action, envid, Instant.ofEpochMilli(created), fields,
                        original, whole, Instant.ofEpochMilli(now));
                enqueueReport(c, reversePath, dsn, now);
                queued++;
            }
            String column = action == DeliveryStatusReport.Action.DELAYED ? "DELAY_NOTIFIED" : "REPORTED";
            try (PreparedStatement mark = c.prepareStatement("UPDATE OUTBOUND_RECIPIENT SET " + column + " = TRUE WHERE ID = ?")) {
                for (OutboundRows.Row r : these) {
                    mark.setLong(1, r.id());
                    mark.addBatch();
                }
                mark.executeBatch();
            }
        }
        return queued;
    }

    private static String status(OutboundRows.Row r) {
        if (r.state().equals(OutboundRows.DELIVERED)) {
            return "2.0.0";
        }
        String e = r.lastError();
        if (e != null && e.matches("^[245]\\.[0-9]{1,3}\\.[0-9]{1,3} .*")) {
            String status = e.substring(0, e.indexOf(' '));
            return r.state().equals(OutboundRows.FAILED) && status.startsWith("4") && !status.equals("4.4.7") ? "5" + status.substring(1)
                    : status;
        }
        return r.state().equals(OutboundRows.FAILED) ? "5.0.0" : "4.0.0";
    }

    private static String detail(OutboundRows.Row r) {
        String e = r.lastError();
        return e == null ? null : e.replaceFirst("^[245]\\.[0-9]{1,3}\\.[0-9]{1,3} ", "");
    }

    private byte[] header(long bodyId) {
        return MessageAnalyzer.analyze(content(bodyId)).header();
    }

    /** A report goes to a local sender's INBOX through the queue too, so it never takes a folder lock out of order. */
    private void enqueueReport(Connection c, String to, byte[] dsn, long now) throws SQLException {
        DeliveryWriter writer = new DeliveryWriter(c);
        MessageContent content = MessageAnalyzer.analyzed(MessageContent.of(dsn));
        long bodyId = writer.storeBodies(List.of(content), List.of(1), now)[0];
        String domain = OutboundRows.domainOf(to);
        boolean local = domains.find(domain) != null;
        Envelope envelope = new Envelope("", List.of(new EnvelopeRecipient(to, !local, "NEVER", null)), null, null, null);
        new OutboundRows(c).enqueue(bodyId, envelope, envelope.recipients(), List.of(local), List.of(), dsn.length, true, now,
                now + settings.expiryMillis());
    }

    /**
     * Removes finished messages (every recipient delivered or failed, and reported) older than
     * the keep time, releasing their bodies. @return how many
     */
    public int purgeFinished() {
        long before = System.currentTimeMillis() - settings.keepMillis();
        List<?> rows = em.createNativeQuery("SELECT m.ID, m.BODY_ID FROM OUTBOUND_MESSAGE m WHERE m.CREATED_AT < ? AND NOT EXISTS "
                + "(SELECT 1 FROM OUTBOUND_RECIPIENT r WHERE r.MESSAGE_ID = m.ID AND (r.STATE NOT IN ('DELIVERED', 'FAILED') "
                + "OR r.REPORTED = FALSE))").setParameter(1, before).setMaxResults(500).getResultList();
        return remove(rows);
    }

    private int remove(List<?> rows) {
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

    // ---- administration ------------------------------------------------------------------

    /** One recipient of a queued message, as the admin API lists it. */
    public record QueueEntry(long id, long messageId, String sender, String recipient, String destination, boolean report,
            String state, int attempts, String createdAt, String nextAttemptAt, String expiresAt, Integer lastCode,
            String lastError, String remoteHost, long size) {
    }

    public record QueuePage(List<QueueEntry> items, long total) {
    }

    /** Filtered by state, destination domain and part of sender or recipient; newest first. */
    public QueuePage list(String state, String destination, String search, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (state != null) {
            where.append(" AND r.STATE = ?");
            params.add(state.toUpperCase(java.util.Locale.ROOT));
        }
        if (destination != null) {
            where.append(" AND r.RCPT_DOMAIN = ?");
            params.add(destination.toLowerCase(java.util.Locale.ROOT));
        }
        if (search != null) {
            where.append(" AND (LOWER(r.ADDRESS) LIKE ? ESCAPE '!' OR LOWER(m.REVERSE_PATH) LIKE ? ESCAPE '!')");
            String like = LikePatterns.containing(search.toLowerCase(java.util.Locale.ROOT));
            params.add(like);
            params.add(like);
        }
        String from = " FROM OUTBOUND_RECIPIENT r JOIN OUTBOUND_MESSAGE m ON m.ID = r.MESSAGE_ID" + where;
        var count = em.createNativeQuery("SELECT COUNT(*)" + from);
        var select = em.createNativeQuery("SELECT r.ID, r.MESSAGE_ID, m.REVERSE_PATH, r.ADDRESS, r.RCPT_DOMAIN, m.IS_REPORT, r.STATE, "
                + "r.ATTEMPTS, m.CREATED_AT, r.NEXT_ATTEMPT_AT, m.EXPIRES_AT, r.LAST_CODE, r.LAST_ERROR, r.REMOTE_HOST, m.MESSAGE_SIZE"
                + from + " ORDER BY r.ID DESC");
        for (int i = 0; i < params.size(); i++) {
            count.setParameter(i + 1, params.get(i));
            select.setParameter(i + 1, params.get(i));
        }
        long total = ((Number) count.getSingleResult()).longValue();
        List<?> rows = select.setFirstResult(offset).setMaxResults(limit).getResultList();
        List<QueueEntry> items = new ArrayList<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            boolean waiting = c[6].equals(OutboundRows.QUEUED) || c[6].equals(OutboundRows.DEFERRED);
            items.add(new QueueEntry(((Number) c[0]).longValue(), ((Number) c[1]).longValue(), (String) c[2], (String) c[3],
                    (String) c[4], Boolean.TRUE.equals(c[5]), (String) c[6], ((Number) c[7]).intValue(), instant(c[8]),
                    waiting ? instant(c[9]) : null, instant(c[10]), c[11] == null ? null : ((Number) c[11]).intValue(),
                    (String) c[12], (String) c[13], ((Number) c[14]).longValue()));
        }
        return new QueuePage(items, total);
    }

    private static String instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue()).toString();
    }

    /** Makes a message's waiting recipients due now. */
    public int retryNow(long messageId) {
        requireMessage(messageId);
        return em.createNativeQuery("UPDATE OUTBOUND_RECIPIENT SET NEXT_ATTEMPT_AT = ?, STATE = 'QUEUED' WHERE MESSAGE_ID = ? "
                + "AND STATE IN ('QUEUED', 'DEFERRED')").setParameter(1, System.currentTimeMillis()).setParameter(2, messageId)
                .executeUpdate();
    }

    /** Gives up on a message's waiting recipients now: they fail, and their sender gets the report. */
    public int bounce(long messageId) {
        requireMessage(messageId);
        return em.createNativeQuery("UPDATE OUTBOUND_RECIPIENT SET STATE = 'FAILED', LAST_ERROR = ? WHERE MESSAGE_ID = ? "
                + "AND STATE IN ('QUEUED', 'DEFERRED')").setParameter(1, "5.3.0 Removed from the queue by an administrator")
                .setParameter(2, messageId).executeUpdate();
    }

    /** Deletes a message from the queue without a report (one being sent now finishes). */
    public void delete(long messageId) {
        requireMessage(messageId);
        remove(em.createNativeQuery("SELECT ID, BODY_ID FROM OUTBOUND_MESSAGE WHERE ID = ?").setParameter(1, messageId)
                .getResultList());
    }

    private void requireMessage(long messageId) {
        if (em.createNativeQuery("SELECT 1 FROM OUTBOUND_MESSAGE WHERE ID = ?").setParameter(1, messageId).getResultList().isEmpty()) {
            throw ServiceException.notFound("No queued message " + messageId);
        }
    }

    /** Holds (true) or releases (false) everything for a destination domain. */
    public void suspend(String destination, boolean suspended) {
        String d = Addresses.domain(destination);
        if (d == null) {
            throw ServiceException.invalid("destination", "'" + destination + "' is not a domain");
        }
        em.createNativeQuery("DELETE FROM OUTBOUND_SUSPENDED WHERE DESTINATION = ?").setParameter(1, d).executeUpdate();
        if (suspended) {
            em.createNativeQuery("INSERT INTO OUTBOUND_SUSPENDED (DESTINATION, SUSPENDED_AT) VALUES (?, ?)").setParameter(1, d)
                    .setParameter(2, System.currentTimeMillis()).executeUpdate();
        }
    }

    /** Per destination: recipients waiting, in flight, failed, and whether it is suspended. */
    public record Destination(String domain, long waiting, long inFlight, long failed, boolean suspended) {
    }

    public List<Destination> destinations() {
        Set<String> suspended = new HashSet<>();
        for (Object d : em.createNativeQuery("SELECT DESTINATION FROM OUTBOUND_SUSPENDED").getResultList()) {
            suspended.add((String) d);
        }
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Object row : em.createNativeQuery("SELECT RCPT_DOMAIN, STATE, COUNT(*) FROM OUTBOUND_RECIPIENT "
                + "WHERE STATE IN ('QUEUED', 'DEFERRED', 'INFLIGHT', 'FAILED') GROUP BY RCPT_DOMAIN, STATE ORDER BY RCPT_DOMAIN")
                .getResultList()) {
            Object[] c = (Object[]) row;
            long[] n = counts.computeIfAbsent((String) c[0], k -> new long[3]);
            int slot = c[1].equals(OutboundRows.INFLIGHT) ? 1 : c[1].equals(OutboundRows.FAILED) ? 2 : 0;
            n[slot] += ((Number) c[2]).longValue();
        }
        suspended.forEach(d -> counts.computeIfAbsent(d, k -> new long[3]));
        return counts.entrySet().stream().map(e -> new Destination(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
                suspended.contains(e.getKey()))).toList();
    }

    /** Counts by state, for the dashboard and the metrics. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : List.of(OutboundRows.QUEUED, OutboundRows.DEFERRED, OutboundRows.INFLIGHT, OutboundRows.DELIVERED,
                OutboundRows.FAILED)) {
            counts.put(s.toLowerCase(java.util.Locale.ROOT), 0L);
        }
        for (Object row : em.createNativeQuery("SELECT STATE, COUNT(*) FROM OUTBOUND_RECIPIENT GROUP BY STATE").getResultList()) {
            Object[] c = (Object[]) row;
            counts.put(((String) c[0]).toLowerCase(java.util.Locale.ROOT), ((Number) c[1]).longValue());
        }
        return counts;
    }

    private Connection connection() {
        return em.unwrap(Connection.class);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static Collection<String> keys(List<Batch> batches) {
        return batches.stream().map(b -> (b.local() ? "local:" : "") + b.domain()).toList();
    }
}
