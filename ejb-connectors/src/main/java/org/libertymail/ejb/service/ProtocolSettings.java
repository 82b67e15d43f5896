package org.libertymail.ejb.service;

import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.libertymail.ejb.store.ProtocolSetting;

/** The protocol switches an administrator set live, kept in the store. */
@Stateless
public class ProtocolSettings {
    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    public List<ProtocolSetting> all() {
        return em.createQuery("SELECT s FROM ProtocolSetting s", ProtocolSetting.class).getResultList();
    }

    public void save(String protocol, boolean enabled) {
        ProtocolSetting setting = em.find(ProtocolSetting.class, protocol);
        if (setting == null) {
            em.persist(new ProtocolSetting(protocol, enabled));
        } else {
            setting.setEnabled(enabled);
        }
    }
}
