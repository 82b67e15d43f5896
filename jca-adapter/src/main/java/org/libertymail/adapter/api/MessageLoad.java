package org.libertymail.adapter.api;

/** How much of each message a fetch loads beyond its summary (UID, flags, size, internal date). */
public enum MessageLoad {
    SUMMARY(false, false),
    /** The stored header and {@link MessageStructure}. */
    STRUCTURE(true, false),
    /** The content of messages up to the inline limit. */
    CONTENT(false, true),
    /** Both. */
    ALL(true, true);

    private final boolean structure;
    private final boolean content;

    MessageLoad(boolean structure, boolean content) {
        this.structure = structure;
        this.content = content;
    }

    public boolean structure() {
        return structure;
    }

    public boolean content() {
        return content;
    }

    public static MessageLoad of(boolean structure, boolean content) {
        return structure ? (content ? ALL : STRUCTURE) : (content ? CONTENT : SUMMARY);
    }
}
