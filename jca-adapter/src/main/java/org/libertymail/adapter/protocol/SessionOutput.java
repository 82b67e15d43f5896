package org.libertymail.adapter.protocol;

/**
 * Where a protocol session writes. Writes are buffered until {@link #flush()}; the transport
 * implements it over a socket, tests over a byte array.
 */
public interface SessionOutput {

    void write(byte[] bytes);

    /** Writes text as UTF-8 (protocol text is ASCII; UTF-8 only appears in quoted user data). */
    default void write(String text) {
        write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Writes one protocol line and its CRLF. */
    default void line(String text) {
        write(text + "\r\n");
    }

    void flush();

    /**
     * Flushes and waits until the transport has taken what was written, so a session that
     * sends a large message in pieces holds one piece at a time however slowly the client reads.
     */
    default void flushAndWait() {
        flush();
    }

    /** Flushes what was written, then closes the connection. */
    void close();
}
