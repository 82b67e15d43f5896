package org.libertymail.ejb.service;

import jakarta.ejb.Stateless;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ServiceSettings;
import org.libertymail.ejb.store.StoredServiceSettings;

/** The stored POP3/IMAP service settings; each method is one transaction. */
@Stateless
public class ServiceSettingsStore {
    private static final Jsonb JSON = JsonbBuilder.create();

    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    /** @return the stored settings, or null when none are stored yet */
    public ServiceSettings find(Protocol protocol) {
        StoredServiceSettings stored = em.find(StoredServiceSettings.class, protocol.id());
        return stored == null ? null : JSON.fromJson(stored.getDefinition(), ServiceSettings.class);
    }

    public void save(Protocol protocol, ServiceSettings settings) {
        StoredServiceSettings stored = em.find(StoredServiceSettings.class, protocol.id());
        String json = JSON.toJson(settings);
        if (stored == null) {
            em.persist(new StoredServiceSettings(protocol.id(), json, System.currentTimeMillis()));
        } else {
            stored.setDefinition(json, System.currentTimeMillis());
        }
    }
}
