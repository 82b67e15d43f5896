package org.libertymail.ejb.service;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * What the store holds, for the console's dashboard: read from the folders' running totals
 * (kept by every delivery and expunge), so it costs one row per folder, never a message scan.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class StoreStatistics {
    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    /** Totals over hosted domains and mailboxes (public folders counted in messages and bytes). */
    public record StoreUsage(long domains, long mailboxes, long messages, long bytes) {
    }

    public StoreUsage usage() {
        long domains = (Long) em.createQuery("SELECT COUNT(d) FROM Domain d").getSingleResult();
        Object[] folders = (Object[]) em.createNativeQuery(
                "SELECT COALESCE(SUM(MESSAGE_COUNT), 0), COALESCE(SUM(TOTAL_BYTES), 0) FROM MAIL_FOLDER").getSingleResult();
        long mailboxes = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM MAILBOX WHERE DOMAIN_ID IS NOT NULL")
                .getSingleResult()).longValue();
        return new StoreUsage(domains, mailboxes, ((Number) folders[0]).longValue(), ((Number) folders[1]).longValue());
    }
}
