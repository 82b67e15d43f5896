package org.libertymail.adapter.api;

import java.util.Locale;

/**
 * Which protocol log lines to show; a null member lets every line through.
 *
 * @param session one session's id, exactly
 * @param connector the receive connector's or service binding's name, exactly
 * @param remote part of the client's address
 * @param contains part of the line's text (event and data), case ignored
 */
public record ProtocolLogFilter(String session, String connector, String remote, String contains) {
    public static final ProtocolLogFilter ALL = new ProtocolLogFilter(null, null, null, null);

    public ProtocolLogFilter {
        contains = contains == null ? null : contains.toLowerCase(Locale.ROOT);
    }

    public static ProtocolLogFilter session(String session) {
        return new ProtocolLogFilter(session, null, null, null);
    }

    public boolean matches(ProtocolLogEntry e) {
        return (session == null || session.equals(e.session()))
                && (connector == null || connector.equals(e.connector()))
                && (remote == null || e.remote() != null && e.remote().contains(remote))
                && (contains == null || (e.event() + " " + (e.data() == null ? "" : e.data())).toLowerCase(Locale.ROOT)
                        .contains(contains));
    }
}
