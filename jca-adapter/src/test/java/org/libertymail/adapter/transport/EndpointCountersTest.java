package org.libertymail.adapter.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.protocol.SessionEvent;

class EndpointCountersTest {
    @Test
    void refusingRepliesAreCountedByTheirReason() {
        assertEquals("5.7.1", EndpointCounters.reason(Protocol.SMTP, "550 5.7.1 Relay access denied"));
        assertEquals("421", EndpointCounters.reason(Protocol.SMTP, "421 mail.example Service not available"));
        assertNull(EndpointCounters.reason(Protocol.SMTP, "550-5.7.1 first line of several"), "only a reply's last line");
        assertNull(EndpointCounters.reason(Protocol.SMTP, "250 2.0.0 Ok"));
        assertEquals("-ERR [AUTH]", EndpointCounters.reason(Protocol.POP3, "-ERR [AUTH] Invalid user name or password"));
        assertEquals("-ERR", EndpointCounters.reason(Protocol.POP3, "-ERR No such message"));
        assertNull(EndpointCounters.reason(Protocol.POP3, "+OK"));
        assertEquals("NO [AUTHENTICATIONFAILED]", EndpointCounters.reason(Protocol.IMAP, "a1 NO [AUTHENTICATIONFAILED] Invalid"));
        assertEquals("BAD", EndpointCounters.reason(Protocol.IMAP, "a2 BAD Unknown command"));
        assertNull(EndpointCounters.reason(Protocol.IMAP, "* NO [ALERT] untagged"), "untagged answers refuse nothing");
        assertNull(EndpointCounters.reason(Protocol.IMAP, "a3 OK done"));
    }

    @Test
    void aClientCannotGrowTheReasonsWithoutBound() {
        EndpointCounters counters = new EndpointCounters(Protocol.SMTP, "Default");
        for (int i = 0; i < EndpointCounters.MAX_REASONS + 50; i++) {
            counters.reply("550 5." + (i / 1000) + "." + (i % 1000) + " refused");
        }
        counters.count(SessionEvent.AUTH_FAILURE);
        Map<String, Long> reasons = counters.snapshot().rejections();
        assertEquals(EndpointCounters.MAX_REASONS + 1, reasons.size());
        assertEquals(50, reasons.get("other"));
        assertEquals(1, counters.snapshot().authFailures());
    }
}
