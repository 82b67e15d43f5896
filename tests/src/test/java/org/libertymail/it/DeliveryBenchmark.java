package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The delivery benchmark (not a test: `tests/benchmark.sh` runs it through the `benchmark`
 * profile). Against the real server it creates 100 mailboxes and drives SMTP over real sockets
 * with 1, 16 and 64 concurrent sessions and 4 KiB and 100 KiB messages, one recipient each;
 * it prints delivered msg/s and p50/p99 latency (MAIL FROM to the 250 after DATA) per case and
 * writes them as JSON to target/benchmark-<db>.json.
 */
class DeliveryBenchmark {
    private static final int MAILBOXES = 100;
    private static final String DOMAIN = "bench.test";

    private record Result(String db, int sessions, int sizeBytes, int messages, double seconds, double msgPerSecond,
            double p50Millis, double p99Millis, int errors) {
        String json() {
            return String.format(Locale.ROOT, "{\"db\":\"%s\",\"sessions\":%d,\"sizeBytes\":%d,\"messages\":%d,"
                    + "\"seconds\":%.2f,\"msgPerSecond\":%.0f,\"p50Millis\":%.2f,\"p99Millis\":%.2f,\"errors\":%d}",
                    db, sessions, sizeBytes, messages, seconds, msgPerSecond, p50Millis, p99Millis, errors);
        }
    }

    @Test
    void deliver() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        for (int i = 0; i < MAILBOXES; i++) {
            ServerUnderTest.createMailbox("user" + i + "@" + DOMAIN, "benchmark-secret");
        }
        String db = System.getProperty("it.db", "hsqldb");
        // Warm-up: the JIT compiles Liberty's, EclipseLink's and the database's hot paths over
        // the first ~20,000 messages (the C2 compiler takes half a core meanwhile); a mail server
        // runs for days, so the figures are of the warmed-up server.
        for (int i = 0; i < Integer.getInteger("bench.warmups", 4); i++) {
            run(db, 16, 4096, 6400);
        }
        List<Result> results = new ArrayList<>();
        for (int size : ints("bench.sizes", "4096,102400")) {
            for (int sessions : ints("bench.sessions", "1,16,64")) {
                int messages = size == 4096 ? (sessions == 1 ? 2000 : 6400) : (sessions == 1 ? 500 : 1280);
                Result r = run(db, sessions, size, messages);
                results.add(r);
                System.out.printf(Locale.ROOT, "%-10s %3d sessions %7d B: %6.0f msg/s  p50 %6.2f ms  p99 %7.2f ms  (%d msgs, %d errors)%n",
                        db, sessions, size, r.msgPerSecond(), r.p50Millis(), r.p99Millis(), r.messages(), r.errors());
            }
        }
        Path out = Path.of("target", "benchmark-" + db + ".json");
        Files.writeString(out, "[\n" + String.join(",\n", results.stream().map(Result::json).toList()) + "\n]\n");
        assertEquals(0, results.stream().mapToInt(Result::errors).sum(), "every message was accepted");
    }

    /** A comma-separated list from a system property, so one case can be rerun alone while tuning. */
    private static int[] ints(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).mapToInt(v -> Integer.parseInt(v.trim()))
                .toArray();
    }

    private static Result run(String db, int sessions, int size, int messages) throws Exception {
        byte[] message = message(size);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long[] latencies = new long[messages];
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int s = 0; s < sessions; s++) {
            running.add(pool.submit(() -> {
                try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
                    int n;
                    while ((n = next.getAndIncrement()) < messages) {
                        long t = System.nanoTime();
                        String reply = smtp.send("bench@outside.example", List.of("user" + n % MAILBOXES + "@" + DOMAIN), message);
                        latencies[n] = System.nanoTime() - t;
                        if (!reply.startsWith("250")) {
                            errors.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        return new Result(db, sessions, size, messages, seconds, messages / seconds,
                latencies[messages / 2] / 1e6, latencies[(int) (messages * 0.99)] / 1e6, errors.get());
    }

    private static byte[] message(int size) {
        StringBuilder m = new StringBuilder("From: bench@outside.example\r\nTo: user@" + DOMAIN + "\r\nSubject: benchmark\r\n\r\n");
        while (m.length() < size) {
            m.append("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789\r\n");
        }
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
