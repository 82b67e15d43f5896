package org.libertymail.adapter.transport;

/** A protocol's input framer. */
interface FrameDecoder {

    /** Forgets input received but not yet framed: the plaintext left over at STARTTLS. */
    void discardBuffered();
}
