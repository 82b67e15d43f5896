package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin REST API: authentication, resources, and problem documents for bad input. */
class AdminApiIT {
    @BeforeAll
    static void ready() throws Exception {
        ServerUnderTest.awaitReady();
    }

    @Test
    void apiRequiresTheAdminCredentials() throws Exception {
        assertEquals(401, ServerUnderTest.send("GET", "/api/v1/domains", null, null, null).statusCode());
        assertEquals(401, ServerUnderTest.send("GET", "/api/v1/domains", null, "admin", "wrong").statusCode());
        assertEquals(200, ServerUnderTest.admin("GET", "/domains", null).statusCode());
    }

    @Test
    void generatedAdminPasswordIsLoggedExactlyOnce() throws Exception {
        String password = ServerUnderTest.adminPassword();
        assertEquals(20, password.length());
        assertEquals(1, ServerUnderTest.generatedPasswordLines().size());
    }

    @Test
    void domainAndMailboxLifecycle() throws Exception {
        ServerUnderTest.createDomain("Life.IT.test");
        JsonArray domains = (JsonArray) ServerUnderTest.parse(ServerUnderTest.admin("GET", "/domains", null).body());
        assertTrue(domains.getValuesAs(JsonObject.class).stream().anyMatch(d -> d.getString("name").equals("life.it.test")));

        ServerUnderTest.createMailbox("Someone@life.it.test", "mailbox-password");
        HttpResponse<String> one = ServerUnderTest.admin("GET", "/mailboxes/someone@life.it.test", null);
        assertEquals(200, one.statusCode());
        assertEquals("life.it.test", ServerUnderTest.json(one).getString("domain"));
        assertTrue(!one.body().contains("password"), "the API never shows password data");

        assertProblem(ServerUnderTest.admin("DELETE", "/domains/life.it.test", null), 409, "mailboxes");
        assertEquals(204, ServerUnderTest.admin("DELETE", "/mailboxes/someone@life.it.test", null).statusCode());
        assertEquals(404, ServerUnderTest.admin("GET", "/mailboxes/someone@life.it.test", null).statusCode());
        assertEquals(204, ServerUnderTest.admin("DELETE", "/domains/life.it.test", null).statusCode());
    }

    @Test
    void timestampsAreRfc3339AndMailboxListsArePagedAndFiltered() throws Exception {
        ServerUnderTest.createDomain("paged.it.test");
        for (String local : new String[] {"ann", "bob", "bo_b", "cid"}) {
            ServerUnderTest.createMailbox(local + "@paged.it.test", "mailbox-password");
        }
        String rfc3339 = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z";
        JsonObject one = ServerUnderTest.json(ServerUnderTest.admin("GET", "/mailboxes/ann@paged.it.test", null));
        assertTrue(one.getString("createdAt").matches(rfc3339), one.toString());
        JsonArray domains = (JsonArray) ServerUnderTest.parse(ServerUnderTest.admin("GET", "/domains", null).body());
        assertTrue(domains.getValuesAs(JsonObject.class).stream().allMatch(d -> d.getString("createdAt").matches(rfc3339)));

        HttpResponse<String> first = ServerUnderTest.admin("GET", "/mailboxes?domain=paged.it.test&limit=3", null);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("4", first.headers().firstValue("X-Total-Count").orElseThrow());
        assertEquals(List.of("ann@paged.it.test", "bo_b@paged.it.test", "bob@paged.it.test"), addresses(first));
        String next = first.headers().firstValue("Link").orElseThrow();
        assertTrue(next.contains("offset=3") && next.contains("rel=\"next\""), next);
        HttpResponse<String> last = ServerUnderTest.admin("GET", "/mailboxes?domain=paged.it.test&limit=3&offset=3", null);
        assertEquals(List.of("cid@paged.it.test"), addresses(last));
        assertTrue(last.headers().firstValue("Link").isEmpty(), "no page after the last");
        assertEquals(List.of("bo_b@paged.it.test"), addresses(ServerUnderTest.admin("GET", "/mailboxes?search=O_B", null)),
                "search is a literal, case-insensitive part of the address");
        assertProblem(ServerUnderTest.admin("GET", "/mailboxes?limit=0", null), 400, "limit");
        HttpResponse<String> domainPage = ServerUnderTest.admin("GET", "/domains?limit=1&offset=0", null);
        assertEquals(1, ((JsonArray) ServerUnderTest.parse(domainPage.body())).size(), "every list is paged");
        assertTrue(Long.parseLong(domainPage.headers().firstValue("X-Total-Count").orElseThrow()) >= 1);
        assertTrue(domainPage.headers().firstValue("Link").orElse("").contains("offset=1") || domainPage.headers()
                .firstValue("X-Total-Count").orElseThrow().equals("1"));
        for (String list : List.of("/receive-connectors", "/public-folders", "/sessions", "/lockouts", "/audit")) {
            assertProblem(ServerUnderTest.admin("GET", list + "?limit=5000", null), 400, "limit");
        }
        assertProblem(ServerUnderTest.admin("GET", "/mailboxes?offset=-1", null), 400, "offset");
    }

