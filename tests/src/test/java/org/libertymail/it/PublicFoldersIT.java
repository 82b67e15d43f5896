package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.JsonObject;
import jakarta.mail.Folder;
import jakarta.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Public folders: created and shared by the administrator over REST, seen by IMAP clients under
 * the shared namespace "Public Folders/", with the rights of RFC 4314 enforced on SELECT, APPEND,
 * STORE, EXPUNGE and COPY, and changes told to every session on the folder.
 */
class PublicFoldersIT {
    private static final String DOMAIN = "public.it.test";
    private static final String OTHER_DOMAIN = "outsiders.it.test";
    private static final String PASSWORD = "public-secret";
    private static final String MESSAGE = "Subject: notice\r\n\r\nThe canteen opens at noon.\r\n";

    @BeforeAll
    static void createDomains() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        ServerUnderTest.createDomain(OTHER_DOMAIN);
    }

    private static LineClient login(String user) throws Exception {
        return LineClient.imapLogin(user, PASSWORD);
    }

    private static List<String> run(LineClient imap, String tag, String command) throws Exception {
        return imap.imap(tag, command);
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    private static String append(LineClient imap, String tag, String folder, String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        imap.write(tag + " APPEND \"" + folder + "\" {" + bytes.length + "+}\r\n" + message + "\r\n");
        return imap.tagged(tag);
    }

    private static JsonObject createFolder(String json) throws Exception {
        HttpResponse<String> r = ServerUnderTest.admin("POST", "/public-folders", json);
        assertEquals(201, r.statusCode(), r.body());
        return ServerUnderTest.json(r);
    }

    private static String path(String name) {
        return "/public-folders/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("%2F", "/").replace("+", "%20");
    }

    @Test
    void readersReadWritersWriteAndOutsidersSeeNothing() throws Exception {
        String writer = ServerUnderTest.createMailbox("writer", DOMAIN, PASSWORD);
        String reader = ServerUnderTest.createMailbox("reader", DOMAIN, PASSWORD);
        String outsider = ServerUnderTest.createMailbox("outsider", OTHER_DOMAIN, PASSWORD);
        JsonObject created = createFolder("{\"name\":\"Company/News\",\"permissions\":{\"@" + DOMAIN + "\":\"read\",\""
                + writer + "\":\"read-write\"}}");
        assertEquals("Company/News", created.getString("name"));
        assertEquals("lr", created.getJsonObject("permissions").getString("@" + DOMAIN));
        assertEquals("lrswite", created.getJsonObject("permissions").getString(writer));

        try (LineClient w = login(writer); LineClient r = login(reader); LineClient o = login(outsider)) {
            List<String> list = run(w, "b", "LIST \"\" \"Public Folders*\"");
            assertEquals(List.of("* LIST (\\Noselect \\HasChildren) \"/\" \"Public Folders\"",
                    "* LIST (\\Noselect \\HasChildren) \"/\" \"Public Folders/Company\"",
                    "* LIST (\\HasNoChildren) \"/\" \"Public Folders/Company/News\"", "b OK LIST completed"), list);
            assertTrue(append(w, "c", "Public Folders/Company/News", MESSAGE).matches("c OK \\[APPENDUID \\d+ 1\\] .*"));
            assertEquals(List.of("* MYRIGHTS \"Public Folders/Company/News\" lrswite", "d OK MYRIGHTS completed"),
                    run(w, "d", "MYRIGHTS \"Public Folders/Company/News\""));

            // A reader: the folder opens read-only, and nothing in it can change.
            assertEquals(List.of("* MYRIGHTS \"Public Folders/Company/News\" lr", "b OK MYRIGHTS completed"),
                    run(r, "b", "MYRIGHTS \"Public Folders/Company/News\""));
            List<String> select = run(r, "c", "SELECT \"Public Folders/Company/News\"");
            assertTrue(select.contains("* 1 EXISTS"), select.toString());
            assertTrue(select.contains("* OK [PERMANENTFLAGS ()] Limited"), select.toString());
            assertEquals("c OK [READ-ONLY] SELECT completed", last(select));
            assertTrue(last(run(r, "d", "FETCH 1 BODY[]")).startsWith("d OK"));
            assertEquals("e NO [READ-ONLY] Mailbox is read-only", last(run(r, "e", "STORE 1 +FLAGS (\\Deleted)")));
            assertEquals("f NO [NOPERM] You may not add messages to this folder",
                    append(r, "f", "Public Folders/Company/News", MESSAGE));
            assertEquals("g NO [NOPERM] Public folders are managed by the administrator",
                    last(run(r, "g", "CREATE \"Public Folders/Mine\"")));
            assertEquals("h NO [NOPERM] Public folders are managed by the administrator",
                    last(run(r, "h", "DELETE \"Public Folders/Company/News\"")));
            assertEquals("i NO [NOPERM] Access rights are managed by the administrator",
                    last(run(r, "i", "SETACL \"Public Folders/Company/News\" " + reader + " lrswite")));
            // COPY out of it into the reader's own folder works: reading is all it needs.
            assertTrue(last(run(r, "j", "COPY 1 INBOX")).startsWith("j OK [COPYUID "));
            assertEquals("k NO [NOPERM] You may not add messages to this folder",
                    last(run(r, "k", "COPY 1 \"Public Folders/Company/News\"")));

            // Another domain's account has no grant: the folders do not exist for it.
            assertEquals(List.of("b OK LIST completed"), run(o, "b", "LIST \"\" \"Public*\""));
            assertEquals("c NO [NONEXISTENT] Mailbox does not exist", last(run(o, "c", "SELECT \"Public Folders/Company/News\"")));
            assertTrue(append(o, "d", "Public Folders/Company/News", MESSAGE).startsWith("d NO [TRYCREATE]"));
        }
    }

    @Test
    void theWriterFlagsAndExpungesAndReadersOnTheFolderAreToldWhileIdle() throws Exception {
        String writer = ServerUnderTest.createMailbox("editor", DOMAIN, PASSWORD);
        String reader = ServerUnderTest.createMailbox("follower", DOMAIN, PASSWORD);
        createFolder("{\"name\":\"Bulletins\",\"permissions\":{\"" + reader + "\":\"read\",\"" + writer + "\":\"read-write\"}}");
        try (LineClient w = login(writer); LineClient r = login(reader)) {
            assertTrue(append(w, "b", "Public Folders/Bulletins", MESSAGE).startsWith("b OK"));
            assertEquals("c OK [READ-WRITE] SELECT completed", last(run(w, "c", "SELECT \"Public Folders/Bulletins\"")));
            assertTrue(last(run(r, "b", "EXAMINE \"Public Folders/Bulletins\"")).startsWith("b OK [READ-ONLY]"));
            assertEquals("+ idling", r.command("c IDLE"));

            assertTrue(append(w, "d", "Public Folders/Bulletins", MESSAGE).startsWith("d OK"));
            assertEquals("* 2 EXISTS", r.line());
            assertEquals("* 0 RECENT", r.line()); // EXAMINE claims no \Recent message
            assertTrue(last(run(w, "e", "STORE 1 +FLAGS.SILENT (\\Deleted)")).startsWith("e OK"));
            assertEquals("* 1 FETCH (FLAGS (\\Deleted))", r.line());
            assertTrue(last(run(w, "f", "EXPUNGE")).startsWith("f OK"));
            assertEquals("* 1 EXPUNGE", r.line());
            assertEquals("c OK IDLE terminated", r.command("DONE"));
        }
        HttpResponse<String> folder = ServerUnderTest.admin("GET", path("Bulletins"), null);
        assertEquals(200, folder.statusCode(), folder.body());
        assertEquals(1, ServerUnderTest.json(folder).getInt("messages"));
    }

    @Test
    void partialRightsKeepOnlyTheFlagsTheyCover() throws Exception {
        String user = ServerUnderTest.createMailbox("marker", DOMAIN, PASSWORD);
        createFolder("{\"name\":\"Read receipts\",\"permissions\":{\"" + user + "\":\"lrsi\"}}");
        try (LineClient imap = login(user)) {
            assertTrue(append(imap, "b", "Public Folders/Read receipts", MESSAGE).startsWith("b OK"));
            List<String> select = run(imap, "c", "SELECT \"Public Folders/Read receipts\"");
            assertTrue(select.contains("* OK [PERMANENTFLAGS (\\Seen)] Limited"), select.toString());
            // \Flagged needs "w": left alone, while \Seen ("s") is kept
            assertEquals(List.of("* 1 FETCH (FLAGS (\\Seen \\Recent))", "d OK STORE completed"),
                    run(imap, "d", "STORE 1 +FLAGS (\\Seen \\Flagged)"));
            assertEquals("e NO [NOPERM] You may not change these flags in this folder",
                    last(run(imap, "e", "STORE 1 +FLAGS (\\Flagged)")));
            assertEquals("f NO [NOPERM] You may not expunge messages in this folder", last(run(imap, "f", "EXPUNGE")));
            assertEquals("g NO [NOPERM] You may not move messages out of this folder",
                    last(run(imap, "g", "MOVE 1 INBOX")));
            assertEquals("h OK CLOSE completed", last(run(imap, "h", "CLOSE")));
        }
    }

    @Test
    void jakartaMailFindsTheSharedNamespaceAndReadsTheFolder() throws Exception {
        String user = ServerUnderTest.createMailbox("jakarta", DOMAIN, PASSWORD);
        createFolder("{\"name\":\"Handbook\",\"permissions\":{\"anyone\":\"read-write\"}}");
        try (LineClient imap = login(user)) {
            assertTrue(append(imap, "b", "Public Folders/Handbook", MESSAGE).startsWith("b OK"));
        }
        try (Store store = ServerUnderTest.mailSession().getStore("imap")) {
            store.connect(user, PASSWORD);
            readHandbook(store);
        } finally {
            // "anyone" would show the folder to every other test's accounts
            assertEquals(204, ServerUnderTest.admin("DELETE", path("Handbook"), null).statusCode());
        }
    }

    private static void readHandbook(Store store) throws Exception {
        Folder[] shared = store.getSharedNamespaces();
        assertEquals(1, shared.length);
        assertEquals("Public Folders", shared[0].getFullName());
        Set<String> names = new TreeSet<>();
        Arrays.stream(shared[0].list()).forEach(f -> names.add(f.getFullName()));
        assertTrue(names.contains("Public Folders/Handbook"), names.toString());
        Folder handbook = store.getFolder("Public Folders/Handbook");
        handbook.open(Folder.READ_WRITE);
        assertEquals("notice", handbook.getMessage(1).getSubject());
        handbook.close(false);
    }

    @Test
    void concurrentWritersGetDistinctUids() throws Exception {
        createFolder("{\"name\":\"Busy\",\"permissions\":{\"@" + DOMAIN + "\":\"read-write\"}}");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            users.add(ServerUnderTest.createMailbox("busy" + i, DOMAIN, PASSWORD));
        }
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (String user : users) {
                Callable<List<String>> task = () -> {
                    List<String> answers = new ArrayList<>();
                    try (LineClient imap = login(user)) {
                        for (int n = 0; n < 10; n++) {
                            answers.add(append(imap, "t" + n, "Public Folders/Busy", MESSAGE));
                        }
                    }
                    return answers;
                };
                results.add(pool.submit(task));
            }
            Set<String> uids = new TreeSet<>();
            for (Future<List<String>> f : results) {
                for (String answer : f.get()) {
                    assertTrue(answer.contains("OK [APPENDUID "), answer);
                    uids.add(answer.split(" ")[4].replace("]", ""));
                }
            }
            assertEquals(40, uids.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void restValidatesNamesGranteesAndRightsAndManagesTheFolders() throws Exception {
        String user = ServerUnderTest.createMailbox("granted", DOMAIN, PASSWORD);
        createFolder("{\"name\":\"Archive 2025\"}");
        assertEquals(409, ServerUnderTest.admin("POST", "/public-folders", "{\"name\":\"Archive 2025\"}").statusCode());
        HttpResponse<String> bad = ServerUnderTest.admin("POST", "/public-folders", "{\"name\":\"a//b\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("name", ServerUnderTest.json(bad).getString("field"));
        bad = ServerUnderTest.admin("PATCH", path("Archive 2025"), "{\"permissions\":{\"" + user + "\":\"rwz\"}}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("permissions", ServerUnderTest.json(bad).getString("field"));
        bad = ServerUnderTest.admin("PATCH", path("Archive 2025"), "{\"permissions\":{\"nobody@" + DOMAIN + "\":\"read\"}}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals(404, ServerUnderTest.admin("GET", path("No such folder"), null).statusCode());

        try (LineClient imap = login(user)) {
            assertEquals(List.of("b OK LIST completed"), run(imap, "b", "LIST \"Public Folders/\" Archive*"));
            HttpResponse<String> granted = ServerUnderTest.admin("PATCH", path("Archive 2025"),
                    "{\"permissions\":{\"" + user + "\":\"read\"}}");
            assertEquals(200, granted.statusCode(), granted.body());
            // the next command already sees the grant: rights are not cached
            assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" \"Public Folders/Archive 2025\"", "c OK LIST completed"),
                    run(imap, "c", "LIST \"Public Folders/\" Archive*"));
            assertTrue(last(run(imap, "d", "SELECT \"Public Folders/Archive 2025\"")).startsWith("d OK [READ-ONLY]"));
            HttpResponse<String> revoked = ServerUnderTest.admin("PATCH", path("Archive 2025"),
                    "{\"permissions\":{\"" + user + "\":null}}");
            assertEquals(200, revoked.statusCode(), revoked.body());
            assertFalse(ServerUnderTest.json(revoked).getJsonObject("permissions").containsKey(user));
            assertEquals("e NO [NONEXISTENT] Mailbox does not exist",
                    last(run(imap, "e", "STATUS \"Public Folders/Archive 2025\" (MESSAGES)")));
        }
        assertEquals(204, ServerUnderTest.admin("DELETE", path("Archive 2025"), null).statusCode());
        assertEquals(404, ServerUnderTest.admin("GET", path("Archive 2025"), null).statusCode());
        HttpResponse<String> all = ServerUnderTest.admin("GET", "/public-folders", null);
        assertEquals(200, all.statusCode());
        assertFalse(all.body().contains("Archive 2025"), all.body());
        // the public store is not a mailbox
        assertFalse(ServerUnderTest.admin("GET", "/mailboxes", null).body().contains("#public"));
    }
}
