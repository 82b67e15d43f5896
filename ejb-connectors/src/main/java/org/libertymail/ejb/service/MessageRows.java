package org.libertymail.ejb.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.libertymail.ejb.store.StoredMessage;

/**
 * Reads a folder's messages by UID without reading the folder. HSQLDB uses the (FOLDER_ID, UID)
 * index for an equality or a range on UID but not for "UID IN (...)", which reads every message
 * of the folder: a dense set is read as one UID range, a sparse one as (FOLDER_ID, UID) pairs.
 */
final class MessageRows {
    private static final int PAIRS = 200;
    /** EclipseLink's query hint (QueryHints.READ_ONLY) for entities that are read, never changed. */
    static final String READ_ONLY = "eclipselink.read-only";

    private MessageRows() {
    }

    /** The messages among {@code uids} that exist, ascending by UID, to change. */
    static List<StoredMessage> byUids(EntityManager em, long folderId, Collection<Long> uids) {
        return byUids(em, folderId, uids, false);
    }

    /**
     * @param readOnly the rows are only read: EclipseLink then builds no change-tracking copy of
     *        each, which is most of the cost of reading thousands (FETCH, NOOP)
     */
    static List<StoredMessage> byUids(EntityManager em, long folderId, Collection<Long> uids, boolean readOnly) {
        TreeSet<Long> wanted = new TreeSet<>(uids);
        if (wanted.isEmpty()) {
            return List.of();
        }
        long low = wanted.first();
        long high = wanted.last();
        if (high - low + 1 <= 2L * wanted.size() + 16) {
            Set<Long> set = new HashSet<>(wanted);
            return em.createNamedQuery(StoredMessage.UID_RANGE, StoredMessage.class).setParameter("folder", folderId)
                    .setParameter("low", low).setParameter("high", high).setHint(READ_ONLY, readOnly)
                    .getResultList().stream()
                    .filter(m -> set.contains(m.getUid())).toList();
        }
        List<StoredMessage> found = new ArrayList<>();
        List<Long> all = new ArrayList<>(wanted);
        for (int from = 0; from < all.size(); from += PAIRS) {
            List<Long> part = all.subList(from, Math.min(all.size(), from + PAIRS));
            StringBuilder sql = new StringBuilder("SELECT * FROM MAIL_MESSAGE WHERE (FOLDER_ID, UID) IN (");
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
            }
            Query q = em.createNativeQuery(sql.append(")").toString(), StoredMessage.class)
                    .setHint(READ_ONLY, readOnly);
            for (int i = 0; i < part.size(); i++) {
                q.setParameter(2 * i + 1, folderId);
                q.setParameter(2 * i + 2, part.get(i));
            }
            @SuppressWarnings("unchecked")
            List<StoredMessage> rows = q.getResultList();
            found.addAll(rows);
        }
        found.sort((a, b) -> Long.compare(a.getUid(), b.getUid()));
        return found;
    }
}
