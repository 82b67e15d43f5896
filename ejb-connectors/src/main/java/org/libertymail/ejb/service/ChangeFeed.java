package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * IDLE sessions through PostgreSQL's LISTEN/NOTIFY ({@link ChangeNotices}), and the sessions an
 * administrator's change ends are closed here too ({@link SessionChanges}). One thread of its
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
    private volatile Thread publisher;

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
        Thread p = publisher;
        if (p != null) {
            p.interrupt();
        }
    }

    /**
     * Sends the notices of committed changes ({@link ChangeNotices#COMMITTED}), all that are
     * waiting in one statement, on a connection of the pool taken for the purpose.
     */
    private void publish() {
        while (running) {
            List<String> batch = new ArrayList<>();
            try {
                String first = ChangeNotices.COMMITTED.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                return;
            }
            ChangeNotices.COMMITTED.drainTo(batch, 10_000);
            String[] payloads = batch.stream().distinct().map(a -> ChangeNotices.SERVER + " " + a).toArray(String[]::new);
            try (Connection connection = dataSource.getConnection();
                    // Without waiting for the disk: a notice lost in a crash costs an IDLE client a moment.
                    PreparedStatement s = connection.prepareStatement("SELECT set_config('synchronous_commit', 'off', true), "
                            + "pg_notify('" + ChangeNotices.CHANNEL + "', p) FROM unnest(?) AS p")) {
                s.setArray(1, connection.createArrayOf("text", payloads));
                s.executeQuery().close();
            } catch (SQLException e) {
                LOG.log(Level.INFO, "Other servers could not be told of " + payloads.length + " changes: {0}", e.toString());
            }
        }
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
            publisher = threads.newThread(this::publish);
            publisher.setName("libertymail-change-notices");
            publisher.start();
            listener = new PostgresChangeListener(dataSource, ChangeFeed::tellAdapter, SessionChanges::disconnect);
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
