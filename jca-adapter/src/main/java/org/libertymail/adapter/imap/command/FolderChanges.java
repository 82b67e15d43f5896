package org.libertymail.adapter.imap.command;

import org.libertymail.adapter.api.FolderChange;
import org.libertymail.adapter.api.FolderNames;
import org.libertymail.adapter.imap.ImapSessionState;

/** The tagged answer to CREATE, DELETE and RENAME, with RFC 5530 response codes. */
final class FolderChanges {
    private FolderChanges() {
    }

    /**
     * The name a CREATE or RENAME asks for, without a trailing delimiter; null when it cannot be
     * a folder's name, after answering NO [CANNOT].
     */
    static String newName(String tag, String requested, ImapSessionState session) {
        String name = FolderNames.withoutTrailingDelimiter(requested);
        String problem = FolderNames.problem(name);
        if (problem != null) {
            session.responder().no(tag, "[CANNOT] " + problem);
            return null;
        }
        return name;
    }

    static void answer(String tag, String verb, FolderChange change, ImapSessionState session) {
        switch (change) {
            case DONE -> session.responder().ok(tag, verb + " completed");
            case EXISTS -> session.responder().no(tag, "[ALREADYEXISTS] Mailbox already exists");
            case NONEXISTENT -> session.responder().no(tag, "[NONEXISTENT] Mailbox does not exist");
            case HAS_CHILDREN -> session.responder().no(tag, "[INUSE] Mailbox has children, delete them first");
            case NOT_ALLOWED -> session.responder().no(tag, "[CANNOT] Not allowed for this mailbox");
        }
    }
}
