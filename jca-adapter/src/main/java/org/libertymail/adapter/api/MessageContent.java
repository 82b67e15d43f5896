package org.libertymail.adapter.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a message on its way into the store. A large message lives in a spool file, so
 * neither the adapter nor the store holds it whole; the store reads it as a stream.
 */
public interface MessageContent {

    /** The exact number of bytes {@link #open()} yields. */
    long size();

    /** A new stream over the content, from its first byte; the caller closes it. */
    InputStream open() throws IOException;

    /** The raw header with its blank line, when the sender analysed the message; else null. */
    default byte[] header() {
        return null;
    }

    /** The IMAP structure of the message, when the sender analysed it; else null. */
    default MessageStructure structure() {
        return null;
    }

    static MessageContent of(byte[] bytes) {
        return new MessageContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}
