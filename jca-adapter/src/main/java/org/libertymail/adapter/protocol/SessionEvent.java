package org.libertymail.adapter.protocol;

/** What a session tells its transport to count for the server's metrics. */
public enum SessionEvent {
    /** A login refused for wrong credentials. */
    AUTH_FAILURE,
    /** SMTP: a message stored for its recipients. */
    MESSAGE_ACCEPTED
}
