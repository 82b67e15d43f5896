package org.libertymail.ejb.service;

import jakarta.persistence.EntityManager;

/**
 * The statements that serialize writers of one folder. Each takes the folder row's write lock
 * with an UPDATE before the transaction reads anything of the folder, so no transaction ever
 * holds a read lock it must upgrade (the deadlock of lock-then-increment) and MVCC readers never
 * hand out the same UID twice. Callers that lock several folders do so in ascending id order.
 */
final class FolderLocks {
    private FolderLocks() {
    }

    /** Takes the folder's write lock without changing it. @return false if it does not exist */
    static boolean lock(EntityManager em, long folderId) {
        return em.createNativeQuery("UPDATE MAIL_FOLDER SET UID_NEXT = UID_NEXT WHERE ID = ?")
                .setParameter(1, folderId).executeUpdate() == 1;
    }

    /** Takes {@code messages} and {@code bytes} off the folder's usage; call with the row locked. */
    static void subtract(EntityManager em, long folderId, long messages, long bytes) {
        em.createNativeQuery("UPDATE MAIL_FOLDER SET MESSAGE_COUNT = MESSAGE_COUNT - ?, TOTAL_BYTES = TOTAL_BYTES - ? "
                        + "WHERE ID = ?")
                .setParameter(1, messages).setParameter(2, bytes).setParameter(3, folderId).executeUpdate();
    }
}
