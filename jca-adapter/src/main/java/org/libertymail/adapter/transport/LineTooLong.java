package org.libertymail.adapter.transport;

/** Decoder output for an input line that exceeded the limit and was discarded. */
enum LineTooLong {
    INSTANCE
}
