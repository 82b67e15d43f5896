package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.mail.Session;

/**
 * The Liberty server the build started for this run: its ports (reserved by the build and
 * handed to the server through environment variables) and small REST helpers.
 */
final class ServerUnderTest {
    static final String HOST = "127.0.0.1";
    /** POP3 is bound to an address of its own (MAILSERVER_POP3_BIND_ADDRESS in server.env). */
    static final String POP3_HOST = "127.0.0.2";
    static final int SMTP = Integer.getInteger("it.smtp.port", 2525);
    static final int POP3 = Integer.getInteger("it.pop3.port", 2110);
    static final int IMAP = Integer.getInteger("it.imap.port", 2143);
    static final int SUBMISSION = Integer.getInteger("it.submission.port", 2587);
    static final int SMTPS = Integer.getInteger("it.smtps.port", 2465);
    static final int POP3S = Integer.getInteger("it.pop3s.port", 2995);
    static final int IMAPS = Integer.getInteger("it.imaps.port", 2993);
    static final int HTTP = Integer.getInteger("it.http.port", 9080);
    /** The keystore the server takes its certificate from (Liberty's generated one). */
    static final Path KEYSTORE = Path.of(System.getProperty("it.server.dir", "."), "resources", "security", "key.p12");
    static final String KEYSTORE_PASSWORD = "libertymail-keystore";
    static final Path MESSAGES_LOG = Path.of(System.getProperty("it.server.dir", "."), "logs", "messages.log");
    private static final Pattern GENERATED_PASSWORD =
            Pattern.compile("Generated the admin password \\(shown only this once\\): user 'admin', password '([^']+)'");
    private static String adminPassword;

    private static final HttpClient HTTP_CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ServerUnderTest() {
    }

    /** The test server's directory (wlp/usr/servers/mailserver). */
    static Path serverDir() {
        return MESSAGES_LOG.getParent().getParent();
    }

    /** Runs Liberty's own server script (start, stop) on the test server, which reads its server.env. */
    static void serverScript(String action) throws IOException, InterruptedException {
        Path wlp = serverDir().getParent().getParent().getParent();
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, serverDir().getFileName().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("server " + action + " failed");
        }
    }

    /** Waits until /health/ready is UP: the application and its listeners are started. */
    static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP_CLIENT.send(HttpRequest.newBuilder(uri("/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Server not ready: " + last);
    }

    static URI uri(String path) {
        return URI.create("http://" + HOST + ":" + HTTP + path);
    }

    /** @param headers more request headers, name and value after each other */
    static HttpResponse<String> send(String method, String path, String json, String user, String password, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            b.header("Authorization", "Basic " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return HTTP_CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An authenticated admin API call. */
    static HttpResponse<String> admin(String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        return send(method, "/api/v1" + path, json, "admin", adminPassword(), headers);
    }

    /** The password the server generated at its first start and printed to its log. */
    static synchronized String adminPassword() throws IOException {
        if (adminPassword == null) {
            List<String> found = generatedPasswordLines();
            if (found.size() != 1) {
                throw new IllegalStateException("Expected one generated admin password in " + MESSAGES_LOG + ", found " + found.size());
            }
            adminPassword = found.get(0);
        }
        return adminPassword;
    }

    static List<String> generatedPasswordLines() throws IOException {
        List<String> passwords = new ArrayList<>();
        for (String line : Files.readAllLines(MESSAGES_LOG)) {
            Matcher m = GENERATED_PASSWORD.matcher(line);
            if (m.find()) {
                passwords.add(m.group(1));
            }
        }
        return passwords;
    }

    static JsonObject json(HttpResponse<String> response) {
        return (JsonObject) parse(response.body());
    }

    static JsonStructure parse(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        }
    }

    static void createDomain(String name) throws Exception {
        HttpResponse<String> r = admin("POST", "/domains", "{\"name\":\"" + name + "\"}");
        assertEquals(201, r.statusCode(), r.body());
    }

    /** Creates {@code local@domain} with {@code password}. @return the address */
    static String createMailbox(String local, String domain, String password) throws Exception {
        String address = local + "@" + domain;
        createMailbox(address, password);
        return address;
    }

    static void createMailbox(String address, String password) throws Exception {
        HttpResponse<String> r = admin("POST", "/mailboxes",
                "{\"address\":\"" + address + "\",\"password\":\"" + password + "\"}");
        assertEquals(201, r.statusCode(), r.body());
    }

    /** A Jakarta Mail session configured for this server's three protocols. */
    static Session mailSession() {
        Properties p = new Properties();
        p.put("mail.smtp.host", HOST);
        p.put("mail.smtp.port", Integer.toString(SMTP));
        p.put("mail.smtp.localhost", "client.it.test");
        p.put("mail.pop3.host", POP3_HOST);
        p.put("mail.pop3.port", Integer.toString(POP3));
        p.put("mail.imap.host", HOST);
        p.put("mail.imap.port", Integer.toString(IMAP));
        for (String protocol : new String[] {"smtp", "pop3", "imap"}) {
            p.put("mail." + protocol + ".connectiontimeout", "10000");
            p.put("mail." + protocol + ".timeout", "30000");
        }
        return Session.getInstance(p);
    }

    /** The INBOX's last message over plain IMAP, as stored. */
    static byte[] lastOverImap(String user, String password) throws Exception {
        try (jakarta.mail.Store store = mailSession().getStore("imap")) {
            store.connect(user, password);
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            inbox.getMessage(inbox.getMessageCount()).writeTo(out);
            inbox.close(false);
            return out.toByteArray();
        }
    }

    /**
     * A Jakarta Mail session for the TLS bindings: smtps (465), imaps (993) and pop3s (995),
     * and smtp on the submission port with STARTTLS required and AUTH. The server's certificate
     * is Liberty's self-signed one, so it is trusted as is.
     */
    static Session tlsMailSession(String user, String password) {
        Properties p = new Properties();
        p.put("mail.smtp.host", HOST);
        p.put("mail.smtp.port", Integer.toString(SUBMISSION));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtps.host", HOST);
        p.put("mail.smtps.port", Integer.toString(SMTPS));
        p.put("mail.smtps.auth", "true");
        p.put("mail.imaps.host", HOST);
        p.put("mail.imaps.port", Integer.toString(IMAPS));
        p.put("mail.pop3s.host", POP3_HOST);
        p.put("mail.pop3s.port", Integer.toString(POP3S));
        for (String protocol : new String[] {"smtp", "smtps", "pop3s", "imaps"}) {
            p.put("mail." + protocol + ".localhost", "client.it.test");
            p.put("mail." + protocol + ".ssl.trust", "*");
            p.put("mail." + protocol + ".ssl.checkserveridentity", "false");
            p.put("mail." + protocol + ".connectiontimeout", "10000");
            p.put("mail." + protocol + ".timeout", "30000");
        }
        return Session.getInstance(p, new jakarta.mail.Authenticator() {
            @Override
            protected jakarta.mail.PasswordAuthentication getPasswordAuthentication() {
                return new jakarta.mail.PasswordAuthentication(user, password);
            }
        });
    }
}
