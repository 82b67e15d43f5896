package org.libertymail.adapter.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.libertymail.adapter.support.Sessions.ascii;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.ApopDigest;
import org.libertymail.adapter.api.MailboxOverrides;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ServiceSettings;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.abuse.Authenticator;
import org.libertymail.adapter.protocol.connector.ServiceRules;
import org.libertymail.adapter.support.InMemoryMailStore;
import org.libertymail.adapter.support.RecordingOutput;
import org.libertymail.adapter.support.Sessions;

class Pop3SessionTest {
    private static final String FIRST = "Subject: one\r\n\r\n.dot\r\nbody\r\n";
    private static final String SECOND = "Subject: two\r\n\r\nsecond\r\n";
    private InMemoryMailStore store;
    private RecordingOutput out;
    private Pop3Session pop;
    private String greeting;

    @BeforeEach
    void connect() {
        store = new InMemoryMailStore().domain("example.com").mailbox("alice@example.com", "secret pw");
        store.add("alice@example.com", FIRST);
        store.add("alice@example.com", SECOND);
        out = new RecordingOutput();
        pop = new Pop3Session(Sessions.loopback(Protocol.POP3), out, store);
        pop.start();
        greeting = out.last();
        assertTrue(greeting.matches("\\+OK LibertyMail POP3 server ready <[0-9a-f]+\\.[0-9]+@localhost>"),
                "the greeting carries APOP's timestamp: " + greeting);
    }

    private String send(String line) {
        pop.onFrame(ascii(line));
        return out.last();
    }

    private void login() {
        assertEquals("+OK Send your password", send("USER alice@example.com"));
        assertEquals("+OK Maildrop has 2 messages (" + (FIRST.length() + SECOND.length()) + " octets)",
                send("PASS secret pw"));
    }

    @Test
    void wrongPasswordIsRefusedWithAuthCode() {
        send("USER alice@example.com");
        assertEquals("-ERR [AUTH] Invalid user name or password", send("PASS nope"));
        assertEquals("-ERR Command not valid before authentication", send("STAT"));
    }

    @Test
    void statListAndUidl() {
        login();
        assertEquals("+OK 2 " + (FIRST.length() + SECOND.length()), send("STAT"));
        pop.onFrame(ascii("LIST"));
        assertEquals(List.of("+OK Scan listing follows", "1 " + FIRST.length(), "2 " + SECOND.length(), "."), out.take());
        pop.onFrame(ascii("UIDL"));
        assertEquals(List.of("+OK Unique-ID listing follows", "1 1234.1", "2 1234.2", "."), out.take());
        assertEquals("+OK 2 1234.2", send("UIDL 2"));
        assertEquals("-ERR No such message", send("LIST 3"));
        assertEquals("-ERR Invalid message number", send("LIST x"));
    }

    @Test
    void retrDotStuffsTheContent() {
        login();
        pop.onFrame(ascii("RETR 1"));
        assertEquals(List.of("+OK " + FIRST.length() + " octets", "Subject: one", "", "..dot", "body", "."), out.take());
    }

    @Test
    void topSendsHeaderAndRequestedBodyLines() {
        login();
        pop.onFrame(ascii("TOP 1 1"));
        assertEquals(List.of("+OK Top of message follows", "Subject: one", "", "..dot", "."), out.take());
    }

    @Test
    void aMessageAnotherSessionRemovedIsRefusedAndTheSessionGoesOn() {
        login();
        store.delete("alice@example.com", "INBOX", List.of(2L)); // an IMAP client expunged it meanwhile
        assertEquals("-ERR Message 2 was removed by another session", send("RETR 2"));
        assertEquals("-ERR Message 2 was removed by another session", send("TOP 2 0"));
        pop.onFrame(ascii("RETR 1"));
        assertEquals("+OK " + FIRST.length() + " octets", out.take().get(0));
    }

