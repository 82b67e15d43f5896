package org.libertymail.adapter.api;

/**
 * A mailbox's own POP3 and IMAP retrieval settings (Exchange's Set-CASMailbox with
 * PopUseProtocolDefaults / ImapUseProtocolDefaults off); a null member leaves the service's
 * setting in force.
 *
 * @param pop3SortOrder "Ascending" or "Descending", as {@link ServiceSettings#messageRetrievalSortOrder}
 * @param pop3MimeFormat a {@link RetrievalFormat} setting
 * @param imapShowHiddenFolders as {@link ServiceSettings#showHiddenFolders}
 * @param imapMimeFormat the IMAP service's {@link ServiceSettings#messageRetrievalMimeFormat}, for this mailbox
 * @param imapExactRfc822Size as {@link ServiceSettings#enableExactRFC822Size}
 */
public record MailboxOverrides(String pop3SortOrder, String pop3MimeFormat, Boolean imapShowHiddenFolders,
        String imapMimeFormat, Boolean imapExactRfc822Size) {
    public static final MailboxOverrides NONE = new MailboxOverrides(null, null, null, null, null);

    public MailboxOverrides(String pop3SortOrder, String pop3MimeFormat) {
        this(pop3SortOrder, pop3MimeFormat, null, null, null);
    }

    public MailboxOverrides(String pop3SortOrder, String pop3MimeFormat, Boolean imapShowHiddenFolders) {
        this(pop3SortOrder, pop3MimeFormat, imapShowHiddenFolders, null, null);
    }

    /** The body format IMAP serves: the mailbox's, else the service's. */
    public RetrievalFormat imapFormat(RetrievalFormat serviceFormat) {
        return imapMimeFormat == null ? serviceFormat : RetrievalFormat.parse(imapMimeFormat).orElse(serviceFormat);
    }

    /** Whether IMAP's RFC822.SIZE is the converted size: the mailbox's setting, else the service's. */
    public boolean exactRfc822Size(boolean service) {
        return imapExactRfc822Size == null ? service : imapExactRfc822Size;
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
