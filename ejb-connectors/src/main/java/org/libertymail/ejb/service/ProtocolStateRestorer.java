package org.libertymail.ejb.service;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.libertymail.adapter.api.Protocol;
import org.libertymail.ejb.store.ProtocolSetting;

/**
 * At start, switches each protocol listener to the state an administrator last set over the
 * API, which overrides server.xml's MAILSERVER_*_ENABLED.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProtocolStateRestorer {
    private static final Logger LOG = Logger.getLogger(ProtocolStateRestorer.class.getName());

    @EJB
    ProtocolSettings settings;

    @EJB
    ProtocolService protocols;

    @PostConstruct
    void restore() {
        List<ProtocolSetting> stored;
        try {
            stored = settings.all();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read the stored listener states; server.xml's apply", e);
            return;
        }
        for (ProtocolSetting s : stored) {
            Protocol.fromId(s.getProtocol()).ifPresent(p -> {
                try {
                    if (protocols.listener(p).enabled() != s.isEnabled()) {
                        protocols.apply(p, s.isEnabled());
                        LOG.info(() -> p.id() + " listener " + (s.isEnabled() ? "enabled" : "disabled")
                                + " as an administrator last set it");
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not restore the " + p.id() + " listener state", e);
                }
            });
        }
    }
}
