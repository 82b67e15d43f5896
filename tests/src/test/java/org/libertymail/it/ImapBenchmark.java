package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The IMAP benchmark (not a test: `tests/benchmark.sh` runs it through the `benchmark` profile).
 * Against the real server, over real sockets, on one INBOX of 10,000 messages of about 4 KiB:
 * UID FETCH 1:* (FLAGS ENVELOPE), BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)] and BODY.PEEK[] rates,
 * UID SEARCH BODY latency, single UID STORE round trips per second, and how long after SMTP's
 * 250 each of many IDLE clients hears of the new message, with the server's heap per idle
 * connection; and over POP3, RETR of the whole maildrop (the same 10,000 messages), pipelined.
 * Figures go to the console and to target/imap-benchmark-<db>.json.
 */
class ImapBenchmark {
    private static final String DOMAIN = "imap-bench.test";
    private static final String USER = "reader@" + DOMAIN;
    private static final String PASSWORD = "imap-benchmark-secret";
    /** The IDLE clients' mailbox: a session holds its selected folder's message list, so they watch a small one. */
    private static final String IDLER = "idler@" + DOMAIN;
    private static final int MESSAGES = Integer.getInteger("bench.imap.messages", 10_000);
    private static final int IDLERS = Integer.getInteger("bench.imap.idlers", 5_000);
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.imap.warmup", 10);
    private static final int IDLE_WARM_UP_ROUNDS = 10;
    private static final int IDLE_ROUNDS = 5;

