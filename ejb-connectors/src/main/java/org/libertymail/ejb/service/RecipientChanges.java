package org.libertymail.ejb.service;

import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.libertymail.adapter.api.MailServerConnection;
import org.libertymail.adapter.api.MailServerConnectionFactory;

/**
 * Tells the SMTP listener that recipients it has seen accepted may now be refused (a mailbox
 * deleted, a quota lowered), so it asks the store again. Only once the change has committed:
 * told earlier, a session could ask the store between the telling and the commit and remember
 * the old answer. The adapter is looked up when needed rather than injected, so the services
 * also deploy where it is absent (the in-container tests); there is nothing cached there.
 */
@Dependent
public class RecipientChanges {
    private static final Logger LOG = Logger.getLogger(RecipientChanges.class.getName());

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Call inside the transaction that makes the change. */
    public void changed() {
        AfterCommit.run(transactions, RecipientChanges::tellAdapter);
    }

    private static void tellAdapter() {
        MailServerConnectionFactory adapter;
        try {
            adapter = InitialContext.doLookup("eis/mailserver");
        } catch (NamingException e) {
            return; // no adapter deployed: no SMTP listener, nothing remembered
        }
        try (MailServerConnection connection = adapter.getConnection()) {
            connection.forgetRecipients();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The SMTP listener could not be told of a recipient change; "
                    + "it notices within seconds", e);
        }
    }
}
