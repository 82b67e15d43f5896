package org.libertymail.ejb.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * What an administrator sees of the outbound queue and may do to it: list it, retry, bounce
 * or delete a message, hold a destination; and the counts for the dashboard and metrics.
 */
@Stateless
public class OutboundQueueAdmin {
    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    @Inject
    BodyStore bodies;

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
            params.add(state.toUpperCase(Locale.ROOT));
        }
        if (destination != null) {
            where.append(" AND r.RCPT_DOMAIN = ?");
            params.add(destination.toLowerCase(Locale.ROOT));
        }
        if (search != null) {
            where.append(" AND (LOWER(r.ADDRESS) LIKE ? ESCAPE '!' OR LOWER(m.REVERSE_PATH) LIKE ? ESCAPE '!')");
            String like = LikePatterns.containing(search.toLowerCase(Locale.ROOT));
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
        OutboundRows.remove(em, bodies, em.createNativeQuery("SELECT ID, BODY_ID FROM OUTBOUND_MESSAGE WHERE ID = ?").setParameter(1, messageId)
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
            counts.put(s.toLowerCase(Locale.ROOT), 0L);
        }
        for (Object row : em.createNativeQuery("SELECT STATE, COUNT(*) FROM OUTBOUND_RECIPIENT GROUP BY STATE").getResultList()) {
            Object[] c = (Object[]) row;
            counts.put(((String) c[0]).toLowerCase(Locale.ROOT), ((Number) c[1]).longValue());
        }
        return counts;
    }
}
