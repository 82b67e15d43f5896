package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * The crash check (`tests/crash-test.sh`, not part of `mvn verify`): 16 SMTP sessions deliver
 * without pause while the Liberty JVM is killed with SIGKILL at random moments, five times, and
 * restarted each time. Afterwards every message that was answered 250 must be stored exactly
 * once, and the store must be consistent: UIDs unique and ascending below UIDNEXT, usage
 * counters and body reference counts exact, no body without a message, no chunk missing.
 */
class CrashSafetyCheck {
    private static final String DOMAIN = "crash.test";
    private static final String PASSWORD = "crash-secret";
    private static final int MAILBOXES = 8;
    private static final int SESSIONS = 16;
    private static final int KILLS = 5;

    @Test
    void everyAcknowledgedMessageSurvivesKills() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        for (int i = 0; i < MAILBOXES; i++) {
            ServerUnderTest.createMailbox(mailbox(i), PASSWORD);
        }
        Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
        for (int i = 0; i < MAILBOXES; i++) {
            acknowledged.put(mailbox(i), ConcurrentHashMap.newKeySet());
        }
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        for (int s = 0; s < SESSIONS; s++) {
            int session = s;
            pool.submit(() -> load(session, loading, acknowledged));
        }
        for (int k = 1; k <= KILLS; k++) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1500, 5000));
            killServer();
            ServerUnderTest.serverScript("start");
            ServerUnderTest.awaitReady();
            System.out.println("Restart " + k + " of " + KILLS + " reached ready");
        }
        Thread.sleep(2000);
        loading.set(false);
        pool.shutdown();
        assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES));

        int total = 0;
        for (int i = 0; i < MAILBOXES; i++) {
            List<String> stored = ConcurrentDeliveryIT.subjectsInUidOrder(mailbox(i), PASSWORD); // checks UIDs too
            Set<String> unique = new HashSet<>(stored);
            assertEquals(stored.size(), unique.size(), mailbox(i) + ": no message stored twice");
            Set<String> lost = new HashSet<>(acknowledged.get(mailbox(i)));
            lost.removeAll(unique);
            assertEquals(Set.of(), lost, mailbox(i) + ": every message answered 250 is stored");
            total += acknowledged.get(mailbox(i)).size();
        }
        System.out.println(total + " acknowledged messages, all present exactly once");
        assertTrue(total > 100, "the load delivered something between the kills");
        ServerUnderTest.serverScript("stop");
        checkStoreConsistency();
    }

    private static String mailbox(int i) {
        return "crash" + i + "@" + DOMAIN;
    }

    /** Sends until told to stop; reconnects after each kill; records what was answered 250. */
    private static void load(int session, AtomicBoolean loading, Map<String, Set<String>> acknowledged) {
        int n = 0;
        while (loading.get()) {
            try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
                while (loading.get()) {
                    String subject = "crash-" + session + "-" + n++;
                    String to = mailbox(ThreadLocalRandom.current().nextInt(MAILBOXES));
                    byte[] message = ("Subject: " + subject + "\r\n\r\n" + "k".repeat(4000) + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    if (smtp.send("load@outside.example", List.of(to), message).startsWith("250")) {
                        acknowledged.get(to).add(subject);
                    }
                }
            } catch (IOException e) {
                sleep(200); // the server is down: retry until it is back
            }
        }
    }

    private static void killServer() throws Exception {
        Path pidFile = ServerUnderTest.serverDir().getParent().resolve(".pid").resolve(ServerUnderTest.serverDir().getFileName() + ".pid");
        String pid = Files.readString(pidFile).strip();
        Process kill = new ProcessBuilder("kill", "-9", pid).inheritIO().start();
        assertEquals(0, kill.waitFor());
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> h.onExit().join());
        Files.deleteIfExists(pidFile);
    }

    /** SQL checks of the stopped server's database: what clients cannot see. */
    private static void checkStoreConsistency() throws SQLException {
        String url = "postgresql".equals(System.getProperty("it.db"))
                ? System.getProperty("it.db.url")
                : "jdbc:hsqldb:file:" + ServerUnderTest.serverDir().resolve("database/mailserver") + ";shutdown=true";
        String user = "postgresql".equals(System.getProperty("it.db")) ? System.getProperty("it.db.user") : "SA";
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            Map<String, String> checks = new HashMap<>();
            checks.put("bodies without messages",
                    "SELECT COUNT(*) FROM MAIL_BODY b WHERE NOT EXISTS (SELECT 1 FROM MAIL_MESSAGE m WHERE m.BODY_ID = b.ID)");
            checks.put("bodies with a wrong reference count", "SELECT COUNT(*) FROM MAIL_BODY b "
                    + "WHERE b.REF_COUNT <> (SELECT COUNT(*) FROM MAIL_MESSAGE m WHERE m.BODY_ID = b.ID)");
            checks.put("bodies whose chunks do not add up to their size", "SELECT COUNT(*) FROM MAIL_BODY b WHERE b.BODY_SIZE <> "
                    + "(SELECT COALESCE(SUM(OCTET_LENGTH(k.DATA)), 0) FROM MAIL_BODY_CHUNK k WHERE k.BODY_ID = b.ID)");
            checks.put("folders whose UIDNEXT is not above every UID", "SELECT COUNT(*) FROM MAIL_FOLDER f "
                    + "WHERE f.UID_NEXT <= (SELECT COALESCE(MAX(m.UID), 0) FROM MAIL_MESSAGE m WHERE m.FOLDER_ID = f.ID)");
            checks.put("folders whose usage counters are wrong", "SELECT COUNT(*) FROM MAIL_FOLDER f "
                    + "WHERE f.MESSAGE_COUNT <> (SELECT COUNT(*) FROM MAIL_MESSAGE m WHERE m.FOLDER_ID = f.ID) "
                    + "OR f.TOTAL_BYTES <> (SELECT COALESCE(SUM(m.MESSAGE_SIZE), 0) FROM MAIL_MESSAGE m WHERE m.FOLDER_ID = f.ID)");
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, String> check : checks.entrySet()) {
                try (ResultSet r = s.executeQuery(check.getValue())) {
                    r.next();
                    if (r.getLong(1) != 0) {
                        failures.add(r.getLong(1) + " " + check.getKey());
                    }
                }
            }
            Collections.sort(failures);
            assertEquals(List.of(), failures, "the store is consistent");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
