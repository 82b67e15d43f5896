package org.libertymail.adapter.transport;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.libertymail.adapter.api.EndpointMetrics;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.protocol.SessionEvent;

/**
 * The traffic counters of one endpoint, bumped by its connections' event loops and workers
 * without locks. Refusing replies are told apart by reason, read off the status line itself,
 * so that every protocol's every refusal is counted in one place.
 */
final class EndpointCounters {
    private static final Pattern SMTP_REFUSAL = Pattern.compile("^([45][0-9][0-9]) (?:([245]\\.[0-9]{1,3}\\.[0-9]{1,3}) )?");
    private static final Pattern POP3_REFUSAL = Pattern.compile("^-ERR(?: \\[([A-Z/-]+)\\])?");
    private static final Pattern IMAP_REFUSAL = Pattern.compile("^[^ *+]+ (NO|BAD)(?: \\[([A-Z-]+)[] ])?");
    /** Reasons kept apart at most; others are counted as "other" (a client cannot grow the map). */
    static final int MAX_REASONS = 200;

    private final Protocol protocol;
    private final String endpoint;
    final LongAdder connections = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder open = new LongAdder();
    final LongAdder commands = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private final LongAdder messagesAccepted = new LongAdder();
    private final RecentCount messagesLastHour = new RecentCount(System::currentTimeMillis);
    private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();

    EndpointCounters(Protocol protocol, String endpoint) {
        this.protocol = protocol;
        this.endpoint = endpoint;
    }

    void count(SessionEvent event) {
        if (event == SessionEvent.AUTH_FAILURE) {
            authFailures.increment();
        } else {
            messagesAccepted.increment();
            messagesLastHour.increment();
        }
    }

    /** Counts a status line the server sent, if it refuses something. */
    void reply(String line) {
        String reason = reason(protocol, line);
        if (reason != null) {
            LongAdder counter = rejections.get(reason);
            if (counter == null) {
                counter = rejections.size() < MAX_REASONS ? rejections.computeIfAbsent(reason, r -> new LongAdder())
                        : rejections.computeIfAbsent("other", r -> new LongAdder());
            }
            counter.increment();
        }
    }

    /** The reason a status line refuses something, or null when it does not. */
    static String reason(Protocol protocol, String line) {
        Matcher m;
        switch (protocol) {
            case SMTP:
                m = SMTP_REFUSAL.matcher(line);
                return m.find() ? (m.group(2) != null ? m.group(2) : m.group(1)) : null;
            case POP3:
                m = POP3_REFUSAL.matcher(line);
                return m.find() ? (m.group(1) != null ? "-ERR [" + m.group(1) + "]" : "-ERR") : null;
            default:
                m = IMAP_REFUSAL.matcher(line);
                return m.find() ? (m.group(2) != null ? m.group(1) + " [" + m.group(2) + "]" : m.group(1)) : null;
        }
    }

    EndpointMetrics snapshot() {
        Map<String, Long> reasons = new TreeMap<>();
        rejections.forEach((reason, count) -> reasons.put(reason, count.sum()));
        return new EndpointMetrics(protocol, endpoint, connections.sum(), refused.sum(), open.sum(), commands.sum(),
                bytesIn.sum(), bytesOut.sum(), authFailures.sum(), messagesAccepted.sum(), messagesLastHour.lastHour(), reasons);
    }
}
