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
        assertEquals(List.of("EHLO a", "QUIT"), logs.recent(Protocol.SMTP, "A", 10).stream().map(ProtocolLogEntry::data).toList());
        assertEquals(List.of("QUIT"), logs.recent(Protocol.SMTP, null, 1).stream().map(ProtocolLogEntry::data).toList());
        assertEquals(List.of(), logs.recent(Protocol.IMAP, null, 10));
        String file = Files.readString(dir.resolve("smtp-receive.0.log"));
        assertTrue(file.contains("2023-11-14T22:13:20Z,submission,B,127.0.0.1:587,192.0.2.7:40000,<,\"EHLO \"\"b\"\"\""), file);
    }
}
