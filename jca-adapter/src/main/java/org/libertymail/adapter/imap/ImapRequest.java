package org.libertymail.adapter.imap;

/** A tagged command. */
public record ImapRequest(String tag, ImapCommand command) {
}
