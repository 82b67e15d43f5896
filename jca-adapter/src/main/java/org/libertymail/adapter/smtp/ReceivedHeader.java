package org.libertymail.adapter.smtp;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.libertymail.adapter.protocol.SessionContext;

/** The trace header RFC 5321 section 4.4 requires on every accepted message. */
final class ReceivedHeader {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private ReceivedHeader() {
    }

    /**
     * @param utf8 whether the transaction used SMTPUTF8
     * @param authenticated whether the client authenticated: "with" gets RFC 3848's A (ESMTPA,
     *        ESMTPSA) and, for TLS, its S
     */
    static String build(String helo, boolean esmtp, boolean utf8, boolean authenticated, SessionContext context, String id,
            List<String> recipients, Clock clock) {
        // RFC 6531 3.7.3 names UTF8SMTP like ESMTP for SMTPUTF8 transactions.
        String with = !esmtp ? "SMTP" : (utf8 ? "UTF8SMTP" : "ESMTP") + (context.tls() ? "S" : "") + (authenticated ? "A" : "");
        StringBuilder header = new StringBuilder("Received: from ")
                .append(helo).append(" ([").append(context.remoteIp()).append("])\r\n")
                .append("\tby ").append(context.serverName()).append(" (LibertyMail) with ")
                .append(with).append(" id ").append(id);
        if (recipients.size() == 1) {
            header.append("\r\n\tfor <").append(recipients.get(0)).append('>');
        }
        return header.append("; ").append(DATE.format(ZonedDateTime.now(clock))).append("\r\n").toString();
    }
}
