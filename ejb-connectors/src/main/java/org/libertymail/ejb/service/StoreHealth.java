package org.libertymail.ejb.service;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Whether the database answers, for the readiness check. */
@Stateless
public class StoreHealth {
    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    public boolean databaseAnswers() {
        try {
            em.createQuery("SELECT COUNT(d) FROM Domain d").getSingleResult();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
