package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.json.JsonObject;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many SMTP sessions delivering at once to overlapping mailboxes, while IMAP and POP3 clients
 * flag, expunge and delete in one of them: every message is answered 250 and stored exactly
 * once, UIDs are unique and ascending, and the store's usage counters match what clients see.
 */
class ConcurrentDeliveryIT {
    private static final String DOMAIN = "load.it.test";
    private static final String PASSWORD = "concurrent-secret";
    private static final int SESSIONS = 64;
    private static final int MESSAGES_PER_SESSION = 8;
    private static final List<String> MAILBOXES = List.of("m0@" + DOMAIN, "m1@" + DOMAIN, "m2@" + DOMAIN, "m3@" + DOMAIN);
    private static final String CHURN = "churn@" + DOMAIN;
    private static final Session MAIL = ServerUnderTest.mailSession();

    @BeforeAll
    static void createMailboxes() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        for (String m : MAILBOXES) {
            ServerUnderTest.createMailbox(m, PASSWORD);
        }
        ServerUnderTest.createMailbox(CHURN, PASSWORD);
    }

    @Test
    void sixtyFourSessionsDeliverEveryMessageExactlyOnceWhileOthersExpunge() throws Exception {
        Map<String, List<String>> expected = new HashMap<>();
        MAILBOXES.forEach(m -> expected.put(m, Collections.synchronizedList(new ArrayList<>())));
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS + 2);
        List<Future<?>> senders = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int session = s;
            senders.add(pool.submit(() -> {
                try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
                    for (int k = 0; k < MESSAGES_PER_SESSION; k++) {
                        String subject = "load-" + session + "-" + k;
                        // Even messages go to one mailbox, odd ones to all four and the churned one.
                        List<String> to = k % 2 == 0 ? List.of(MAILBOXES.get((session + k) % 4))
                                : List.of(MAILBOXES.get(0), MAILBOXES.get(1), MAILBOXES.get(2), MAILBOXES.get(3), CHURN);
                        String reply = smtp.send("sender@outside.example", to, message(subject));
                        if (reply.startsWith("250")) {
                            to.stream().filter(expected::containsKey).forEach(m -> expected.get(m).add(subject));
                        } else {
                            failures.add(subject + ": " + reply);
                        }
                    }
                } catch (Exception e) {
                    failures.add("session " + session + ": " + e);
                }
            }));
        }
        Future<?> expunger = pool.submit(() -> churnOverImap(loading, failures));
        Future<?> deleter = pool.submit(() -> churnOverPop3(loading, failures));
        for (Future<?> f : senders) {
            f.get(120, TimeUnit.SECONDS);
        }
        loading.set(false);
        expunger.get(60, TimeUnit.SECONDS);
        deleter.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        assertEquals(List.of(), List.copyOf(failures), "every delivery and every mailbox operation succeeded");
        for (String mailbox : MAILBOXES) {
            List<String> stored = subjectsInUidOrder(mailbox);
            List<String> want = new ArrayList<>(expected.get(mailbox));
            Collections.sort(want);
            List<String> got = new ArrayList<>(stored);
            Collections.sort(got);
            assertEquals(want, got, mailbox + " holds every accepted message exactly once");
            assertEquals(stored.size(), usage(mailbox).getJsonNumber("messages").longValue(), mailbox + " usage");
        }
        assertEquals(subjectsInUidOrder(CHURN).size(), usage(CHURN).getJsonNumber("messages").longValue(),
                "after concurrent expunges and deletions the usage counter matches the folder");
    }

    private static byte[] message(String subject) {
        return ("From: sender@outside.example\r\nTo: load@" + DOMAIN + "\r\nSubject: " + subject + "\r\n\r\n"
                + "x".repeat(72) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Expunges everything in the churned mailbox over IMAP, again and again. */
    private static void churnOverImap(AtomicBoolean loading, ConcurrentLinkedQueue<String> failures) {
        try (Store store = MAIL.getStore("imap")) {
            store.connect(CHURN, PASSWORD);
            while (loading.get()) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                Message[] all = inbox.getMessages();
                if (all.length > 0) {
                    inbox.setFlags(all, new Flags(Flags.Flag.DELETED), true);
                }
                inbox.close(true);
            }
        } catch (Exception e) {
            failures.add("IMAP churn: " + e);
        }
    }

    /** Deletes everything in the churned mailbox over POP3, again and again. */
    private static void churnOverPop3(AtomicBoolean loading, ConcurrentLinkedQueue<String> failures) {
        try {
            while (loading.get()) {
                try (Store store = MAIL.getStore("pop3")) {
                    store.connect(CHURN, PASSWORD);
                    Folder inbox = store.getFolder("INBOX");
                    inbox.open(Folder.READ_WRITE);
                    for (Message m : inbox.getMessages()) {
                        m.setFlag(Flags.Flag.DELETED, true);
                    }
                    inbox.close(true);
                }
            }
        } catch (Exception e) {
            failures.add("POP3 churn: " + e);
        }
    }

    /** The subjects of a mailbox's INBOX in UID order; checks that UIDs ascend below UIDNEXT. */
    static List<String> subjectsInUidOrder(String mailbox) throws Exception {
        return subjectsInUidOrder(mailbox, PASSWORD);
    }

    static List<String> subjectsInUidOrder(String mailbox, String password) throws Exception {
        try (Store store = MAIL.getStore("imap")) {
            store.connect(mailbox, password);
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] all = inbox.getMessages();
            FetchProfile fp = new FetchProfile();
            fp.add(UIDFolder.FetchProfileItem.UID);
            fp.add("Subject");
            inbox.fetch(all, fp);
            List<String> subjects = new ArrayList<>();
            long previous = 0;
            for (Message m : all) {
                long uid = inbox.getUID(m);
                assertTrue(uid > previous, mailbox + ": UID " + uid + " after " + previous);
                previous = uid;
                subjects.add(m.getHeader("Subject")[0]);
            }
            assertTrue(inbox.getUIDNext() > previous, mailbox + ": UIDNEXT above the highest UID");
            inbox.close(false);
            return subjects;
        }
    }

    private static JsonObject usage(String mailbox) throws Exception {
        return ServerUnderTest.json(ServerUnderTest.admin("GET", "/mailboxes/" + mailbox, null)).getJsonObject("usage");
    }
}