    @Test
    void deletionsApplyOnlyAtQuit() {
        login();
        assertEquals("+OK Message 1 deleted", send("DELE 1"));
        assertEquals("-ERR Message 1 already deleted", send("RETR 1"));
        assertEquals("+OK 1 " + SECOND.length(), send("STAT"));
        assertEquals(2, store.messages("alice@example.com").size(), "nothing is removed before QUIT");
        assertEquals("+OK LibertyMail POP3 server signing off (1 messages deleted)", send("QUIT"));
        assertEquals(1, store.messages("alice@example.com").size());
        assertTrue(out.closed());
    }

    @Test
    void rsetUnmarksDeletions() {
        login();
        send("DELE 2");
        send("RSET");
        send("QUIT");
        assertEquals(2, store.messages("alice@example.com").size());
    }

    @Test
    void disconnectWithoutQuitDeletesNothing() {
        login();
        send("DELE 1");
        pop.onDisconnect();
        assertEquals(2, store.messages("alice@example.com").size());
    }

    @Test
    void plaintextLoginIsRefusedOnInsecureConnections() {
        Pop3Session remote = new Pop3Session(Sessions.remote(), out, store);
        remote.onFrame(ascii("USER alice@example.com"));
        assertEquals("-ERR [AUTH] Plaintext authentication is disallowed on insecure connections", out.last());
        remote.onFrame(ascii("CAPA"));
        assertTrue(!out.take().contains("USER"), "USER is not advertised where it cannot be used");
    }

