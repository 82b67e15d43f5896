package org.libertymail.adapter.api;

import java.util.List;

/** Outbound contract: a live handle on the adapter's listeners. Close it after use. */
public interface MailServerConnection extends AutoCloseable {

    List<ListenerState> listeners();

    /** Binds ({@code true}) or unbinds and disconnects ({@code false}) one protocol now. */
    ListenerState setEnabled(Protocol protocol, boolean enabled);

    /** The login lockouts in force now (too many authentication failures). */
    List<Lockout> lockouts();

    /**
     * Lifts a lockout. @param kind "account" or "ip" @return whether there was one
     */
    boolean unlock(String kind, String key);

    @Override
    void close();
}
