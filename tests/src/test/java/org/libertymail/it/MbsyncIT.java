package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mbsync (isync, from Debian's packages) syncing a local Maildir with the server both ways: mail
 * delivered over SMTP comes down; a folder created and a message flagged locally go up.
 * mbsync leans on UIDPLUS, LIST, CREATE, APPEND, STORE and UID FETCH with BODY.PEEK and FLAGS.
 */
class MbsyncIT {
    private static final String DOMAIN = "mbsync.it.test";
    private static final String PASSWORD = "mbsync-secret";

    @BeforeAll
    static void createDomain() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    private static String mbsync(Path config) throws Exception {
        Process p = new ProcessBuilder("mbsync", "-c", config.toString(), "-a").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static List<Path> messages(Path maildir) throws Exception {
        try (Stream<Path> files = Stream.concat(Files.list(maildir.resolve("cur")), Files.list(maildir.resolve("new")))) {
            return files.sorted().toList();
        }
    }

    @Test
    void syncsBothWays() throws Exception {
        String user = ServerUnderTest.createMailbox("sync", DOMAIN, PASSWORD);
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            assertTrue(smtp.send("s@outside.example", List.of(user),
                    "Subject: down\r\n\r\nto the laptop\r\n".getBytes(StandardCharsets.US_ASCII)).startsWith("250 "));
        }
        Path home = Files.createTempDirectory("mbsync");
        Path mail = Files.createDirectories(home.resolve("mail"));
        Path config = home.resolve("mbsyncrc");
        Files.writeString(config, """
                IMAPAccount server
                Host %s
                Port %d
                User %s
                Pass %s
                SSLType None
                AuthMechs LOGIN

                IMAPStore remote
                Account server

                MaildirStore local
                Path %s/
                Inbox %s/INBOX
                SubFolders Verbatim

                Channel everything
                Far :remote:
                Near :local:
                Patterns *
                Create Both
                Expunge Both
                SyncState *
                """.formatted(ServerUnderTest.HOST, ServerUnderTest.IMAP, user, PASSWORD, mail, mail));
        mbsync(config);
        List<Path> inbox = messages(mail.resolve("INBOX"));
        assertEquals(1, inbox.size(), inbox.toString());
        assertTrue(Files.readString(inbox.get(0)).contains("to the laptop"));
        assertTrue(Files.isDirectory(mail.resolve("Sent").resolve("cur")), "the server's folders come down");

        // Locally: flag the message (Maildir info ":2,F") and make a new folder with a message.
        Path message = inbox.get(0);
        String name = message.getFileName().toString();
        String base = name.contains(":2,") ? name.substring(0, name.indexOf(":2,")) : name;
        String flags = name.contains(":2,") ? name.substring(name.indexOf(":2,") + 3) : "";
        Files.move(message, mail.resolve("INBOX").resolve("cur").resolve(base + ":2," + "F" + flags.replace("F", "")));
        Path projects = mail.resolve("Projects");
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(projects.resolve(sub));
        }
        Files.writeString(projects.resolve("new").resolve("1700000000.1.laptop"),
                "Subject: up\r\n\r\nfrom the laptop\r\n");
        mbsync(config);

        try (LineClient imap = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            imap.line();
            imap.write("a LOGIN " + user + " " + PASSWORD + "\r\n");
            imap.tagged("a");
            imap.write("b LIST \"\" Projects\r\n");
            assertTrue(imap.line().endsWith("\"Projects\""));
            imap.tagged("b");
            imap.write("c EXAMINE INBOX\r\nd FETCH 1 FLAGS\r\n");
            imap.tagged("c");
            String fetched = imap.line();
            assertTrue(fetched.contains("\\Flagged"), fetched);
            imap.tagged("d");
            imap.write("e EXAMINE Projects\r\nf FETCH 1 BODY.PEEK[TEXT]\r\n");
            imap.tagged("e");
            assertTrue(imap.line().startsWith("* 1 FETCH"));
            assertEquals("from the laptop", imap.line());
            imap.tagged("f");
        }
    }
}
