package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.libertymail.adapter.api.MailServerConnection;
import org.libertymail.adapter.api.MailServerConnectionFactory;
import org.libertymail.adapter.api.Protocol;

/**
 * Closes an account's open sessions once a change that ends them has committed: its mailbox or a
 * protocol disabled, its password changed, the mailbox deleted. This server's listeners are told
 * after the commit; the other servers on a PostgreSQL store by a notice on {@link #CHANNEL},
 * which PostgreSQL sends at commit ({@link ChangeFeed} hands it to their listeners).
 */
@Dependent
public class SessionChanges {
    static final String CHANNEL = "libertymail_sessions";
    /** In a notice: every protocol. */
    static final String ALL = "ALL";
    private static final Logger LOG = Logger.getLogger(SessionChanges.class.getName());

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Call inside the transaction that makes the change.
     * @param protocol the protocol whose sessions end, or null for all of them
     */
    public void close(EntityManager em, String account, Protocol protocol) {
        Connection connection = em.unwrap(Connection.class);
        try {
            if (Databases.isPostgresql(connection)) {
                try (PreparedStatement s = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                    s.setString(1, ChangeNotices.SERVER + " " + (protocol == null ? ALL : protocol.name()) + " " + account);
                    s.executeQuery().close();
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
        AfterCommit.run(transactions, () -> disconnect(account, protocol));
    }

    /** Closes the account's sessions on this server's listeners. */
    static void disconnect(String account, Protocol protocol) {
        MailServerConnectionFactory adapter;
        try {
            adapter = InitialContext.doLookup("eis/mailserver");
        } catch (NamingException e) {
            return; // no adapter deployed: no sessions
        }
        try (MailServerConnection connection = adapter.getConnection()) {
            connection.disconnectAccount(account, protocol);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The sessions of " + account + " could not be closed", e);
        }
    }
}
