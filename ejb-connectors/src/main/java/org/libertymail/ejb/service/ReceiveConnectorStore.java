package org.libertymail.ejb.service;

import java.util.List;
import java.util.Locale;

import jakarta.ejb.Stateless;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.libertymail.adapter.api.ReceiveConnector;
import org.libertymail.ejb.store.StoredReceiveConnector;

/** The stored receive connectors; each method is one transaction. */
@Stateless
public class ReceiveConnectorStore {
    private static final Jsonb JSON = JsonbBuilder.create();

    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    public List<ReceiveConnector> all() {
        return em.createNamedQuery(StoredReceiveConnector.ALL, StoredReceiveConnector.class).getResultList().stream()
                .map(s -> JSON.fromJson(s.getDefinition(), ReceiveConnector.class)).toList();
    }

    public boolean exists(String name) {
        return em.find(StoredReceiveConnector.class, key(name)) != null;
    }

    /** Stores {@code connector} under its name, replacing one of that name (any case) if there is one. */
    public void save(ReceiveConnector connector) {
        StoredReceiveConnector stored = em.find(StoredReceiveConnector.class, key(connector.name()));
        String json = JSON.toJson(connector);
        if (stored == null) {
            em.persist(new StoredReceiveConnector(key(connector.name()), json, System.currentTimeMillis()));
        } else {
            stored.setDefinition(json, System.currentTimeMillis());
        }
    }

    /** Replaces the connector stored as {@code oldName} (a rename keeps one row per connector). */
    public void replace(String oldName, ReceiveConnector connector) {
        if (!key(oldName).equals(key(connector.name()))) {
            delete(oldName);
        }
        save(connector);
    }

    public boolean delete(String name) {
        StoredReceiveConnector stored = em.find(StoredReceiveConnector.class, key(name));
        if (stored == null) {
            return false;
        }
        em.remove(stored);
        return true;
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
