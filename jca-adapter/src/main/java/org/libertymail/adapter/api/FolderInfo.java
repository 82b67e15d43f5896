package org.libertymail.adapter.api;

/**
 * One folder of a mailbox as LIST shows it.
 *
 * @param name full name, hierarchy levels separated by {@link #DELIMITER}
 */
public record FolderInfo(String name) {
    public static final char DELIMITER = '/';
}
