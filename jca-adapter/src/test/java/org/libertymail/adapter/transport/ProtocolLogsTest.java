package org.libertymail.adapter.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ProtocolLogEntry;
import org.libertymail.adapter.api.ProtocolLogFilter;

class ProtocolLogsTest {
    @TempDir
    Path dir;

    private static ProtocolLogEntry entry(String session, String data) {
        return new ProtocolLogEntry(1_700_000_000_000L, "smtp", "submission", session, "127.0.0.1:587", "192.0.2.7:40000",
                "<", data);
    }

    @Test
    void entriesGoToARotatedCsvFileAndTheLatestAreKeptPerSession() throws Exception {
        ProtocolLogs logs = new ProtocolLogs(dir);
        logs.add(Protocol.SMTP, entry("A", "EHLO a"));
        logs.add(Protocol.SMTP, entry("B", "EHLO \"b\""));
        logs.add(Protocol.SMTP, entry("A", "QUIT"));
        logs.close();
        assertEquals(List.of("EHLO a", "QUIT"), logs.recent(Protocol.SMTP, ProtocolLogFilter.session("A"), 10).stream().map(ProtocolLogEntry::data).toList());
        assertEquals(List.of("QUIT"), logs.recent(Protocol.SMTP, ProtocolLogFilter.ALL, 1).stream().map(ProtocolLogEntry::data).toList());
        assertEquals(List.of(), logs.recent(Protocol.IMAP, ProtocolLogFilter.ALL, 10));
        String file = Files.readString(dir.resolve("smtp-receive.0.log"));
        assertTrue(file.contains("2023-11-14T22:13:20Z,submission,B,127.0.0.1:587,192.0.2.7:40000,<,\"EHLO \"\"b\"\"\""), file);
    }

    @Test
    void theLatestLinesArePickedByConnectorRemoteAddressAndText() {
        ProtocolLogs logs = new ProtocolLogs(dir);
        logs.add(Protocol.SMTP, entry("A", "MAIL FROM:<ann@example.com>"));
        logs.add(Protocol.SMTP, new ProtocolLogEntry(1L, "smtp", "smtp", "C", "127.0.0.1:25", "198.51.100.9:1234", "<",
                "mail from:<bob@example.com>"));
        logs.add(Protocol.SMTP, entry("B", "RCPT TO:<carl@example.com>"));
        logs.close();
        assertEquals(List.of("C"), sessions(logs.recent(Protocol.SMTP, new ProtocolLogFilter(null, "smtp", null, null), 10)));
        assertEquals(List.of("A", "B"), sessions(logs.recent(Protocol.SMTP, new ProtocolLogFilter(null, null, "192.0.2.7", null), 10)));
        assertEquals(List.of("A", "C"), sessions(logs.recent(Protocol.SMTP, new ProtocolLogFilter(null, null, null, "Mail From"), 10)));
        assertEquals(List.of("C"), sessions(logs.recent(Protocol.SMTP, new ProtocolLogFilter(null, null, null, "mail from"), 1)),
                "the limit keeps the latest matching lines");
    }

    private static List<String> sessions(List<ProtocolLogEntry> entries) {
        return entries.stream().map(ProtocolLogEntry::session).toList();
    }
}
