package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser console in real headless Chromium (Debian's chromium and chromedriver, which
 * .ci/run installs), against the server under test. Every test saves screenshots under
 * tests/target/screenshots.
 */
class ConsoleIT {
    private static final Path SHOTS = Path.of("target", "screenshots");
    /**
     * Selenium warns when it has no DevTools binding for the installed Chromium's version;
     * these tests use none, so the warning is noise (held here: loggers are weakly kept).
     */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static Path profile;
    private String testName;

    @BeforeAll
    static void startBrowser() throws IOException {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        Files.createDirectories(SHOTS);
        profile = Files.createTempDirectory("console-it-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("it.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("it.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"enabled\":true}");
    }

    @BeforeEach
    void freshSession(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(ServerUnderTest.uri("/console/login.html").toString());
        browser.manage().deleteAllCookies();
    }

    @Test
    void loginPageRefusesAWrongPasswordThenAdmitsTheAdministratorByKeyboard() throws Exception {
        browser.get(ServerUnderTest.uri("/console/").toString());
        wait.until(ExpectedConditions.urlContains("/console/login.html"));
        type("username", "admin");
        type("password", "not-the-password");
        browser.findElement(By.id("sign-in")).click();
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-message")));
        assertEquals("Wrong user name or password.", message.getText());
        shot("refused");

        // Keyboard only: the user name field, Tab to the password, Enter to submit.
        WebElement user = browser.findElement(By.id("username"));
        user.clear();
        user.sendKeys("admin", Keys.TAB);
        browser.switchTo().activeElement().sendKeys(ServerUnderTest.adminPassword(), Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("services")));
        assertEquals("admin", browser.findElement(By.id("who")).getText());
        assertTrue(browser.findElement(By.cssSelector("#service-smtp [data-state]")).getText().matches("up|down"));
        assertTrue(browser.findElement(By.id("dash-queue")).getText().matches("[0-9]+"), "the outbound queue's count");
        shot("dashboard");
        Files.copy(SHOTS.resolve(testName + "-dashboard.png"), SHOTS.resolve("console-dashboard.png"),
                StandardCopyOption.REPLACE_EXISTING);

        browser.findElement(By.cssSelector("#logout-form button")).click();
        wait.until(ExpectedConditions.urlContains("/console/login.html?out"));
        browser.get(ServerUnderTest.uri("/console/").toString());
        wait.until(ExpectedConditions.urlContains("/console/login.html"));
    }

