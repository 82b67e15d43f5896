package org.libertymail.adapter.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.libertymail.adapter.api.ProtocolLogEntry;
import org.libertymail.adapter.api.ProtocolLogFilter;
import org.libertymail.adapter.api.Protocol;

/**
 * The protocol logs: per protocol, rotated files (smtp-receive, pop3, imap4 .N.log under the
 * configured directory, {@link #FILE_BYTES} each, {@link #FILES} kept) written as CSV lines like
 * Exchange's, and the last {@link #KEPT} entries in memory for the REST API.
 */
public final class ProtocolLogs {
    private static final Logger LOG = Logger.getLogger(ProtocolLogs.class.getName());
    static final int FILE_BYTES = 10 * 1024 * 1024;
    static final int FILES = 10;
    static final int KEPT = 5000;
    static final int MAX_DATA = 512;

    private final Path directory;
    private final Map<Protocol, FileHandler> files = new EnumMap<>(Protocol.class);
    private final Map<Protocol, Deque<ProtocolLogEntry>> recent = new EnumMap<>(Protocol.class);

    public ProtocolLogs(Path directory) {
        this.directory = directory;
    }

    /** Appends one entry; a file that cannot be written costs a warning, never the session. */
    public void add(Protocol protocol, ProtocolLogEntry entry) {
        ProtocolLogEntry trimmed = entry.data() != null && entry.data().length() > MAX_DATA
                ? new ProtocolLogEntry(entry.timeMillis(), entry.protocol(), entry.connector(), entry.session(),
                        entry.local(), entry.remote(), entry.event(), entry.data().substring(0, MAX_DATA) + "...")
                : entry;
        FileHandler file;
        synchronized (this) {
            Deque<ProtocolLogEntry> lines = recent.computeIfAbsent(protocol, p -> new ArrayDeque<>());
            lines.addLast(trimmed);
            if (lines.size() > KEPT) {
                lines.removeFirst();
            }
            file = file(protocol);
        }
        if (file != null) {
            LogRecord record = new LogRecord(Level.INFO, csv(trimmed));
            file.publish(record);
        }
    }

    /** The latest entries, oldest first, of one session or of all; at most {@code limit}. */
    public synchronized List<ProtocolLogEntry> recent(Protocol protocol, ProtocolLogFilter filter, int limit) {
        Deque<ProtocolLogEntry> lines = recent.get(protocol);
        List<ProtocolLogEntry> result = new ArrayList<>();
        if (lines == null) {
            return result;
        }
        for (Iterator<ProtocolLogEntry> it = lines.descendingIterator(); it.hasNext() && result.size() < limit;) {
            ProtocolLogEntry e = it.next();
            if (filter.matches(e)) {
                result.add(0, e);
            }
        }
        return result;
    }

    public synchronized void close() {
        files.values().forEach(FileHandler::close);
        files.clear();
    }

    private FileHandler file(Protocol protocol) {
        FileHandler handler = files.get(protocol);
        if (handler != null || files.containsKey(protocol)) {
            return handler;
        }
        try {
            Files.createDirectories(directory);
            String name = switch (protocol) {
                case SMTP -> "smtp-receive";
                case POP3 -> "pop3";
                case IMAP -> "imap4";
            };
            handler = new FileHandler(directory.resolve(name + ".%g.log").toString(), FILE_BYTES, FILES, true);
            handler.setFormatter(new Formatter() {
                @Override
                public String format(LogRecord record) {
                    return record.getMessage() + System.lineSeparator();
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Protocol log for " + protocol + " cannot be written in " + directory, e);
        }
        files.put(protocol, handler);
        return handler;
    }

    /** date-time,connector,session,local,remote,event,data - data quoted, as Exchange writes it. */
    static String csv(ProtocolLogEntry e) {
        return Instant.ofEpochMilli(e.timeMillis()) + "," + e.connector() + "," + e.session() + "," + e.local() + ","
                + e.remote() + "," + e.event() + ",\"" + (e.data() == null ? "" : e.data().replace("\"", "\"\"")) + "\"";
    }
}