    private static List<String> addresses(HttpResponse<String> r) {
        return ((JsonArray) ServerUnderTest.parse(r.body())).getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("address")).toList();
    }

    @Test
    void everyChangeIsAuditedWithWhoWhatWhenAndBeforeAndAfter() throws Exception {
        ServerUnderTest.createDomain("audit.it.test");
        ServerUnderTest.createMailbox("audited@audit.it.test", "mailbox-password");
        assertEquals(200, ServerUnderTest.admin("PATCH", "/mailboxes/audited@audit.it.test",
                "{\"quotaBytes\":5000,\"quotaMessages\":null,\"password\":\"a new password 1\"}").statusCode());
        assertEquals(200, ServerUnderTest.admin("POST", "/mailboxes/audited@audit.it.test/password-reset", null).statusCode());
        assertEquals(400, ServerUnderTest.admin("PATCH", "/mailboxes/audited@audit.it.test", "{\"quotaBytes\":-1}").statusCode());

        HttpResponse<String> log = ServerUnderTest.admin("GET", "/audit?target=mailboxes/audited@audit.it.test", null);
        assertEquals(200, log.statusCode(), log.body());
        List<JsonObject> entries = ((JsonArray) ServerUnderTest.parse(log.body())).getValuesAs(JsonObject.class);
        assertEquals(List.of("PATCH 400", "POST 200", "PATCH 200"),
                entries.stream().map(e -> e.getString("method") + " " + e.getInt("status")).toList(), "newest first");
        JsonObject patch = entries.get(2);
        assertEquals("admin", patch.getString("actor"));
        assertTrue(patch.getString("at").matches("[0-9-]{10}T[0-9:.]+Z"), patch.getString("at"));
        assertEquals("/api/v1/mailboxes/audited@audit.it.test", patch.getString("target"));
        JsonObject quotaBefore = patch.getJsonObject("before").getJsonObject("quota");
        assertTrue(!quotaBefore.containsKey("bytes") || quotaBefore.isNull("bytes"), "unlimited before: " + patch);
        assertEquals(5000, patch.getJsonObject("after").getJsonObject("quota").getInt("bytes"), patch.toString());
        assertEquals("****", patch.getJsonObject("request").getString("password"), "passwords never reach the log");
        assertEquals("****", entries.get(1).getJsonObject("after").getString("password"), "not even a reset's answer");
        assertTrue(!log.body().contains("a new password 1"));
        JsonObject creation = ((JsonArray) ServerUnderTest.parse(ServerUnderTest.admin("GET", "/audit?limit=50", null).body()))
                .getValuesAs(JsonObject.class).stream().filter(e -> e.getString("target").equals("/api/v1/mailboxes")
                        && e.containsKey("after") && e.getJsonObject("after").getString("address").equals("audited@audit.it.test"))
                .findFirst().orElseThrow();
        assertEquals(201, creation.getInt("status"));
        assertTrue(!creation.containsKey("before") || creation.isNull("before"), "nothing before a creation: " + creation);
        assertEquals("****", creation.getJsonObject("request").getString("password"));
        JsonObject domainCreation = ((JsonArray) ServerUnderTest.parse(ServerUnderTest.admin("GET", "/audit?target=/domains&limit=100",
                null).body())).getValuesAs(JsonObject.class).stream().filter(e -> e.getString("method").equals("POST")
                        && e.containsKey("after") && e.getJsonObject("after").getString("name").equals("audit.it.test"))
                .findFirst().orElseThrow();
        assertTrue(!domainCreation.containsKey("before") || domainCreation.isNull("before"),
                "a creation has no before, not the collection's listing: " + domainCreation);
    }

    @Test
    void aChangeBasedOnAnOldReadIsRefusedWithIfMatch() throws Exception {
        ServerUnderTest.createDomain("etag.it.test");
        ServerUnderTest.createMailbox("tagged@etag.it.test", "mailbox-password");
        HttpResponse<String> read = ServerUnderTest.admin("GET", "/mailboxes/tagged@etag.it.test", null);
        String tag = read.headers().firstValue("ETag").orElseThrow();
        assertEquals(tag, ServerUnderTest.admin("GET", "/mailboxes/tagged@etag.it.test", null).headers().firstValue("ETag")
                .orElseThrow(), "the same state, the same tag");
        assertEquals(200, ifMatch("PATCH", "/mailboxes/tagged@etag.it.test", "{\"quotaMessages\":10}", tag).statusCode());
        HttpResponse<String> stale = ifMatch("PATCH", "/mailboxes/tagged@etag.it.test", "{\"quotaMessages\":20}", tag);
        assertProblem(stale, 412, "changed since it was read");
        assertEquals(10, ServerUnderTest.json(ServerUnderTest.admin("GET", "/mailboxes/tagged@etag.it.test", null))
                .getJsonObject("quota").getInt("messages"), "the stale change was not made");
        String fresh = ServerUnderTest.admin("GET", "/mailboxes/tagged@etag.it.test", null).headers().firstValue("ETag").orElseThrow();
        assertTrue(!fresh.equals(tag));
        assertProblem(ifMatch("DELETE", "/mailboxes/tagged@etag.it.test", null, tag), 412, "changed since");
        assertEquals(204, ifMatch("DELETE", "/mailboxes/tagged@etag.it.test", null, fresh).statusCode());
        assertProblem(ifMatch("PATCH", "/mailboxes/tagged@etag.it.test", "{\"quotaMessages\":1}", "*"), 412, "no such");
    }

    private static HttpResponse<String> ifMatch(String method, String path, String json, String tag) throws Exception {
        return ServerUnderTest.admin(method, path, json, "If-Match", tag);
    }

    @Test
    void theApiIsDescribedByOpenApi() throws Exception {
        HttpResponse<String> doc = ServerUnderTest.send("GET", "/openapi", null, null, null);
        assertEquals(200, doc.statusCode());
        for (String expected : new String[] {"LibertyMail admin API", "/api/v1/mailboxes/{address}", "/api/v1/receive-connectors",
                "/api/v1/protocols/{name}", "/api/v1/sessions", "scheme: basic"}) {
            assertTrue(doc.body().contains(expected), expected + " in " + doc.body().substring(0, Math.min(2000, doc.body().length())));
        }
        assertEquals(200, ServerUnderTest.send("GET", "/openapi/ui/", null, null, null).statusCode(), "and browsable");
    }

    @Test
    void badInputGetsProblemDocuments() throws Exception {
        assertProblem(ServerUnderTest.admin("POST", "/domains", "{\"name\":\"not a domain!\"}"), 400, "not a domain!");
        assertProblem(ServerUnderTest.admin("POST", "/domains", "{\"name\":"), 400, "");
        assertProblem(ServerUnderTest.admin("POST", "/domains", "{}"), 400, "name");
        ServerUnderTest.createDomain("twice.it.test");
        assertProblem(ServerUnderTest.admin("POST", "/domains", "{\"name\":\"twice.it.test\"}"), 409, "already exists");
        assertProblem(ServerUnderTest.admin("POST", "/mailboxes",
                "{\"address\":\"x@unhosted.example\",\"password\":\"long-enough\"}"), 400, "unhosted.example");
        assertProblem(ServerUnderTest.admin("POST", "/mailboxes",
                "{\"address\":\"short@twice.it.test\",\"password\":\"short\"}"), 400, "password");
        assertProblem(ServerUnderTest.admin("GET", "/mailboxes/ghost@twice.it.test", null), 404, "ghost@twice.it.test");
        assertProblem(ServerUnderTest.admin("DELETE", "/domains/ghost.it.test", null), 404, "ghost.it.test");
    }

    @Test
    void validationErrorsNameTheirField() throws Exception {
        ServerUnderTest.createDomain("fields.it.test");
        assertEquals("name", ServerUnderTest.json(ServerUnderTest.admin("POST", "/domains", "{\"name\":\"not a domain!\"}"))
                .getString("field"));
        assertEquals("quotaBytes", ServerUnderTest.json(ServerUnderTest.admin("POST", "/domains",
                "{\"name\":\"quota.it.test\",\"quotaBytes\":-1}")).getString("field"));
        assertEquals("address", ServerUnderTest.json(ServerUnderTest.admin("POST", "/mailboxes",
                "{\"address\":\"x@unhosted.example\",\"password\":\"long-enough\"}")).getString("field"));
        assertEquals("address", ServerUnderTest.json(ServerUnderTest.admin("POST", "/mailboxes",
                "{\"address\":\"no at sign\",\"password\":\"long-enough\"}")).getString("field"));
        assertEquals("password", ServerUnderTest.json(ServerUnderTest.admin("POST", "/mailboxes",
                "{\"address\":\"x@fields.it.test\",\"password\":\"short\"}")).getString("field"));
        assertEquals("kind", ServerUnderTest.json(ServerUnderTest.admin("DELETE", "/lockouts/nonsense/x", null)).getString("field"));
    }

    @Test
    void listsAreFiltered() throws Exception {
        ServerUnderTest.createDomain("filtered-one.it.test");
        ServerUnderTest.createDomain("filtered-two.it.test");
        HttpResponse<String> domains = ServerUnderTest.admin("GET", "/domains?search=FILTERED-", null);
        assertEquals("2", domains.headers().firstValue("X-Total-Count").orElseThrow());
        assertTrue(domains.body().contains("filtered-one.it.test") && domains.body().contains("filtered-two.it.test"));

        HttpResponse<String> created = ServerUnderTest.admin("POST", "/receive-connectors", "{\"name\":\"filtered-off\","
                + "\"enabled\":false,\"bindings\":[\"127.0.0.1:1\"],\"remoteIpRanges\":[\"192.0.2.0/24\"],"
                + "\"authMechanisms\":[\"Tls\"],\"permissionGroups\":[\"AnonymousUsers\"]}");
        assertEquals(201, created.statusCode(), created.body());
        try {
            HttpResponse<String> off = ServerUnderTest.admin("GET", "/receive-connectors?enabled=false", null);
            assertTrue(off.body().contains("filtered-off") && !off.body().contains("\"submission\""), off.body());
            HttpResponse<String> byBinding = ServerUnderTest.admin("GET", "/receive-connectors?search=127.0.0.1:1", null);
            assertTrue(byBinding.body().contains("filtered-off"), byBinding.body());
        } finally {
            ServerUnderTest.admin("DELETE", "/receive-connectors/filtered-off", null);
        }

        assertEquals(201, ServerUnderTest.admin("POST", "/public-folders", "{\"name\":\"Filtered/News\"}").statusCode());
        HttpResponse<String> folders = ServerUnderTest.admin("GET", "/public-folders?search=filtered/n", null);
        assertEquals("1", folders.headers().firstValue("X-Total-Count").orElseThrow(), folders.body());

        assertEquals("0", ServerUnderTest.admin("GET", "/lockouts?kind=ip&search=203.0.113.", null).headers()
                .firstValue("X-Total-Count").orElseThrow());
        assertEquals("0", ServerUnderTest.admin("GET", "/sessions?remote=203.0.113.", null).headers()
                .firstValue("X-Total-Count").orElseThrow());
        try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            c.line();
            HttpResponse<String> mine = ServerUnderTest.admin("GET", "/sessions?protocol=imap&endpoint=imap&remote=127.0.0.1", null);
            assertTrue(Integer.parseInt(mine.headers().firstValue("X-Total-Count").orElseThrow()) >= 1, mine.body());
        }
    }

    @Test
    void healthEndpointsAnswerWithoutCredentials() throws Exception {
        for (String path : new String[] {"/health/live", "/health/ready", "/health/started"}) {
            HttpResponse<String> r = ServerUnderTest.send("GET", path, null, null, null);
            assertEquals(200, r.statusCode(), path + " " + r.body());
            assertEquals("UP", ServerUnderTest.json(r).getString("status"));
        }
        JsonObject data = ServerUnderTest.json(ServerUnderTest.send("GET", "/health/ready", null, null, null))
                .getJsonArray("checks").getJsonObject(0).getJsonObject("data");
        assertEquals("UP", data.getString("database"));
        assertEquals(ServerUnderTest.SMTP, data.getInt("smtp.port"));
        assertEquals(ServerUnderTest.POP3, data.getInt("pop3.port"));
    }

    private static void assertProblem(HttpResponse<String> r, int status, String detailPart) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = ServerUnderTest.json(r);
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.getString("detail").contains(detailPart), problem.toString());
    }
}
