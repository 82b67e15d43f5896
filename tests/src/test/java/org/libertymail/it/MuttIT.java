package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mutt (from Debian's packages) opening the INBOX over IMAP and saving the first message to a
 * file, driven by keys pushed at start-up under a pseudo-terminal (script), as a user would.
 * mutt reads the index with FETCH (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS …]).
 */
class MuttIT {
    private static final String DOMAIN = "mutt.it.test";
    private static final String PASSWORD = "mutt-secret";

    @BeforeAll
    static void createDomain() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    @Test
    void muttReadsAMessageOverImap() throws Exception {
        String user = ServerUnderTest.createMailbox("reader", DOMAIN, PASSWORD);
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            assertTrue(smtp.send("s@outside.example", List.of(user),
                    "From: Ann <ann@outside.example>\r\nSubject: for mutt\r\n\r\nread me in mutt\r\n"
                            .getBytes(StandardCharsets.US_ASCII)).startsWith("250 "));
        }
        Path home = Files.createTempDirectory("mutt");
        Path saved = home.resolve("saved.txt");
        Path rc = home.resolve("muttrc");
        Files.writeString(rc, """
                set folder="imap://%s@%s:%d/"
                set imap_pass="%s"
                set spoolfile="+INBOX"
                set ssl_starttls=no
                set ssl_force_tls=no
                set mail_check=0
                set timeout=0
                set move=no
                set quit=yes
                set confirmappend=no
                set wait_key=no
                set header_cache=""
                set message_cachedir=""
                """.formatted(user.replace("@", "%40"), ServerUnderTest.HOST, ServerUnderTest.IMAP, PASSWORD));
        String keys = "<pipe-message>cat > " + saved + "<enter><quit>";
        ProcessBuilder pb = new ProcessBuilder("script", "-qec",
                "mutt -n -F " + rc + " -e 'push \"" + keys + "\"'", "/dev/null");
        pb.environment().put("TERM", "xterm");
        pb.environment().put("HOME", home.toString());
        Process p = pb.redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mutt did not finish");
        String screen = new String(out, StandardCharsets.UTF_8);
        assertTrue(Files.exists(saved), "mutt saved nothing; its screen: " + screen);
        String message = Files.readString(saved);
        assertTrue(message.contains("Subject: for mutt"), message);
        assertTrue(message.contains("read me in mutt"), message);
        assertEquals(0, p.exitValue(), screen);
    }
}
