package org.libertymail.adapter.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.libertymail.adapter.protocol.SessionOutput;

/** Collects what a session writes, as a socket would carry it. */
public final class RecordingOutput implements SessionOutput {
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private int consumed;
    private boolean closed;

    @Override
    public void write(byte[] bytes) {
        all.write(bytes, 0, bytes.length);
    }

    @Override
    public void flush() {
        // Everything is already visible.
    }

    /** How often the session waited for the transport to take what it wrote. */
    public int waits;

    @Override
    public void flushAndWait() {
        waits++;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The tarpit delays the session asked for, in order. */
    public final List<Long> holds = new ArrayList<>();

    @Override
    public void holdFor(long millis) {
        holds.add(millis);
    }

    /** Whether the transport lets the next login have a session (the per-user limit). */
    public boolean userHasRoom = true;

    @Override
    public boolean authenticated(String account) {
        return userHasRoom;
    }

    /** Whether the session may start TLS (a certificate is there). */
    public boolean tlsAvailable = true;
    /** How many times the session started TLS. */
    public int tlsStarts;

    @Override
    public boolean tlsAvailable() {
        return tlsAvailable;
    }

    @Override
    public void startTls(String reply) {
        line(reply);
        tlsStarts++;
    }

    /** The account this session watches (IDLE), or null. */
    public String watching;
    /** The accounts it announced changes to, in order. */
    public final List<String> changed = new ArrayList<>();

    @Override
    public void watchMailbox(String account) {
        watching = account;
    }

    @Override
    public void unwatchMailbox() {
        watching = null;
    }

    @Override
    public void mailboxChanged(String account) {
        changed.add(account);
    }

    public boolean closed() {
        return closed;
    }

    public byte[] bytes() {
        return all.toByteArray();
    }

    /** The lines written since the last call. */
    public List<String> take() {
        byte[] b = all.toByteArray();
        String text = new String(Arrays.copyOfRange(b, consumed, b.length), StandardCharsets.ISO_8859_1);
        consumed = b.length;
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The last line written since the last call. */
    public String last() {
        List<String> lines = take();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
