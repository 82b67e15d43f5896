package org.libertymail.adapter.api;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inbound contract for POP3 and IMAP4: implemented by a message-driven bean, called by the
 * adapter. Every method that takes messages takes a batch of UIDs, so a command costs one call,
 * not one call per message. Accounts are the canonical addresses returned by
 * {@link #authenticate}; folder names are full names such as "INBOX", or "Public Folders/..."
 * for the public folders ({@link PublicFolders}), on which each call checks the account's
 * rights ({@link Rights}) and throws {@link AccessDeniedException} when one is missing. A public
 * folder the account may not see (no "l" right) does not exist for it.
 */
public interface MailboxAccessListener {

    /**
     * {@link #fetch} with content carries the content of messages up to this size; larger ones
     * come without it and are read in pieces with {@link #readContent}, so no large message is
     * ever held whole.
     */
    int INLINE_CONTENT_LIMIT = 1024 * 1024;

    /** Checks the credentials and whether the mailbox may use {@code protocol} (POP3 or IMAP). */
    LoginResult authenticate(String user, String password, Protocol protocol);

    /**
     * POP3's APOP (RFC 1939 section 7): whether {@code digest} is {@link ApopDigest} of the
     * greeting's {@code timestamp} and the mailbox's APOP secret. A mailbox without a secret
     * (the administrator did not enable APOP for it) is refused as a wrong password is.
     */
    LoginResult authenticateApop(String user, String timestamp, String digest);

    List<FolderInfo> listFolders(String account);

    /**
     * What the account may do in the folder, in RFC 4314 letters (its own folders: {@link
     * Rights#OWNER}); null when there is no such folder for it.
     */
    String rights(String account, String folder);

    /** A maildrop lock not renewed for this long is taken over: its server is gone. */
    long MAILDROP_LEASE_MILLIS = 30 * 60 * 1000L;

    /**
     * Takes the account's POP3 maildrop lock for {@code holder} (RFC 1939 section 8), or renews
     * it when {@code holder} has it already; on every server sharing the store.
     * @return false when another session holds it
     */
    boolean lockMaildrop(String account, String holder);

    /** Lets the maildrop lock go, if {@code holder} has it. */
    void unlockMaildrop(String account, String holder);

    /** The account's quota and usage over all its folders; null when the account is gone. */
    QuotaUsage quota(String account);

    /** Creates the folder and any missing folders above it (IMAP CREATE). */
    FolderChange createFolder(String account, String folder);

    /** Deletes a folder without folders below it, with its messages (IMAP DELETE). */
    FolderChange deleteFolder(String account, String folder);

    /**
     * Renames a folder and the folders below it (IMAP RENAME). Renaming INBOX moves its messages
     * into a new folder and leaves INBOX empty.
     */
    FolderChange renameFolder(String account, String from, String to);

    /** Adds the name to, or removes it from, the subscriptions (IMAP SUBSCRIBE, UNSUBSCRIBE). */
    void subscribe(String account, String folder, boolean subscribed);

    /** The subscribed names, whether their folders exist or not (IMAP LSUB). */
    List<String> subscriptions(String account);

    /**
     * @param claimRecent true for a read-write open (IMAP SELECT, POP3), which takes the \Recent
     *        messages for this session
     * @return the folder, or {@code null} when it does not exist
     */
    FolderSnapshot openFolder(String account, String folder, boolean claimRecent);

    /**
     * A folder's counts (IMAP STATUS), with the same rights as an {@link #openFolder} without
     * claiming \Recent; the store counts in the database rather than listing every message.
     *
     * @return null when the folder does not exist
     */
    default FolderStatus folderStatus(String account, String folder) {
        FolderSnapshot snapshot = openFolder(account, folder, false);
        return snapshot == null ? null : FolderStatus.of(snapshot);
    }

    /**
     * The messages whose flags changed and the UIDs removed after modification {@code modseq},
     * and the messages added above UID {@code afterUid} (deliveries are not journalled: they are
     * the messages above the highest UID a session knows).
     * @return null when the folder does not exist
     */
    FolderDelta changesSince(String account, String folder, long modseq, long afterUid);

    /**
     * @param load what to load beyond the summary; content only of messages up to
     *        {@link #INLINE_CONTENT_LIMIT} bytes
     * @return the messages among {@code uids} that still exist, in ascending UID order
     */
    List<MessageData> fetch(String account, String folder, Collection<Long> uids, MessageLoad load);

    /**
     * The sizes the folder's messages have when served in {@code format} (a {@link
     * RetrievalFormat} setting), by UID, as far as {@link #rememberRenditionSizes} was told them.
     */
    Map<Long, Long> renditionSizes(String account, String folder, String format);

    /** Keeps the sizes of messages served in {@code format}, by UID, for every later session. */
    void rememberRenditionSizes(String account, String folder, String format, Map<Long, Long> sizes);

    /**
     * Up to {@code length} bytes of a message's content from {@code offset} (fewer only at its
     * end). @return the bytes, or {@code null} when the message no longer exists
     */
    byte[] readContent(String account, String folder, long uid, long offset, int length);

    /**
     * The UIDs of the folder's messages whose text parts contain {@code text}, ignoring case
     * (IMAP SEARCH BODY), answered from an index; UIDs of messages expunged meanwhile may be
     * among them. @return null when the index cannot answer (the caller then reads the
     * messages), or when the folder does not exist
     */
    Set<Long> searchText(String account, String folder, String text);

    /** A STORE without condition (not UNCHANGEDSINCE). */
    long UNCONDITIONAL = Long.MAX_VALUE;

    /** @return the new state of the messages among {@code uids} that still exist */
    default List<MessageSummary> storeFlags(String account, String folder, Collection<Long> uids,
            FlagOperation operation, Set<String> flags) {
        return storeFlags(account, folder, uids, operation, flags, UNCONDITIONAL).messages();
    }

    /**
     * Changes the flags of the messages among {@code uids} that still exist and have not changed
     * after modification {@code unchangedSince} ({@link #UNCONDITIONAL}: whatever their changes).
     */
    FlagUpdate storeFlags(String account, String folder, Collection<Long> uids, FlagOperation operation,
            Set<String> flags, long unchangedSince);

    /**
     * Adds a message to a folder (IMAP APPEND) with the given flags and internal date; it counts
     * against the mailbox's quota like a delivery.
     */
    Placement append(String account, String folder, Set<String> flags, Instant internalDate, MessageContent content);

    /**
     * Copies the messages among {@code uids} that still exist into folder {@code to} with their
     * flags and internal dates (IMAP COPY), or moves them there (MOVE, RFC 6851: gone from
     * {@code from} when this returns). Copies share the stored body. Either folder may be a
     * public one; the copies then count against the quota of the folder they go to.
     */
    Placement copy(String account, String from, Collection<Long> uids, String to, boolean move);

    /** Removes the messages flagged \Deleted. @return their UIDs, ascending */
    List<Long> expunge(String account, String folder);

    /** Removes the messages among {@code uids} flagged \Deleted (UID EXPUNGE). @return their UIDs, ascending */
    List<Long> expunge(String account, String folder, Collection<Long> uids);

    /** Removes the given messages whatever their flags (POP3 UPDATE). @return the UIDs removed */
    List<Long> delete(String account, String folder, Collection<Long> uids);
}
