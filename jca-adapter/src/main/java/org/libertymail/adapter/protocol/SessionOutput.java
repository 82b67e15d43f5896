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

    /**
     * Holds back what is written from now on for {@code millis} (a tarpit after a failed
     * login): flushes before then take effect only when the time is up.
     */
    default void holdFor(long millis) {
    }

    /** Something the server's metrics count happened in the session. */
    default void count(SessionEvent event) {
    }

    /**
     * The session logged in as {@code account}: the transport applies what its binding sets for
     * logged-in clients (their idle timeout, the sessions one account may have at once).
     *
     * @return false when the account already has as many sessions as allowed; the session must
     *         then refuse the login
     */
    default boolean authenticated(String account) {
        return true;
    }

    /**
     * SMTP: the next line written is the 354 reply; from then on input lines are message content
     * up to the "." line (the transport must not read a content line as a BDAT command).
     */
    default void expectContent() {
    }

    /** Whether {@link #startTls} can work: the server has a certificate to offer. */
    default boolean tlsAvailable() {
        return false;
    }

    /**
     * Sends {@code reply} in the clear, then starts TLS on the connection (STARTTLS, STLS).
     * Anything the client sent after the command that asked for it and before the handshake is
     * discarded, never read as commands (the STARTTLS command-injection attacks).
     */
    default void startTls(String reply) {
        throw new UnsupportedOperationException("TLS is not available on this connection");
    }

    /** Flushes what was written, then closes the connection. */
    /**
     * From now on, until {@link #unwatchMailbox} or the end of the connection, a change to the
     * account's mail wakes the session ({@link ProtocolSession#onWake}).
     */
    default void watchMailbox(String account) {
    }

    default void unwatchMailbox() {
    }

    /** Tells the sessions watching the account that its mail changed. */
    default void mailboxChanged(String account) {
    }

    void close();
}
