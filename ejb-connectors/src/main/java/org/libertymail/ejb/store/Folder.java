package org.libertymail.ejb.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * A folder of a mailbox with its IMAP counters and its usage. UIDs are handed out by an
 * {@code UPDATE} of {@code UID_NEXT} that takes the row lock before anything is read (see
 * {@code FolderLocks}), so they ascend strictly within one UIDVALIDITY (RFC 3501 2.3.1.1).
 * Entity changes never touch UID_NEXT or the usage columns.
 */
@Entity
@Table(name = "MAIL_FOLDER", uniqueConstraints = @UniqueConstraint(columnNames = {"MAILBOX_ID", "NAME"}))
// SQL rather than JPQL to fix the join order: HSQLDB joins in FROM order, so the mailbox is
// found by its unique address and its folders by the (MAILBOX_ID, NAME) index, not by a scan
// of every folder.
@NamedNativeQuery(name = Folder.BY_NAME, resultClass = Folder.class,
        query = "SELECT f.* FROM MAILBOX b JOIN MAIL_FOLDER f ON f.MAILBOX_ID = b.ID WHERE b.ADDRESS = ? AND f.NAME = ?")
@NamedNativeQuery(name = Folder.OF_MAILBOX, resultClass = Folder.class,
        query = "SELECT f.* FROM MAILBOX b JOIN MAIL_FOLDER f ON f.MAILBOX_ID = b.ID WHERE b.ADDRESS = ? "
                + "ORDER BY CASE WHEN f.NAME = 'INBOX' THEN 0 ELSE 1 END, f.NAME")
public class Folder {
    public static final String BY_NAME = "Folder.byName";
    public static final String OF_MAILBOX = "Folder.ofMailbox";
    public static final String INBOX = "INBOX";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "MAILBOX_ID", nullable = false)
    private Mailbox mailbox;

    @Column(name = "NAME", nullable = false, length = 512)
    private String name;

    @Column(name = "UID_VALIDITY", nullable = false)
    private long uidValidity;

    @Column(name = "UID_NEXT", nullable = false, updatable = false)
    private long uidNext;

    /** Messages from this UID up are \Recent for the next session that selects read-write. */
    @Column(name = "FIRST_RECENT_UID", nullable = false)
    private long firstRecentUid;

    @Column(name = "MESSAGE_COUNT", nullable = false, updatable = false)
    private long messageCount;

    @Column(name = "TOTAL_BYTES", nullable = false, updatable = false)
    private long totalBytes;

    /** RFC 7162; raised by SQL under the folder lock (FolderLocks.change), the default 1 when new. */
    @Column(name = "HIGHEST_MODSEQ", nullable = false, insertable = false, updatable = false)
    private long highestModseq;

    /** RFC 6154: \Sent, \Drafts, \Trash, \Junk, \Archive, or null. */
    @Column(name = "SPECIAL_USE", length = 16)
    private String specialUse;

    /** Hidden from IMAP listings by an administrator (V13). */
    @Column(name = "HIDDEN", nullable = false)
    private boolean hidden;

    protected Folder() {
    }

    public Folder(Mailbox mailbox, String name, long uidValidity) {
        this.mailbox = mailbox;
        this.name = name;
        this.uidValidity = uidValidity;
        this.uidNext = 1;
        this.firstRecentUid = 1;
    }

    public Folder(Mailbox mailbox, String name, long uidValidity, String specialUse) {
        this(mailbox, name, uidValidity);
        this.specialUse = specialUse;
    }

    public boolean isHidden() {
        return hidden;
    }

    public void setHidden(boolean hidden) {
        this.hidden = hidden;
    }

    public String getSpecialUse() {
        return specialUse;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public Long getId() {
        return id;
    }

    public Mailbox getMailbox() {
        return mailbox;
    }

    public String getName() {
        return name;
    }

    public long getUidValidity() {
        return uidValidity;
    }

    public long getUidNext() {
        return uidNext;
    }

    public long getFirstRecentUid() {
        return firstRecentUid;
    }

    public long getHighestModseq() {
        return highestModseq;
    }

    public long getMessageCount() {
        return messageCount;
    }

    public long getTotalBytes() {
        return totalBytes;
    }

    /** The caller's session takes every message that is \Recent now; call with the row locked. */
    public void claimRecent() {
        firstRecentUid = uidNext;
    }
}