    @Test
    void largeMessageIsSentInPiecesDotStuffedAcrossPieceBoundaries() {
        StringBuilder big = new StringBuilder("Subject: big\r\n\r\n");
        while (big.length() < 3 * 1024 * 1024) {
            big.append(".").append("d".repeat(70)).append("\r\n");
        }
        // Make a line start exactly at the first piece boundary (256 KiB).
        int boundary = 256 * 1024;
        big.replace(boundary - 2, boundary + 1, "\r\n.");
        long uid = store.add("alice@example.com", big.toString());
        send("USER alice@example.com");
        assertTrue(send("PASS secret pw").startsWith("+OK Maildrop has 3 messages"));
        store.calls.clear();
        pop.onFrame(ascii("RETR 3"));
        List<String> lines = out.take();
        assertEquals("+OK " + big.length() + " octets", lines.get(0));
        assertEquals(".", lines.get(lines.size() - 1));
        String expected = new String(DotStuffing.encode(big.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                big.length()), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(expected, String.join("\r\n", lines.subList(1, lines.size() - 1)) + "\r\n");
        assertTrue(store.calls.stream().filter(c -> c.startsWith("readContent " + uid)).count() >= 12,
                "read in 256 KiB pieces: " + store.calls);
        assertTrue(out.waits >= 12, "each piece is handed to the transport before the next is read");
    }

    @Test
    void aSecondSessionOnTheMaildropIsInUseUntilTheFirstEnds() {
        LoginDelays locks = new LoginDelays();
        Authenticator auth = Authenticator.unthrottled((u, p) -> store.authenticate(u, p, Protocol.POP3));
        RecordingOutput firstOut = new RecordingOutput();
        Pop3Session first = new Pop3Session(Sessions.loopback(Protocol.POP3), firstOut, store, auth, locks);
        RecordingOutput secondOut = new RecordingOutput();
        Pop3Session second = new Pop3Session(Sessions.loopback(Protocol.POP3), secondOut, store, auth, locks);
        first.onFrame(ascii("USER alice@example.com"));
        first.onFrame(ascii("PASS secret pw"));
        assertTrue(firstOut.last().startsWith("+OK Maildrop"));
        second.onFrame(ascii("USER alice@example.com"));
        second.onFrame(ascii("PASS secret pw"));
        assertEquals("-ERR [IN-USE] Maildrop already locked by another session", secondOut.last());
        assertEquals(1, store.maildropLocks.size(), "the lock is the store's: every server sees it");
        second.onFrame(ascii("STAT"));
        assertTrue(secondOut.last().startsWith("-ERR"), "still not logged in: " + secondOut.last());

        first.onDisconnect(); // a dropped connection lets the maildrop go, deleting nothing
        second.onFrame(ascii("USER alice@example.com"));
        second.onFrame(ascii("PASS secret pw"));
        assertEquals("+OK Maildrop has 2 messages (52 octets)", secondOut.last());
        second.onFrame(ascii("QUIT"));
        first = new Pop3Session(Sessions.loopback(Protocol.POP3), firstOut, store, auth, locks);
        first.onFrame(ascii("USER alice@example.com"));
        first.onFrame(ascii("PASS secret pw"));
        assertTrue(firstOut.last().startsWith("+OK Maildrop"), "free again after QUIT: " + firstOut.last());
    }

    @Test
    void retrievalOrderExpireAndLoginDelayFollowTheServiceSettings() {
        store.add("alice@example.com", "Subject: three\r\n\r\nthird\r\n"); // delivered last: newest
        ServiceSettings settings = new ServiceSettings(List.of("127.0.0.1:110"), List.of(), null, "SecureLogin", 0, 0, 0,
                0, 0, 0, List.of(), List.of(), false, 0, "Descending", "30", 60, null, false, false);
        Endpoint endpoint = ServiceRules.endpoints(Protocol.POP3, settings).get(0);
        Authenticator auth = Authenticator.unthrottled((u, p) -> store.authenticate(u, p, Protocol.POP3));
        LoginDelays locks = new LoginDelays();
        RecordingOutput o = new RecordingOutput();
        Pop3Session session = new Pop3Session(Sessions.loopback(endpoint), o, store, auth, locks);
        session.onFrame(ascii("CAPA"));
        List<String> capa = o.take();
        assertTrue(capa.contains("EXPIRE 30") && capa.contains("LOGIN-DELAY 60"), capa.toString());
        session.onFrame(ascii("USER alice@example.com"));
        session.onFrame(ascii("PASS secret pw"));
        o.take();
        session.onFrame(ascii("TOP 1 0"));
        assertTrue(o.take().contains("Subject: three"), "message 1 is the newest");
        session.onFrame(ascii("TOP 3 0"));
        assertTrue(o.take().contains("Subject: one"), "and the last the oldest");
        session.onFrame(ascii("QUIT"));

        RecordingOutput again = new RecordingOutput();
        Pop3Session soon = new Pop3Session(Sessions.loopback(endpoint), again, store, auth, locks);
        soon.onFrame(ascii("USER alice@example.com"));
        soon.onFrame(ascii("PASS secret pw"));
        assertEquals("-ERR [LOGIN-DELAY] Logged in less than 60 seconds ago; try again later", again.last());
    }

    @Test
    void retrievingInOrderReadsTheNextMessagesInTheSameStoreCall() {
        send("USER alice@example.com");
        send("PASS secret pw");
        store.calls.clear();
        send("RETR 1");
        send("RETR 2");
        assertEquals(List.of("fetch [1, 2] CONTENT"), store.calls.stream().filter(c -> c.startsWith("fetch")).toList());
        send("DELE 1");
        store.calls.clear();
        send("RETR 2"); // read ahead and given out already: read again, alone
        assertEquals(List.of("fetch [2] CONTENT"), store.calls.stream().filter(c -> c.startsWith("fetch")).toList());
    }

    private static final String ALTERNATIVE = "Subject: both\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nPlain words\r\n"
            + "--b1\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n<p>HTML words</p>\r\n--b1--\r\n";

    private Pop3Session withFormat(String format, RecordingOutput o) {
        ServiceSettings settings = new ServiceSettings(List.of("127.0.0.1:110"), List.of(), null, "SecureLogin", 0, 0, 0,
                0, 0, 0, List.of(), List.of(), false, 0, null, null, 0, format, false, false);
        Endpoint endpoint = ServiceRules.endpoints(Protocol.POP3, settings).get(0);
        return new Pop3Session(Sessions.loopback(endpoint), o, store,
                Authenticator.unthrottled((u, p) -> store.authenticate(u, p, Protocol.POP3)));
    }

    @Test
    void messagesAreServedInTheServiceFormatAndListTellsTheServedSize() {
        store.add("alice@example.com", ALTERNATIVE);
        RecordingOutput o = new RecordingOutput();
        Pop3Session session = withFormat("TextOnly", o);
        session.onFrame(ascii("USER alice@example.com"));
        session.onFrame(ascii("PASS secret pw"));
        session.onFrame(ascii("LIST 3"));
        long listed = Long.parseLong(o.last().split(" ")[2]);
        o.take();
        session.onFrame(ascii("RETR 3"));
        List<String> lines = o.take();
        String served = String.join("\r\n", lines.subList(1, lines.size() - 1)) + "\r\n";
        assertEquals("+OK " + listed + " octets", lines.get(0));
        assertEquals(listed, served.length(), "LIST told what RETR sent");
        assertTrue(served.contains("Content-Type: text/plain") && served.contains("Plain words"), served);
        assertTrue(!served.contains("HTML words"), "the HTML alternative is not served: " + served);
        session.onFrame(ascii("TOP 3 0"));
        assertTrue(String.join("\n", o.take()).contains("text/plain"), "TOP serves the same rendition");
        session.onFrame(ascii("QUIT"));
        assertTrue(store.renditions.containsKey("alice@example.com TextOnly 3"), store.renditions.toString());

        store.calls.clear();
        RecordingOutput again = new RecordingOutput();
        Pop3Session next = withFormat("TextOnly", again);
        next.onFrame(ascii("USER alice@example.com"));
        next.onFrame(ascii("PASS secret pw"));
        next.onFrame(ascii("LIST 3"));
        assertEquals("+OK 3 " + listed, again.last());
        assertTrue(store.calls.stream().noneMatch(c -> c.startsWith("fetch")),
                "the sizes are known: nothing is read to tell them " + store.calls);
    }

    @Test
    void aMailboxsOwnFormatAndOrderBeatTheService() {
        store.add("alice@example.com", ALTERNATIVE);
        store.overrides.put("alice@example.com", new MailboxOverrides("Descending", "HtmlOnly"));
        RecordingOutput o = new RecordingOutput();
        Pop3Session session = withFormat("TextOnly", o);
        session.onFrame(ascii("USER alice@example.com"));
        session.onFrame(ascii("PASS secret pw"));
        o.take();
        session.onFrame(ascii("RETR 1")); // newest first: the multipart
        String served = String.join("\n", o.take());
        assertTrue(served.contains("Content-Type: text/html") && served.contains("HTML words") && !served.contains("Plain words"),
                served);
    }

    @Test
    void apopLogsInOnlyAMailboxGivenASecret() {
        String timestamp = greeting.substring(greeting.indexOf('<'));
        assertEquals("-ERR [AUTH] Invalid user name or password",
                send("APOP alice@example.com " + ApopDigest.of(timestamp, "secret pw")), "no APOP secret: no APOP");
        store.apopSecrets.put("alice@example.com", "apop secret");
        assertEquals("-ERR [AUTH] Invalid user name or password",
                send("APOP alice@example.com " + ApopDigest.of(timestamp, "wrong")));
        assertEquals("-ERR Syntax: APOP name digest", send("APOP alice@example.com nothex"));
        assertTrue(send("APOP alice@example.com " + ApopDigest.of(timestamp, "apop secret")).startsWith("+OK Maildrop has 2"));
        assertEquals("-ERR Already authenticated", send("APOP alice@example.com " + ApopDigest.of(timestamp, "apop secret")));
    }

    @Test
    void everySessionIsGreetedWithADifferentTimestamp() {
        RecordingOutput other = new RecordingOutput();
        new Pop3Session(Sessions.loopback(Protocol.POP3), other, store).start();
        assertTrue(!other.last().equals(greeting), greeting);
    }
}
