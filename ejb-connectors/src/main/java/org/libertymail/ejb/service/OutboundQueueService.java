package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
    static final int MAX_DUE_PER_POLL = 2000;
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
            // The earliest due first, a bounded number per poll: a long queue is worked through, never read whole.
            List<OutboundRows.Row> due = rows.rows(MAX_DUE_PER_POLL, "WHERE ((r.STATE IN ('QUEUED', 'DEFERRED') AND r.NEXT_ATTEMPT_AT <= ?) "
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
            // Long enough for the slowest attempt the batch can make (every reply timing out), so
            // no other server takes the recipients over while this one still sends them.
            long lease = now + Math.max(10L * 60_000L,
                    settings.timeoutSeconds() * 1000L * (6L + 4L * maxMessagesPerDestination));
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
                    ? rows.rows(MAX_DUE_PER_POLL, "WHERE " + finals + " ORDER BY r.MESSAGE_ID, r.ID")
                    : rows.rows(MAX_DUE_PER_POLL, "WHERE (" + finals + ") OR (r.STATE = 'DEFERRED' AND r.DELAY_NOTIFIED = FALSE AND EXISTS "
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
        return OutboundRows.remove(em, bodies, rows);
    }


    private Connection connection() {
        return em.unwrap(Connection.class);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

}
