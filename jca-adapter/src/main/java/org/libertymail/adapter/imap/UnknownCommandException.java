package org.libertymail.adapter.imap;

/** A command name the server does not implement. */
public class UnknownCommandException extends ImapParseException {
    private static final long serialVersionUID = 1L;

    public UnknownCommandException(String name) {
        super("Unknown command " + name);
    }
}
