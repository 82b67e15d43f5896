package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

/** Executes one kind of IMAP command and writes its responses, ending with the tagged one. */
public interface CommandProcessor<C extends ImapCommand> {

    Set<ImapState> NOT_AUTHENTICATED = Set.of(ImapState.NOT_AUTHENTICATED);
    Set<ImapState> AUTHENTICATED = Set.of(ImapState.AUTHENTICATED, ImapState.SELECTED);
    Set<ImapState> SELECTED = Set.of(ImapState.SELECTED);
    Set<ImapState> ANY = Set.of(ImapState.NOT_AUTHENTICATED, ImapState.AUTHENTICATED, ImapState.SELECTED);

    /** The states in which the command is valid (RFC 3501 section 6). */
    Set<ImapState> validIn();

    void process(String tag, C command, ImapSessionState session);

    /** Whether the command may change the account's mail, so that IDLE sessions must hear of it. */
    default boolean changesMail(C command) {
        return false;
    }
}
