package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Folders an administrator hides from IMAP listings, and ShowHiddenFolders per IMAP service and
 * per mailbox (Exchange's Set-ImapSettings / Set-CASMailbox).
 */
class HiddenFoldersIT {
    private static final String USER = "hilda@hidden.it.test";
    private static final String PASSWORD = "hidden-secret-1";

    @BeforeAll
    static void mailbox() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain("hidden.it.test");
        ServerUnderTest.createMailbox(USER, PASSWORD);
        try (LineClient imap = LineClient.imapLogin(USER, PASSWORD)) {
            assertTrue(imap.imap("b", "CREATE Legal").get(0).startsWith("b OK"));
        }
    }

    private static boolean listed(String folder) throws Exception {
        try (LineClient imap = LineClient.imapLogin(USER, PASSWORD)) {
            List<String> list = imap.imap("l", "LIST \"\" *");
            List<String> lsub = imap.imap("s", "LSUB \"\" *");
            boolean inList = list.stream().anyMatch(l -> names(l, folder));
            boolean inLsub = lsub.stream().anyMatch(l -> names(l, folder));
            assertTrue(inList || !inLsub, "LSUB never names a folder LIST hides: " + list + lsub);
            assertTrue(imap.imap("e", "EXAMINE " + folder).stream().anyMatch(l -> l.startsWith("e OK")), "always selectable");
            return inList;
        }
    }

    private static boolean names(String line, String folder) {
        return line.endsWith(" " + folder) || line.endsWith(" \"" + folder + "\"");
    }

    @Test
    void aHiddenFolderIsListedOnlyWhereHiddenFoldersAreShown() throws Exception {
        assertTrue(listed("Legal"));
        HttpResponse<String> hidden = ServerUnderTest.admin("PATCH", "/mailboxes/" + USER + "/folders",
                "{\"name\":\"Legal\",\"hidden\":true}");
        assertEquals(200, hidden.statusCode(), hidden.body());
        assertTrue(ServerUnderTest.json(hidden).getJsonArray("folders").getValuesAs(JsonObject.class).stream()
                .anyMatch(f -> f.getString("name").equals("Legal") && f.getBoolean("hidden")));
        assertTrue(!listed("Legal"), "hidden from LIST");

        assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"showHiddenFolders\":true}").statusCode());
        try {
            assertTrue(listed("Legal"), "the IMAP service shows hidden folders");
            assertEquals(200, ServerUnderTest.admin("PATCH", "/mailboxes/" + USER, "{\"imap\":{\"showHiddenFolders\":false}}")
                    .statusCode());
            assertTrue(!listed("Legal"), "the mailbox's own setting wins");
        } finally {
            assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"showHiddenFolders\":false}").statusCode());
        }
        assertEquals(200, ServerUnderTest.admin("PATCH", "/mailboxes/" + USER, "{\"imap\":{\"showHiddenFolders\":true}}").statusCode());
        assertTrue(listed("Legal"), "a mailbox may show them where the service does not");
        assertEquals(200, ServerUnderTest.admin("PATCH", "/mailboxes/" + USER, "{\"imap\":{\"showHiddenFolders\":null}}").statusCode());
        assertTrue(!listed("Legal"), "back to the service's setting");

        assertEquals(400, ServerUnderTest.admin("PATCH", "/mailboxes/" + USER + "/folders", "{\"name\":\"INBOX\",\"hidden\":true}")
                .statusCode());
        assertEquals(404, ServerUnderTest.admin("PATCH", "/mailboxes/" + USER + "/folders", "{\"name\":\"Nope\",\"hidden\":true}")
                .statusCode());
        assertEquals(200, ServerUnderTest.admin("PATCH", "/mailboxes/" + USER + "/folders", "{\"name\":\"Legal\",\"hidden\":false}")
                .statusCode());
        assertTrue(listed("Legal"));
    }
}
