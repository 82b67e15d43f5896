package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens to {@link ChangeNotices#CHANNEL} on a connection of its own and hands on the accounts
 * that other servers changed. Loaded only on PostgreSQL (the driver's classes come from the
 * library server.xml shares with the application); reconnects after an outage, which loses at
 * most the notices sent meanwhile (IDLE clients see those changes at their next command).
 */
final class PostgresChangeListener implements Runnable {
    private static final Logger LOG = Logger.getLogger(PostgresChangeListener.class.getName());
    private static final int WAIT_MILLIS = 5_000;

    private final DataSource dataSource;
    private final Consumer<String> changed;
    private volatile boolean running = true;

    PostgresChangeListener(DataSource dataSource, Consumer<String> changed) {
        this.dataSource = dataSource;
        this.changed = changed;
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
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
                    if (notices != null) {
                        for (PGNotification notice : notices) {
                            deliver(notice.getParameter());
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

    private void deliver(String payload) {
        int space = payload.indexOf(' ');
        if (space > 0 && !payload.substring(0, space).equals(ChangeNotices.SERVER)) {
            try {
                changed.accept(payload.substring(space + 1));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A change notice could not be handed on", e);
            }
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