    @Test
    void imap() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        ServerUnderTest.createMailbox(USER, PASSWORD);
        ServerUnderTest.createMailbox(IDLER, PASSWORD);
        fill();
        String db = System.getProperty("it.db", "hsqldb");
        Map<String, Object> results = new LinkedHashMap<>();
        try (Client c = Client.login()) {
            c.command("SELECT INBOX");
            // Each figure is the server's steady state: every operation runs for WARM_UP_SECONDS
            // first (the JIT compiles the paths it takes, the database caches the folder), as the
            // Dovecot figures of the issue were taken with a warm cache.
            warmUp(() -> c.command("UID FETCH 1:* (FLAGS ENVELOPE)"));
            results.put("fetchFlagsEnvelopeMsgPerSecond", best(3, () -> MESSAGES / c.timed("UID FETCH 1:* (FLAGS ENVELOPE)")));
            warmUp(() -> c.command("UID FETCH 1:* BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)]"));
            results.put("fetchHeaderFieldsMsgPerSecond",
                    best(3, () -> MESSAGES / c.timed("UID FETCH 1:* BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)]")));
            warmUp(() -> c.command("UID FETCH 1:* BODY.PEEK[]"));
            results.put("fetchBodyMBPerSecond", best(3, () -> {
                double s = c.timed("UID FETCH 1:* BODY.PEEK[]");
                return c.lastBytes / s / 1e6;
            }));
            warmUp(() -> c.command("UID SEARCH BODY needle" + (MESSAGES / 2)));
            results.put("searchBodyMillis", -best(5, () -> -c.timed("UID SEARCH BODY needle" + (MESSAGES / 2)) * 1000));
            assertTrue(c.lastText.matches("(?s)\\* SEARCH \\d+\n.*"), "one message holds the word: " + c.lastText);
            warmUp(() -> c.command("STATUS INBOX (MESSAGES UNSEEN SIZE)"));
            results.put("statusMillis", -best(5, () -> -c.timed("STATUS INBOX (MESSAGES UNSEEN SIZE)") * 1000));
            warmUp(() -> c.command("NOOP"));
            results.put("noopPerSecond", best(3, () -> {
                long start = System.nanoTime();
                for (int i = 0; i < 1000; i++) {
                    c.command("NOOP");
                }
                return 1000 / ((System.nanoTime() - start) / 1e9);
            }));
            warmUp(() -> stores(c));
            results.put("singleStorePerSecond", best(3, () -> 1000 / stores(c)));
        }
        results.put("pop3RetrAllMBPerSecond", best(3, ImapBenchmark::retrieveAll));
        largeFolderSessions(results);
        idle(results);
        results.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-10s imap %-32s %10.1f%n", db, k, ((Number) v).doubleValue()));
        StringBuilder json = new StringBuilder("{\"db\":\"" + db + "\",\"messages\":" + MESSAGES + ",\"idlers\":" + IDLERS);
        results.forEach((k, v) -> json.append(String.format(Locale.ROOT, ",\"%s\":%.1f", k, ((Number) v).doubleValue())));
        Files.writeString(Path.of("target", "imap-benchmark-" + db + ".json"), json.append("}\n").toString());
    }

    /**
     * POP3: every message of the maildrop with RETR, 100 commands in flight (RFC 2449
     * PIPELINING), as fetchmail and phones do; MB/s of message octets received. QUIT without
     * DELE: nothing is deleted.
     */
    private static double retrieveAll() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3)) {
            socket.setSoTimeout(60_000);
            java.io.InputStream in = socket.getInputStream();
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("USER " + USER + "\r\nPASS " + PASSWORD + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[1 << 16];
            StringBuilder greeting = new StringBuilder();
            while (greeting.indexOf("+OK Maildrop") < 0 || greeting.charAt(greeting.length() - 1) != '\n') {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("closed: " + greeting);
                }
                greeting.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                if (greeting.indexOf("-ERR") >= 0 && greeting.charAt(greeting.length() - 1) == '\n') {
                    throw new IOException(greeting.toString());
                }
            }
            assertTrue(greeting.indexOf("+OK Maildrop has " + MESSAGES + " ") >= 0, greeting.toString());
            long start = System.nanoTime();
            Thread writer = new Thread(() -> {
                try {
                    StringBuilder commands = new StringBuilder();
                    for (int i = 1; i <= MESSAGES; i++) {
                        commands.append("RETR ").append(i).append("\r\n");
                    }
                    out.write(commands.toString().getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            // Each response ends with CRLF "." CRLF, found nowhere else (a line starting with a dot is stuffed).
            long bytes = 0;
            int ended = 0;
            int state = 0; // how much of "\r\n.\r\n" was just seen
            byte[] end = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);
            while (ended < MESSAGES) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("closed after " + ended + " messages");
                }
                bytes += n;
                for (int i = 0; i < n; i++) {
                    state = buffer[i] == end[state] ? state + 1 : buffer[i] == '\r' ? 1 : 0;
                    if (state == end.length) {
                        ended++;
                        state = 0;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            writer.join();
            // the next run logs in at once: wait until QUIT has released the maildrop's lock
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            StringBuilder bye = new StringBuilder();
            while (bye.indexOf("\n") < 0) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                bye.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            }
            return bytes / seconds / 1e6;
        }
    }

    /** 10,000 messages over SMTP with 16 sessions; one in the middle holds the searched word. */
    private static void fill() throws Exception {
        AtomicInteger next = new AtomicInteger(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < 16; s++) {
            running.add(pool.submit(() -> {
                try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
                    int n;
                    while ((n = next.getAndIncrement()) <= MESSAGES) {
                        assertTrue(smtp.send("bench@outside.example", List.of(USER), message(n)).startsWith("250"));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
    }

    private static byte[] message(int n) {
        StringBuilder m = new StringBuilder("From: Sender " + n + " <sender" + n + "@outside.example>\r\nTo: " + USER
                + "\r\nSubject: message number " + n + "\r\nDate: Wed, 2 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + n
                + "@outside.example>\r\n\r\n");
        while (m.length() < 4000) {
            m.append("the quick brown fox jumps over the lazy dog and keeps running through the field\r\n");
        }
        m.append("needle").append(n).append("\r\n");
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * IDLERS clients log in, select INBOX and IDLE; messages are delivered one at a time; the
     * time from each one's 250 to the last client's EXISTS is the figure (the median round after
     * the warm-up rounds). One thread reads every connection.
     */
    private static void idle(Map<String, Object> results) throws Exception {
        long heapBefore = serverHeapAfterGc();
        List<SocketChannel> channels = new ArrayList<>();
        Selector selector = Selector.open();
        try {
            for (int i = 0; i < IDLERS; i++) {
                SocketChannel ch = SocketChannel.open();
                // from many loopback addresses: the server allows 100 connections per source address
                ch.bind(new InetSocketAddress("127.0." + (1 + i / 20_000) + "." + (2 + i / 90 % 250), 0));
                ch.connect(new InetSocketAddress(ServerUnderTest.HOST, ServerUnderTest.IMAP));
                String script = "a LOGIN " + IDLER + " " + PASSWORD + "\r\nb EXAMINE INBOX\r\nc IDLE\r\n";
                ch.write(ByteBuffer.wrap(script.getBytes(StandardCharsets.US_ASCII)));
                channels.add(ch);
                readUntil(ch, "+ idling");
            }
            long heapIdle = serverHeapAfterGc();
            if (heapBefore > 0 && heapIdle > 0) {
                results.put("heapBytesPerIdleConnection", (double) (heapIdle - heapBefore) / IDLERS);
            }
            for (SocketChannel ch : channels) {
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ, new StringBuilder());
            }
            // As for the other figures, the server's steady state: the first deliveries warm the
            // path that wakes the sessions; the figures are the median of the measured rounds.
            for (int round = 0; round < IDLE_WARM_UP_ROUNDS; round++) {
                tellIdlers(selector);
            }
            List<long[]> rounds = new ArrayList<>();
            for (int round = 0; round < IDLE_ROUNDS; round++) {
                rounds.add(tellIdlers(selector));
            }
            rounds.sort((a, b) -> Long.compare(a[IDLERS - 1], b[IDLERS - 1]));
            long[] median = rounds.get(IDLE_ROUNDS / 2);
            results.put("idleClientsToldP50Millis", median[IDLERS / 2] / 1e6);
            results.put("idleClientsToldAllMillis", median[IDLERS - 1] / 1e6);
        } finally {
            for (SocketChannel ch : channels) {
                ch.close();
            }
            selector.close();
        }
    }

    /** The heap each session costs while it has the 10,000-message INBOX selected (its view of the folder). */
    private static void largeFolderSessions(Map<String, Object> results) throws Exception {
        int sessions = 20;
        long before = serverHeapAfterGc();
        List<Client> clients = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                Client c = Client.login();
                clients.add(c);
                c.command("EXAMINE INBOX");
            }
            long after = serverHeapAfterGc();
            if (before > 0 && after > 0) {
                results.put("heapBytesPerSessionOnLargeFolder", (double) (after - before) / sessions);
            }
        } finally {
            for (Client c : clients) {
                c.close();
            }
        }
    }

    /**
     * Delivers one message to the idlers' mailbox and waits until every client has read an
     * EXISTS for it; then pauses a little, as mail does not arrive back to back.
     *
     * @return each client's latency from SMTP's 250, in nanoseconds, ascending
     */
    private static long[] tellIdlers(Selector selector) throws Exception {
        for (SelectionKey key : selector.keys()) {
            ((StringBuilder) key.attachment()).setLength(0);
        }
        long delivered;
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            assertTrue(smtp.send("bench@outside.example", List.of(IDLER), message(0)).startsWith("250"));
            delivered = System.nanoTime();
        }
        int told = 0;
        long[] latencies = new long[IDLERS];
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (told < IDLERS && System.nanoTime() < deadline) {
            selector.select(1000);
            for (SelectionKey key : selector.selectedKeys()) {
                StringBuilder seen = (StringBuilder) key.attachment();
                buffer.clear();
                if (((SocketChannel) key.channel()).read(buffer) > 0) {
                    seen.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII));
                    if (seen.indexOf(" EXISTS") >= 0 && seen.charAt(0) != '!') {
                        latencies[told++] = System.nanoTime() - delivered;
                        seen.insert(0, '!');
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        assertEquals(IDLERS, told, "every IDLE client was told of the new message");
        Arrays.sort(latencies);
        Thread.sleep(500);
        return latencies;
    }

    private static void readUntil(SocketChannel ch, String marker) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(marker) < 0) {
            if (ch.read(buffer) < 0) {
                throw new IOException("closed before " + marker + ": " + seen);
            }
            buffer.flip();
            seen.append(StandardCharsets.US_ASCII.decode(buffer));
            buffer.clear();
        }
    }

    /** The server's used heap after a full GC (jcmd), or -1 when jcmd cannot reach it. */
    private static long serverHeapAfterGc() {
        try {
            Path pidFile = ServerUnderTest.serverDir().resolve("../.pid/mailserver.pid").normalize();
            String pid = Files.readString(pidFile).strip();
            new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start().waitFor();
            Process info = new ProcessBuilder("jcmd", pid, "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            info.waitFor();
            Matcher m = Pattern.compile("used (\\d+)K").matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * 1,000 single UID STOREs, one at a time, then one STORE that undoes them, outside the time.
     *
     * @return seconds the single STOREs took
     */
    private static double stores(Client c) throws IOException {
        long start = System.nanoTime();
        for (int uid = 1; uid <= 1000; uid++) {
            c.command("UID STORE " + uid + " +FLAGS.SILENT (\\Flagged)");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        c.command("UID STORE 1:1000 -FLAGS.SILENT (\\Flagged)");
        return seconds;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void warmUp(Step step) throws Exception {
        long end = System.nanoTime() + WARM_UP_SECONDS * 1_000_000_000L;
        do {
            step.run();
        } while (System.nanoTime() < end);
    }

    private interface Measure {
        double run() throws Exception;
    }

    private static double best(int runs, Measure m) throws Exception {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < runs; i++) {
            best = Math.max(best, m.run());
        }
        return best;
    }

    /** A blocking IMAP client that reads whole responses, literals included, and counts bytes. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private int tags;
        long lastBytes;
        String lastText = "";
        private byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;

        private Client(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        static Client login() throws IOException {
            Socket s = new Socket(ServerUnderTest.HOST, ServerUnderTest.IMAP);
            s.setSoTimeout(120_000);
            Client c = new Client(s);
            c.line();
            c.command("LOGIN " + USER + " " + PASSWORD);
            return c;
        }

        /** @return seconds from sending the command to its tagged OK */
        double timed(String command) throws IOException {
            long start = System.nanoTime();
            command(command);
            return (System.nanoTime() - start) / 1e9;
        }

        void command(String command) throws IOException {
            String tag = "t" + ++tags;
            out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long bytes = 0;
            StringBuilder text = new StringBuilder();
            while (true) {
                String line = line();
                bytes += line.length() + 2;
                if (text.length() < 10_000) {
                    text.append(line).append('\n');
                }
                int brace = line.lastIndexOf('{');
                if (line.endsWith("}") && brace >= 0) {
                    long n = Long.parseLong(line.substring(brace + 1, line.length() - 1));
                    skip(n);
                    bytes += n;
                    continue;
                }
                if (line.startsWith(tag + " ")) {
                    if (!line.startsWith(tag + " OK")) {
                        throw new IOException(line);
                    }
                    lastBytes = bytes;
                    lastText = text.toString();
                    return;
                }
            }
        }

        /** One line without its CRLF, read from the client's own buffer (the client must not be what is measured). */
        private String line() throws IOException {
            int start = position;
            while (true) {
                for (int i = position; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        String line = new String(buffer, start, i - start - (i > start && buffer[i - 1] == '\r' ? 1 : 0),
                                StandardCharsets.ISO_8859_1);
                        position = i + 1;
                        return line;
                    }
                }
                int kept = limit - start;
                if (start > 0) {
                    System.arraycopy(buffer, start, buffer, 0, kept);
                } else if (kept == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                position = kept;
                limit = kept;
                start = 0;
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    throw new IOException("Connection closed");
                }
                limit += n;
            }
        }

        /** Skips a literal's octets, from the buffer first. */
        private void skip(long n) throws IOException {
            int buffered = (int) Math.min(n, limit - position);
            position += buffered;
            in.skipNBytes(n - buffered);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
