package org.libertymail.adapter.api;

/**
 * The shared namespace (RFC 2342) in which administrators' public folders appear to every
 * account granted access: "Public Folders/Projects" is the store's folder "Projects" of the
 * public store. The public store is held like a mailbox named {@link #OWNER}, which no one can
 * log in to or send to.
 */
public final class PublicFolders {
    /** The namespace's top level, which is not a folder itself (\Noselect). */
    public static final String ROOT = "Public Folders";
    public static final String PREFIX = ROOT + FolderInfo.DELIMITER;
    /** The account that owns the public folders in the store; also the key IDLE watches. */
    public static final String OWNER = "#public";

    private PublicFolders() {
    }

    /** Whether a name, as clients see it, lies in the shared namespace (the root included). */
    public static boolean isPublic(String name) {
        return name != null && (name.equals(ROOT) || name.startsWith(PREFIX));
    }

    /** The store's name of a public folder: "Public Folders/a/b" is "a/b". */
    public static String storeName(String name) {
        return name.substring(PREFIX.length());
    }

    /** The name clients see for a folder of the public store. */
    public static String clientName(String storeName) {
        return PREFIX + storeName;
    }

    /** The account whose changes a session on this folder must hear of. */
    public static String watchKey(String account, String folder) {
        return isPublic(folder) ? OWNER : account;
    }
}
