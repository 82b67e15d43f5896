package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.libertymail.adapter.api.Protocol;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens to {@link ChangeNotices#CHANNEL} and {@link SessionChanges#CHANNEL} on a connection of
 * its own and hands on the accounts whose mail other servers changed, and the sessions they
 * ended. Loaded only on PostgreSQL (the driver's classes come from the
 * library server.xml shares with the application); reconnects after an outage, which loses at
 * most the notices sent meanwhile (IDLE clients see those changes at their next command).
 */
final class PostgresChangeListener implements Runnable {
    private static final Logger LOG = Logger.getLogger(PostgresChangeListener.class.getName());
    private static final int WAIT_MILLIS = 5_000;

    private final DataSource dataSource;
    private final Consumer<String> changed;
    private final BiConsumer<String, Protocol> closed;
    private volatile boolean running = true;

    /**
     * @param changed told each account whose mail another server changed
     * @param closed told each account whose sessions must end, with their protocol (null: all)
     */
    PostgresChangeListener(DataSource dataSource, Consumer<String> changed, BiConsumer<String, Protocol> closed) {
        this.dataSource = dataSource;
        this.changed = changed;
        this.closed = closed;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + ChangeNotices.CHANNEL);
                    s.execute("LISTEN " + SessionChanges.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
                    if (notices != null) {
                        for (PGNotification notice : notices) {
                            deliver(notice.getName(), notice.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.INFO, "Listening for other servers' changes failed; trying again in 5 s: {0}", e.toString());
                    pause();
                }
            }
        }
    }

    /** "server account" for a change, "server protocol account" for sessions to end; a server's own are skipped. */
    private void deliver(String channel, String payload) {
        String[] parts = payload.split(" ", channel.equals(SessionChanges.CHANNEL) ? 3 : 2);
        if (parts.length < 2 || parts[0].equals(ChangeNotices.SERVER)) {
            return;
        }
        try {
            if (channel.equals(SessionChanges.CHANNEL) && parts.length == 3) {
                closed.accept(parts[2], parts[1].equals(SessionChanges.ALL) ? null : Protocol.valueOf(parts[1]));
            } else if (channel.equals(ChangeNotices.CHANNEL)) {
                changed.accept(parts[1]);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A notice from another server could not be handed on: " + payload, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
