package org.libertymail.ejb.service;

import jakarta.persistence.EntityManager;

import org.libertymail.ejb.store.Folder;

/** Finding a mailbox's folder by name, for the services that read and change folders. */
final class Folders {
    private Folders() {
    }

    /** A mailbox's folder by its full name, or null. */
    static Folder byName(EntityManager em, String account, String name) {
        return em.createNamedQuery(Folder.BY_NAME, Folder.class).setParameter(1, account).setParameter(2, name)
                .getResultStream().findFirst().orElse(null);
    }
}
