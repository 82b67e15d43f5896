package org.libertymail.adapter.api;

/**
 * One folder of a mailbox as LIST shows it.
 *
 * @param name full name, hierarchy levels separated by {@link #DELIMITER}
 * @param specialUse its RFC 6154 use ({@code \Sent}, {@code \Drafts}, {@code \Trash}, {@code \Junk}, {@code \Archive}) or null
 * @param selectable false for a level that holds folders but no messages (LIST's \Noselect),
 *        such as the root of the public folders
 * @param hidden an administrator hid it from IMAP listings (Exchange's hidden folders): LIST
 *        and LSUB leave it out unless ShowHiddenFolders; it may still be selected by name
 */
public record FolderInfo(String name, String specialUse, boolean selectable, boolean hidden) {
    public static final char DELIMITER = '/';

    public FolderInfo(String name, String specialUse, boolean selectable) {
        this(name, specialUse, selectable, false);
    }

    public FolderInfo(String name, String specialUse) {
        this(name, specialUse, true);
    }

    public FolderInfo(String name) {
        this(name, null);
    }
}
