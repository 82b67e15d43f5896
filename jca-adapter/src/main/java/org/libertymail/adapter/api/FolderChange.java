package org.libertymail.adapter.api;

/** What the store did with a request to create, delete or rename a folder. */
public enum FolderChange {
    DONE,
    /** The (new) name is taken: IMAP NO [ALREADYEXISTS]. */
    EXISTS,
    /** No folder of that name: IMAP NO [NONEXISTENT]. */
    NONEXISTENT,
    /** DELETE of a folder with folders below it: they go first. */
    HAS_CHILDREN,
    /** DELETE of INBOX, or a rename into a folder's own subtree. */
    NOT_ALLOWED
}
