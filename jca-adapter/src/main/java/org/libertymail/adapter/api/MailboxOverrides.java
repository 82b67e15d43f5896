package org.libertymail.adapter.api;

/**
 * A mailbox's own POP3 retrieval settings (Exchange's Set-CASMailbox with PopUseProtocolDefaults
 * off); a null member leaves the service's setting in force.
 *
 * @param pop3SortOrder "Ascending" or "Descending", as {@link ServiceSettings#messageRetrievalSortOrder}
 * @param pop3MimeFormat a {@link RetrievalFormat} setting
 * @param imapShowHiddenFolders as {@link ServiceSettings#showHiddenFolders}
 */
public record MailboxOverrides(String pop3SortOrder, String pop3MimeFormat, Boolean imapShowHiddenFolders) {
    public static final MailboxOverrides NONE = new MailboxOverrides(null, null, null);

    public MailboxOverrides(String pop3SortOrder, String pop3MimeFormat) {
        this(pop3SortOrder, pop3MimeFormat, null);
    }

    /** Whether IMAP lists hidden folders: the mailbox's setting, else the service's. */
    public boolean showHiddenFolders(boolean service) {
        return imapShowHiddenFolders == null ? service : imapShowHiddenFolders;
    }

    /** The order to number a maildrop in: the mailbox's, else the service's. */
    public boolean newestFirst(boolean serviceNewestFirst) {
        return pop3SortOrder == null ? serviceNewestFirst : ServiceSettings.DESCENDING.equalsIgnoreCase(pop3SortOrder);
    }

    /** The body format to serve: the mailbox's, else the service's. */
    public RetrievalFormat format(RetrievalFormat serviceFormat) {
        return pop3MimeFormat == null ? serviceFormat : RetrievalFormat.parse(pop3MimeFormat).orElse(serviceFormat);
    }
}
