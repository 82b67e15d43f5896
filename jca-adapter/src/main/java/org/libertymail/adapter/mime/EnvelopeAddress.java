package org.libertymail.adapter.mime;

/**
 * One address of an ENVELOPE (RFC 3501 7.4.2). A group is written as a start marker (mailbox =
 * the group name, host null) and an end marker (all null).
 */
record EnvelopeAddress(String name, String route, String mailbox, String host) {
    static EnvelopeAddress groupStart(String name) {
        return new EnvelopeAddress(null, null, name, null);
    }

    static EnvelopeAddress groupEnd() {
        return new EnvelopeAddress(null, null, null, null);
    }
}
