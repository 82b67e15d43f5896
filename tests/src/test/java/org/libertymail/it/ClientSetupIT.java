package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Client set-up: the settings a user types in, over REST, and automatic set-up as Thunderbird
 * (autoconfig) and Outlook (Autodiscover POX) ask for it, both without login.
 */
class ClientSetupIT {
    private static final String DOMAIN = "setup.it.test";
    private static final String USER = "carla@" + DOMAIN;

    @BeforeAll
    static void mailbox() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        ServerUnderTest.createMailbox(USER, "client setup 1");
    }

    /** "host port encryption" of each server, in order. */
    private static List<String> servers(JsonObject settings, String protocol) {
        return settings.getJsonArray(protocol).getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("host") + " " + s.getInt("port") + " " + s.getString("encryption")).toList();
    }

    @Test
    void settingsComeFromTheBindingsOrWhatTheAdministratorSet() throws Exception {
        HttpResponse<String> r = ServerUnderTest.admin("GET", "/mailboxes/" + USER + "/client-settings", null);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject settings = ServerUnderTest.json(r);
        assertEquals(USER, settings.getString("username"));
        String host = settings.getJsonArray("imap").getJsonObject(0).getString("host");
        assertEquals(List.of(host + " " + ServerUnderTest.IMAPS + " SSL", host + " " + ServerUnderTest.IMAP + " STARTTLS"),
                servers(settings, "imap"), "implicit TLS first, from the bindings and this server's name");
        assertEquals(List.of(host + " " + ServerUnderTest.POP3S + " SSL", host + " " + ServerUnderTest.POP3 + " STARTTLS"),
                servers(settings, "pop3"));
        List<String> smtp = servers(settings, "smtp");
        assertTrue(smtp.stream().anyMatch(s -> s.endsWith(" " + ServerUnderTest.SMTPS + " SSL")), smtp.toString());
        assertTrue(smtp.stream().anyMatch(s -> s.endsWith(" " + ServerUnderTest.SUBMISSION + " STARTTLS")), smtp.toString());
        assertTrue(smtp.stream().noneMatch(s -> s.endsWith(" " + ServerUnderTest.SMTP + " STARTTLS")
                || s.endsWith(" " + ServerUnderTest.SMTP + " none")), "port 25 takes no logins: " + smtp);
        assertEquals(404, ServerUnderTest.admin("GET", "/mailboxes/nobody@" + DOMAIN + "/client-settings", null).statusCode());

        assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/imap",
                "{\"externalConnectionSettings\":[\"imap.example.test:993:SSL\",\"imap.example.test:143:TLS\"]}").statusCode());
        assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/pop3", "{\"enabled\":false}").statusCode());
        try {
            JsonObject changed = ServerUnderTest.json(ServerUnderTest.admin("GET", "/mailboxes/" + USER + "/client-settings", null));
            assertEquals(List.of("imap.example.test 993 SSL", "imap.example.test 143 STARTTLS"), servers(changed, "imap"));
            assertEquals(List.of(), servers(changed, "pop3"), "a service switched off is not offered");
        } finally {
            assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"externalConnectionSettings\":[]}").statusCode());
            assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/pop3", "{\"enabled\":true}").statusCode());
        }
    }

    private static Document xml(String body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS("*", name).item(0).getTextContent();
    }

    @Test
    void thunderbirdAutoconfigAnswersForAnyAddressOfAHostedDomain() throws Exception {
        for (String path : List.of("/.well-known/autoconfig/mail/config-v1.1.xml", "/mail/config-v1.1.xml")) {
            HttpResponse<String> r = ServerUnderTest.send("GET", path + "?emailaddress=anyone%40" + DOMAIN, null, null, null);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            Document doc = xml(r.body());
            assertEquals("1.1", doc.getDocumentElement().getAttribute("version"));
            NodeList incoming = doc.getElementsByTagName("incomingServer");
            Element first = (Element) incoming.item(0);
            assertEquals("imap", first.getAttribute("type"));
            assertEquals(Integer.toString(ServerUnderTest.IMAPS), text(first, "port"));
            assertEquals("SSL", text(first, "socketType"));
            assertEquals("%EMAILADDRESS%", text(first, "username"));
            List<String> types = new ArrayList<>();
            for (int i = 0; i < incoming.getLength(); i++) {
                types.add(((Element) incoming.item(i)).getAttribute("type"));
            }
            assertTrue(types.contains("pop3"), types.toString());
            Element smtp = (Element) doc.getElementsByTagName("outgoingServer").item(0);
            assertEquals("SSL", text(smtp, "socketType"));
            assertEquals(Integer.toString(ServerUnderTest.SMTPS), text(smtp, "port"));
        }
        assertEquals(404, ServerUnderTest.send("GET", "/mail/config-v1.1.xml?emailaddress=a%40elsewhere.example", null, null, null)
                .statusCode());
    }

    @Test
    void outlookAutodiscoverAnswersThePoxSchema() throws Exception {
        String request = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\">"
                + "<Request><EMailAddress>%s</EMailAddress><AcceptableResponseSchema>"
                + "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"
                + "</AcceptableResponseSchema></Request></Autodiscover>";
        HttpResponse<String> r = ServerUnderTest.send("POST", "/autodiscover/autodiscover.xml", String.format(request, USER),
                null, null, "Content-Type", "text/xml");
        assertEquals(200, r.statusCode(), r.body());
        Document doc = xml(r.body());
        NodeList protocols = doc.getElementsByTagNameNS(
                "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a", "Protocol");
        Element imap = (Element) protocols.item(0);
        assertEquals("IMAP", text(imap, "Type"));
        assertEquals(Integer.toString(ServerUnderTest.IMAPS), text(imap, "Port"));
        assertEquals("on", text(imap, "SSL"));
        assertEquals(USER, text(imap, "LoginName"));
        List<String> types = new ArrayList<>();
        for (int i = 0; i < protocols.getLength(); i++) {
            types.add(text((Element) protocols.item(i), "Type"));
        }
        assertTrue(types.contains("POP3") && types.contains("SMTP"), types.toString());

        HttpResponse<String> unknown = ServerUnderTest.send("POST", "/Autodiscover/Autodiscover.xml",
                String.format(request, "a@elsewhere.example"), null, null, "Content-Type", "text/xml");
        assertEquals("600", text(xml(unknown.body()).getDocumentElement(), "ErrorCode"));
        HttpResponse<String> hostile = ServerUnderTest.send("POST", "/autodiscover/autodiscover.xml",
                "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a><EMailAddress>&x;</EMailAddress></a>",
                null, null, "Content-Type", "text/xml");
        assertTrue(!hostile.body().contains("root:"), "no external entities: " + hostile.body());
        assertEquals("600", text(xml(hostile.body()).getDocumentElement(), "ErrorCode"));
    }
}
