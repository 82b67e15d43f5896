package org.libertymail.ejb.service;

import java.util.List;

/**
 * A mailbox as the admin API shows it (never its password hash). {@code quota} is the limit in
 * force (the mailbox's own, else its domain's; a null member is unlimited); {@code usage} and
 * {@code folders} are filled for a single mailbox, not in listings.
 */
public record MailboxView(String address, String domain, String createdAt, Quota quota, Usage usage,
        List<FolderUsage> folders, Access access, Pop3 pop3, Imap imap) {

    /**
     * The mailbox's own IMAP settings: ShowHiddenFolders, MessageRetrievalMimeFormat and
     * EnableExactRFC822Size (each null: the IMAP service's).
     */
    public record Imap(Boolean showHiddenFolders, String messageRetrievalMimeFormat, Boolean enableExactRFC822Size) {
    }

    /**
     * The mailbox's own POP3 settings: retrieval order and body format (null: the POP3
     * service's), and whether APOP is enabled (it has an APOP secret).
     */
    public record Pop3(String messageRetrievalSortOrder, String messageRetrievalMimeFormat, boolean apop) {
    }

    /** Whether the mailbox may be used at all, and with which protocols (SMTP: submission). */
    public record Access(boolean enabled, Protocols protocols) {
    }

    public record Protocols(boolean pop3, boolean imap, boolean smtp) {
    }

    public record Quota(Long bytes, Long messages) {
    }

    public record Usage(long messages, long bytes) {
    }

    /** @param hidden hidden from IMAP listings (PATCH /mailboxes/{address}/folders) */
    public record FolderUsage(String name, long messages, long bytes, boolean hidden) {
    }
}
