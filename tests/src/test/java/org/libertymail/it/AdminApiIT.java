package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

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
