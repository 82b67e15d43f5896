package org.libertymail.ejb.service;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

/** The audit log of the admin API (V11 AUDIT_LOG): written after each change, read newest first. */
@Stateless
public class AuditService {
    /** JSON longer than this is cut (and then kept as a string), so one entry never fails to be written. */
    static final int MAX_JSON = 60_000;

    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    /** Records one change in a transaction of its own: the change has happened, whatever this does. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String actor, String method, String target, int status, String request, String before, String after) {
        em.createNativeQuery("INSERT INTO AUDIT_LOG (CHANGED_AT, ACTOR, METHOD, TARGET, STATUS, REQUEST_JSON, BEFORE_JSON, "
                + "AFTER_JSON) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, System.currentTimeMillis()).setParameter(2, cut(actor, 320)).setParameter(3, method)
                .setParameter(4, cut(target, 1000)).setParameter(5, status).setParameter(6, cut(request, MAX_JSON))
                .setParameter(7, cut(before, MAX_JSON)).setParameter(8, cut(after, MAX_JSON)).executeUpdate();
    }

    public record Page(List<AuditView> items, long total) {
    }

    /** Entries newest first, optionally of one actor and with {@code target} in the path. */
    public Page page(String actor, String target, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (actor != null) {
            where.append(" AND ACTOR = ?1");
        }
        if (target != null) {
            where.append(" AND TARGET LIKE ?2 ESCAPE '!'");
        }
        Query rows = em.createNativeQuery("SELECT ID, CHANGED_AT, ACTOR, METHOD, TARGET, STATUS, REQUEST_JSON, BEFORE_JSON, "
                + "AFTER_JSON FROM AUDIT_LOG" + where + " ORDER BY ID DESC");
        Query count = em.createNativeQuery("SELECT COUNT(*) FROM AUDIT_LOG" + where);
        for (Query q : List.of(rows, count)) {
            if (actor != null) {
                q.setParameter(1, actor);
            }
            if (target != null) {
                q.setParameter(2, LikePatterns.containing(target));
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> found = rows.setFirstResult(offset).setMaxResults(limit).getResultList();
        List<AuditView> items = new ArrayList<>();
        for (Object[] r : found) {
            items.add(new AuditView(((Number) r[0]).longValue(), Instant.ofEpochMilli(((Number) r[1]).longValue()).toString(),
                    (String) r[2], (String) r[3], (String) r[4], ((Number) r[5]).intValue(), json(r[6]), json(r[7]), json(r[8])));
        }
        return new Page(items, ((Number) count.getSingleResult()).longValue());
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static JsonValue json(Object stored) {
        if (stored == null) {
            return null;
        }
        String text = stored.toString();
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            return Json.createValue(text); // cut short: kept as text
        }
    }
}