    @Test
    void createsADomainAndAMailboxShowingEachErrorBesideItsField() throws Exception {
        logIn();
        String domain = "console-" + System.nanoTime() + ".test";
        go("domains");
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("domain-form")));
        form.findElement(By.name("name")).sendKeys("bad domain!");
        browser.findElement(By.id("domain-create")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#domain-form [data-error-for='name']")));
        assertTrue(error.getText().contains("not a valid domain name"), error.getText());
        assertEquals("true", browser.findElement(By.cssSelector("#domain-form [name='name']")).getAttribute("aria-invalid"));
        shot("domain-error");
        WebElement name = browser.findElement(By.cssSelector("#domain-form [name='name']"));
        name.clear();
        name.sendKeys(domain);
        browser.findElement(By.id("domain-create")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-domain='" + domain + "']")));

        String address = "carol@" + domain;
        go("mailboxes");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mailbox-form")));
        browser.findElement(By.cssSelector("#mailbox-form [name='address']")).sendKeys(address);
        browser.findElement(By.cssSelector("#mailbox-form [name='password']")).sendKeys("short");
        browser.findElement(By.id("mailbox-create")).click();
        error = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#mailbox-form [data-error-for='password']")));
        assertTrue(error.getText().contains("at least 8 characters"), error.getText());
        shot("mailbox-error");
        WebElement password = browser.findElement(By.cssSelector("#mailbox-form [name='password']"));
        password.clear();
        password.sendKeys("carol-console-secret");
        browser.findElement(By.id("mailbox-create")).click();
        // A new mailbox opens its own page: its folders, then access switched off for IMAP.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("access-form")));
        assertEquals(address, browser.findElement(By.cssSelector("#content h1")).getText());
        assertEquals(200, ServerUnderTest.admin("GET", "/mailboxes/" + address, null).statusCode());
        assertTrue(browser.findElement(By.id("folders")).getText().contains("INBOX"));
        browser.findElement(By.cssSelector("#alias-form [name='alias']")).sendKeys("sales@" + domain);
        browser.findElement(By.id("alias-add")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-alias='sales@" + domain + "']")));
        browser.findElement(By.cssSelector("#alias-form [name='alias']")).sendKeys("x@unhosted.example");
        browser.findElement(By.id("alias-add")).click();
        error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#alias-form [data-error-for='alias']")));
        assertTrue(error.getText().contains("not hosted"), error.getText());
        browser.findElement(By.cssSelector("#access-form [name='imap']")).click();
        browser.findElement(By.id("access-save")).click();
        wait.until(d -> ServerUnderTest.json(admin("/mailboxes/" + address)).getJsonObject("access")
                .getJsonObject("protocols").getBoolean("imap") == false);
        shot("mailbox");

        // Deleting asks first: Cancel keeps the mailbox, Confirm deletes it.
        browser.findElement(By.id("delete-mailbox")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        shot("confirm-delete");
        browser.findElement(By.id("confirm-cancel")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        assertEquals(200, ServerUnderTest.admin("GET", "/mailboxes/" + address, null).statusCode());
        browser.findElement(By.id("delete-mailbox")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mailbox-form")));
        assertEquals(404, ServerUnderTest.admin("GET", "/mailboxes/" + address, null).statusCode());

        // The list filtered by the domain shows what is left of it: nothing.
        new Select(browser.findElement(By.cssSelector("#mailbox-filter [name='domain']")))
                .selectByValue(domain);
        browser.findElement(By.cssSelector("#mailbox-filter button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mailboxes-empty")));
    }

    @Test
    void disablingImapShowsOnTheDashboardAndTheImapPortRefuses() throws Exception {
        try {
            logIn();
            go("protocols");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("imap-toggle"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok"))).click();
            wait.until(ExpectedConditions.textToBe(By.id("imap-toggle"), "Enable IMAP"));
            go("dashboard");
            wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#service-imap td [data-state]"), "data-state", "disabled"));
            shot("imap-disabled");
            assertThrows(ConnectException.class, () -> greeting(ServerUnderTest.IMAP));

            go("protocols");
            wait.until(ExpectedConditions.textToBe(By.id("imap-toggle"), "Enable IMAP"));
            browser.findElement(By.id("imap-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.id("imap-toggle"), "Disable IMAP"));
            go("dashboard");
            wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#service-imap td [data-state]"), "data-state", "up"));
            assertTrue(greeting(ServerUnderTest.IMAP).startsWith("* OK"));
        } finally {
            ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"enabled\":true}");
        }
    }

    @Test
    void aReceiveConnectorCreatedInTheConsoleListensAtOnce() throws Exception {
        String name = "console-" + System.nanoTime();
        int port = freePort();
        try {
            logIn();
            go("receive-connectors");
            WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("connector-form")));
            form.findElement(By.name("name")).sendKeys(name);
            form.findElement(By.name("bindings")).sendKeys("127.0.0.1:" + port);
            form.findElement(By.name("remoteIpRanges")).sendKeys("127.0.0.0/8");
            form.findElement(By.name("banner")).sendKeys("console connector ready");
            browser.findElement(By.id("connector-create")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-connector='" + name + "']")));
            shot("connectors");
            assertEquals("220 console connector ready", greeting(port));

            go("dashboard");
            WebElement endpoint = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#service-smtp [data-endpoint='" + name + "']")));
            assertTrue(endpoint.getText().contains("127.0.0.1:" + port), endpoint.getText());
            assertEquals("up", endpoint.findElement(By.cssSelector("[data-state]")).getAttribute("data-state"));
        } finally {
            ServerUnderTest.admin("DELETE", "/receive-connectors/" + name, null);
        }
    }

    @Test
    void aSendConnectorCreatedInTheConsoleKeepsItsPasswordHidden() throws Exception {
        String name = "console-send-" + System.nanoTime();
        try {
            logIn();
            go("send-connectors");
            WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("send-connector-form")));
            form.findElement(By.name("name")).sendKeys(name);
            form.findElement(By.name("addressSpaces")).sendKeys("not_a_domain!");
            browser.findElement(By.id("send-connector-create")).click();
            WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#send-connector-form [data-error-for='addressSpaces']")));
            assertTrue(error.getText().contains("not a domain"), error.getText());
            WebElement spaces = browser.findElement(By.cssSelector("#send-connector-form [name='addressSpaces']"));
            spaces.clear();
            spaces.sendKeys(name + ".example");
            browser.findElement(By.cssSelector("#send-connector-form [name='smartHosts']")).sendKeys("relay.example.net:587");
            browser.findElement(By.cssSelector("#send-connector-form [name='authUser']")).sendKeys("relay");
            browser.findElement(By.cssSelector("#send-connector-form [name='authPassword']")).sendKeys("relay-secret");
            browser.findElement(By.id("send-connector-create")).click();
            WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-connector='" + name + "']")));
            assertTrue(row.getText().contains("relay.example.net:587 (as relay)"), row.getText());
            assertFalse(browser.getPageSource().contains("relay-secret"));
            assertEquals("****", ServerUnderTest.json(admin("/send-connectors/" + name)).getString("authPassword"));
            shot("send-connectors");
            go("queue");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-filter")));
        } finally {
            ServerUnderTest.admin("DELETE", "/send-connectors/" + name, null);
        }
    }

    @Test
    void verifyRunsEveryCheckAndTheDashboardShowsTheResult() throws Exception {
        logIn();
        go("verify");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("verify-run"))).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#checks tbody tr"));
            return !rows.isEmpty() && d.findElement(By.id("verify-run")).isEnabled() ? rows : null;
        });
        List<WebElement> checks = browser.findElements(By.cssSelector("#checks tbody tr"));
        String text = browser.findElement(By.id("checks")).getText();
        assertTrue(checks.size() >= 5, text);
        assertTrue(text.contains("probe"), text);
        String outcome = browser.findElement(By.cssSelector("#verify-latest h2 [data-state]")).getAttribute("data-state");
        assertTrue(List.of("Success", "Warning", "Failure").contains(outcome), outcome);
        shot("verify");
        String latest = ServerUnderTest.json(admin("/verification/latest")).getString("outcome");
        assertEquals(latest, outcome);

        go("dashboard");
        WebElement last = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#dash-verification [data-state]")));
        assertEquals(outcome, last.getAttribute("data-state"));
    }

    @Test
    void everyPageOpensAndTheConsoleFitsAPhone() throws Exception {
        logIn();
        for (String page : List.of("dashboard", "domains", "mailboxes", "public-folders", "receive-connectors", "send-connectors",
                "queue", "protocols", "sessions", "logs", "verify", "audit")) {
            go(page);
            wait.until(d -> d.findElement(By.id("content")).getAttribute("aria-busy") == null);
            String heading = browser.findElement(By.cssSelector("#content h1")).getText();
            assertFalse(heading.equals("Error"), page + ": " + browser.findElement(By.id("content")).getText());
            assertEquals("page", browser.findElement(By.cssSelector("nav a[data-page='" + page + "']")).getAttribute("aria-current"));
        }
        // The last page opened, the audit log, tells how many changes it holds.
        assertTrue(browser.findElement(By.id("content")).getText().contains("changes in all"));

        browser.manage().window().setSize(new Dimension(390, 844));
        go("dashboard");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("services")));
        Number overflow = (Number) browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(overflow.intValue() <= 0, "the page is wider than the phone by " + overflow + " px");
        assertTrue(browser.findElement(By.cssSelector("nav a[data-page='mailboxes']")).isDisplayed());
        shot("phone");
    }

    /** Without a browser: what protects the session's changes. */
    @Test
    void aConsoleSessionChangesNothingWithoutItsCsrfTokenNorFromAnotherSite() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(ServerUnderTest.uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                        + URLEncoder.encode(ServerUnderTest.adminPassword(), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode());
        assertTrue(login.headers().firstValue("Location").orElseThrow().endsWith("/console/"));
        assertTrue(login.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.contains("SameSite=Strict")
                && c.contains("HttpOnly")), login.headers().allValues("Set-Cookie").toString());
        String token = ServerUnderTest.parse(client.send(HttpRequest.newBuilder(ServerUnderTest.uri("/console/session")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).asJsonObject().getString("csrfToken");

        String domain = "csrf-" + System.nanoTime() + ".test";
        HttpRequest.Builder create = HttpRequest.newBuilder(ServerUnderTest.uri("/api/v1/domains"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + domain + "\"}"));
        assertEquals(403, client.send(create.copy().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(403, client.send(create.copy().header("X-CSRF-Token", "0" + token).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> foreign = client.send(create.copy().header("X-CSRF-Token", token)
                .header("Origin", "http://attacker.example").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        assertFalse(ServerUnderTest.admin("GET", "/domains?limit=1000", null).body().contains(domain));
        assertEquals(201, client.send(create.copy().header("X-CSRF-Token", token).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertTrue(ServerUnderTest.admin("GET", "/audit?target=domains&limit=5", null).body().contains(domain),
                "the console's change is in the audit log");

        // A login posted from another site is not one.
        HttpClient other = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> forged = other.send(HttpRequest.newBuilder(ServerUnderTest.uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://attacker.example")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                        + URLEncoder.encode(ServerUnderTest.adminPassword(), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(forged.headers().firstValue("Location").orElseThrow().endsWith("login.html?failed"));

        // HTTP Basic opens no session; logging out ends the console's.
        HttpResponse<String> basic = ServerUnderTest.admin("GET", "/domains", null);
        assertEquals(200, basic.statusCode());
        assertTrue(basic.headers().allValues("Set-Cookie").isEmpty(), basic.headers().allValues("Set-Cookie").toString());
        client.send(HttpRequest.newBuilder(ServerUnderTest.uri("/console/logout")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + token)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, client.send(HttpRequest.newBuilder(ServerUnderTest.uri("/api/v1/domains")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private void logIn() throws IOException {
        browser.get(ServerUnderTest.uri("/console/login.html").toString());
        type("username", "admin");
        type("password", ServerUnderTest.adminPassword());
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("services")));
    }

    private static void go(String page) {
        browser.findElement(By.cssSelector("nav a[data-page='" + page + "']")).click();
        wait.until(d -> d.findElement(By.id("content")).getAttribute("aria-busy") == null
                && "page".equals(d.findElement(By.cssSelector("nav a[data-page='" + page + "']")).getAttribute("aria-current")));
    }

    private static void type(String id, String text) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    private void shot(String step) throws IOException {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(testName + "-" + step + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static HttpResponse<String> admin(String path) {
        try {
            return ServerUnderTest.admin("GET", path, null);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String greeting(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ServerUnderTest.HOST, port), 5000);
            s.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
