package org.libertymail.adapter.imap;

/** A command that does not follow the grammar of RFC 3501 section 9: answered with BAD. */
public class ImapParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImapParseException(String message) {
        super(message);
    }
}
