package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;

import org.libertymail.adapter.api.MailServerConnection;
import org.libertymail.adapter.api.MailServerConnectionFactory;

/**
 * Several servers on one PostgreSQL store: what another server changes reaches this server's
 * IDLE sessions through PostgreSQL's LISTEN/NOTIFY ({@link ChangeNotices}). One thread of its
 * own, blocked on the database connection most of the time; nothing on HSQLDB, whose embedded
 * store has one server only.
 */
@Singleton
@Startup
public class ChangeFeed {
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());

    @Resource(lookup = "jdbc/mailserver")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    private volatile boolean running = true;
    private volatile PostgresChangeListener listener;
    private Thread thread;

    @PostConstruct
    void start() {
        thread = threads.newThread(this::run);
        thread.setName("libertymail-change-feed");
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        PostgresChangeListener current = listener;
        if (current != null) {
            current.stop();
        }
        thread.interrupt();
    }

    /** Learns the database's kind (waiting out an outage at start), then listens on PostgreSQL. */
    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                if (!Databases.isPostgresql(connection)) {
                    return;
                }
                break;
            } catch (SQLException e) {
                LOG.log(Level.FINE, "Store not reachable yet", e);
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
        if (running) {
            listener = new PostgresChangeListener(dataSource, ChangeFeed::tellAdapter);
            if (running) {
                listener.run();
            }
        }
    }

    private static void tellAdapter(String account) {
        MailServerConnectionFactory adapter;
        try {
            adapter = InitialContext.doLookup("eis/mailserver");
        } catch (NamingException e) {
            return; // no adapter deployed: no sessions to tell
        }
        try (MailServerConnection connection = adapter.getConnection()) {
            connection.mailboxChanged(account);
        }
    }
}
