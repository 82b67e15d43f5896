package org.libertymail.ejb.service;

import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Whether the database answers, for the readiness check. */
@Stateless
public class StoreHealth {
    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    /** @return empty when the database answers, else what went wrong */
    public Optional<String> databaseProblem() {
        try {
            em.createQuery("SELECT COUNT(d) FROM Domain d").getSingleResult();
            return Optional.empty();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return Optional.of(String.valueOf(root.getMessage()));
        }
    }
}
