package org.libertymail.adapter.protocol;

/**
 * One client connection's protocol state machine. The transport calls these methods one at a
 * time, in order, never concurrently and, except for frames {@link #quick} accepts, never on an
 * I/O thread, so a session may block on the store.
 */
public interface ProtocolSession {

    /** Sends the greeting. */
    void start();

    /** One input frame: a line without its line ending (IMAP: a command with its literals). */
    void onFrame(byte[] frame);

    /**
     * Whether handling {@code frame} now would neither block nor call the store, so the I/O thread
     * that read it may handle it at once instead of handing it to a worker (a thread switch and
     * a wake-up each way). Called only while no other call of this session runs or is queued.
     */
    default boolean quick(byte[] frame) {
        return false;
    }

    /** The client sent a line longer than the configured limit; it was discarded. */
    void onLineTooLong();

    /** The client was silent for longer than the protocol's idle timeout. */
    void onIdleTimeout();

    /**
     * How an input frame appears in the protocol log, called just before {@link #onFrame}:
     * passwords and SASL data replaced by "****"; null leaves it out (message content).
     */
    default String forLog(byte[] frame) {
        return new String(frame, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** SMTP: a piece of a BDAT chunk (RFC 3030); {@code end} on the chunk's last piece. */
    default void onChunk(byte[] data, boolean end) {
    }

    /** The mail of an account it watches changed ({@link SessionOutput#watchMailbox}); on its worker, between frames. */
    default void onWake() {
    }

    /** The connection is gone; release what the session holds. */
    default void onDisconnect() {
    }

    /**
     * What the client reads before an administrator's order closes the connection (IMAP's BYE,
     * SMTP's 421), or null for nothing (POP3 has no unsolicited reply). Called on any thread, so
     * it must not touch the session's state.
     */
    default byte[] farewell() {
        return null;
    }
}
