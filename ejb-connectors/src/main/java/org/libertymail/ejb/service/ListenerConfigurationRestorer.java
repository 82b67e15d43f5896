package org.libertymail.ejb.service;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * At start, puts the stored receive connectors and POP3/IMAP service settings in force; on the
 * very first start it stores what server.xml describes first (SMTP 25, 587, 465; POP3 110, 995;
 * IMAP 143, 993 on the configured ports).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ListenerConfigurationRestorer {
    private static final Logger LOG = Logger.getLogger(ListenerConfigurationRestorer.class.getName());

    @EJB
    ReceiveConnectorService connectors;

    @EJB
    ServiceSettingsService services;

    @PostConstruct
    void restore() {
        try {
            connectors.restore();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not apply the stored receive connectors; server.xml's are in force", e);
        }
        try {
            services.restore();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not apply the stored POP3/IMAP settings; server.xml's are in force", e);
        }
    }
}
