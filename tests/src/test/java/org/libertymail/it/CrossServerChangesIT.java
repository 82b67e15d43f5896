package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Several servers on one PostgreSQL store: each announces the changes it commits (NOTIFY
 * libertymail_changes, "server-id account") and wakes its IDLE sessions on the changes others
 * announce. One server runs here, so the test plays the other one: it listens to what the
 * server announces, and it commits a change to the store as another server would (the same
 * statements: folder lock and modification sequence, message row, change journal, notice) and
 * expects the server's IDLE client to be told. Runs only against PostgreSQL.
 */
class CrossServerChangesIT {
    private static final String DOMAIN = "cluster.it.test";
    private static final String PASSWORD = "cluster-secret";
    private static final String CHANNEL = "libertymail_changes";

    @BeforeAll
    static void onPostgresql() throws Exception {
        assumeTrue("postgresql".equals(System.getProperty("it.db")), "only on PostgreSQL");
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"), "");
    }

    private static String deliver(String user, String subject) throws Exception {
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            return smtp.send("s@outside.example", List.of(user),
                    ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The notices that arrive within a few seconds, until one names {@code account}. */
    private static List<String> noticesUntil(PGConnection pg, String account) throws Exception {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            PGNotification[] notices = pg.getNotifications(500);
            if (notices != null) {
                for (PGNotification n : notices) {
                    seen.add(n.getParameter());
                    if (n.getParameter().endsWith(" " + account)) {
                        return seen;
                    }
                }
            }
        }
        return seen;
    }

    @Test
    void changesCommittedHereAreAnnouncedToTheOtherServers() throws Exception {
        String user = ServerUnderTest.createMailbox("announced", DOMAIN, PASSWORD);
        try (Connection db = database()) {
            try (Statement s = db.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
            }
            PGConnection pg = db.unwrap(PGConnection.class);
            assertTrue(deliver(user, "announced").startsWith("250 "));
            List<String> afterDelivery = noticesUntil(pg, user);
            String notice = afterDelivery.get(afterDelivery.size() - 1);
            assertTrue(notice.endsWith(" " + user), afterDelivery.toString());
            String serverId = notice.substring(0, notice.indexOf(' '));

            try (LineClient imap = LineClient.imapLogin(user, PASSWORD)) {
                imap.imap("b", "SELECT INBOX");
                assertTrue(imap.imap("c", "STORE 1 +FLAGS.SILENT (\\Flagged)").get(0).startsWith("c OK"));
            }
            List<String> afterStore = noticesUntil(pg, user);
            assertEquals(serverId + " " + user, afterStore.get(afterStore.size() - 1), afterStore.toString());
        }
    }

    @Test
    void changesAnnouncedByAnotherServerReachIdleSessionsAtOnce() throws Exception {
        String user = ServerUnderTest.createMailbox("listener", DOMAIN, PASSWORD);
        assertTrue(deliver(user, "to be flagged elsewhere").startsWith("250 "));
        try (LineClient idle = LineClient.imapLogin(user, PASSWORD); Connection db = database()) {
            idle.imap("b", "SELECT INBOX");
            assertEquals("+ idling", idle.command("c IDLE"));

            long before = System.nanoTime();
            db.setAutoCommit(false);
            flagElsewhere(db, user);
            db.commit();
            assertEquals("* 1 FETCH (FLAGS (\\Flagged \\Recent))", idle.line());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertTrue(millis < 2_000, "told " + millis + " ms after the other server's commit");
            assertEquals("c OK IDLE terminated", idle.command("DONE"));
        }
    }

    /** What another server's UID STORE 1 +FLAGS (\Flagged) commits, with its notice. */
    private static void flagElsewhere(Connection db, String user) throws Exception {
        long folder;
        try (PreparedStatement s = db.prepareStatement("SELECT f.ID FROM MAILBOX b JOIN MAIL_FOLDER f ON f.MAILBOX_ID = b.ID "
                + "WHERE b.ADDRESS = ? AND f.NAME = 'INBOX'")) {
            s.setString(1, user);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                folder = r.getLong(1);
            }
        }
        long modseq;
        try (PreparedStatement s = db.prepareStatement(
                "UPDATE MAIL_FOLDER SET HIGHEST_MODSEQ = HIGHEST_MODSEQ + 1 WHERE ID = ? RETURNING HIGHEST_MODSEQ")) {
            s.setLong(1, folder);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                modseq = r.getLong(1);
            }
        }
        try (PreparedStatement s = db.prepareStatement("UPDATE MAIL_MESSAGE SET FLAGGED = TRUE, MODSEQ = ? WHERE FOLDER_ID = ? AND UID = 1")) {
            s.setLong(1, modseq);
            s.setLong(2, folder);
            assertEquals(1, s.executeUpdate());
        }
        try (PreparedStatement s = db.prepareStatement("INSERT INTO MAIL_CHANGE (FOLDER_ID, MODSEQ, UID, EXPUNGED) VALUES (?, ?, 1, FALSE)")) {
            s.setLong(1, folder);
            s.setLong(2, modseq);
            s.executeUpdate();
        }
        try (PreparedStatement s = db.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, "another-server " + user);
            s.executeQuery().close();
        }
    }

    @Test
    void sessionsAnotherServerEndsAreClosedHereToo() throws Exception {
        String user = ServerUnderTest.createMailbox("ended", DOMAIN, PASSWORD);
        try (LineClient imap = LineClient.imapLogin(user, PASSWORD); Connection db = database()) {
            assertEquals("b OK NOOP completed", imap.imap("b", "NOOP").get(0));
            try (PreparedStatement s = db.prepareStatement("SELECT pg_notify('libertymail_sessions', ?)")) {
                s.setString(1, "another-server IMAP " + user); // what its administrator's change sends
                s.executeQuery().close();
            }
            assertThrows(java.io.IOException.class, () -> {
                for (int i = 0; i < 10; i++) {
                    imap.line();
                }
            });
        }
    }

    @Test
    void aMaildropLockedOnAnotherServerIsInUseUntilItsLeaseLapses() throws Exception {
        String user = ServerUnderTest.createMailbox("locked", DOMAIN, PASSWORD);
        try (Connection db = database()) {
            setLock(db, user, System.currentTimeMillis());
            assertEquals("-ERR [IN-USE] Maildrop already locked by another session", pop3Login(user));
            setLock(db, user, System.currentTimeMillis() - 31 * 60 * 1000L); // its server died half an hour ago
            assertTrue(pop3Login(user).startsWith("+OK Maildrop"));
        }
    }

    /** What another server's POP3 session holding the maildrop left in the store. */
    private static void setLock(Connection db, String user, long lockedAt) throws Exception {
        try (PreparedStatement s = db.prepareStatement("UPDATE MAILBOX SET POP3_LOCK = 'another-server-session', "
                + "POP3_LOCKED_AT = ? WHERE ADDRESS = ?")) {
            s.setLong(1, lockedAt);
            s.setString(2, user);
            assertEquals(1, s.executeUpdate());
        }
    }

    private static String pop3Login(String user) throws Exception {
        try (LineClient pop = LineClient.plain(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3)) {
            pop.line();
            pop.command("USER " + user);
            String answer = pop.command("PASS " + PASSWORD);
            pop.command("QUIT");
            return answer;
        }
    }
}
