package org.libertymail.ejb.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A user's mailbox (account): the address it receives mail at and its hashed password. */
@Entity
@Table(name = "MAILBOX")
// The public folders' owner (#public, V7) has no domain and is no mailbox to list.
@NamedQuery(name = Mailbox.ALL, query = "SELECT m FROM Mailbox m WHERE m.domain IS NOT NULL ORDER BY m.address")
@NamedQuery(name = Mailbox.BY_ADDRESS, query = "SELECT m FROM Mailbox m WHERE m.address = :address")
@NamedQuery(name = Mailbox.COUNT_IN_DOMAIN, query = "SELECT COUNT(m) FROM Mailbox m WHERE m.domain = :domain")
public class Mailbox {
    public static final String ALL = "Mailbox.all";
    public static final String BY_ADDRESS = "Mailbox.byAddress";
    public static final String COUNT_IN_DOMAIN = "Mailbox.countInDomain";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "DOMAIN_ID", nullable = false)
    private Domain domain;

    /** The full address in lower case; unique. */
    @Column(name = "ADDRESS", nullable = false, unique = true, length = 320)
    private String address;

    @Column(name = "PASSWORD_HASH", nullable = false, length = 512)
    private String passwordHash;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    /** Storage limit in bytes; null: the domain's default. */
    @Column(name = "QUOTA_BYTES")
    private Long quotaBytes;

    /** Limit on the number of messages; null: the domain's default. */
    @Column(name = "QUOTA_MESSAGES")
    private Long quotaMessages;

    @Column(name = "ENABLED", nullable = false)
    private boolean enabled = true;

    @Column(name = "POP3_ENABLED", nullable = false)
    private boolean pop3Enabled = true;

    @Column(name = "IMAP_ENABLED", nullable = false)
    private boolean imapEnabled = true;

    /** SMTP submission (AUTH); mail to the mailbox is received whatever this says. */
    @Column(name = "SUBMISSION_ENABLED", nullable = false)
    private boolean submissionEnabled = true;

    /** POP3 retrieval settings of its own (V10); null: the POP3 service's. */
    @Column(name = "POP3_SORT_ORDER", length = 20)
    private String pop3SortOrder;

    @Column(name = "POP3_MIME_FORMAT", length = 40)
    private String pop3MimeFormat;

    /** IMAP ShowHiddenFolders of its own (V13); null: the IMAP service's. */
    @Column(name = "IMAP_SHOW_HIDDEN")
    private Boolean imapShowHidden;

    /** IMAP retrieval settings of its own (V14); null: the IMAP service's. */
    @Column(name = "IMAP_MIME_FORMAT", length = 40)
    private String imapMimeFormat;

    @Column(name = "IMAP_EXACT_SIZE")
    private Boolean imapExactSize;

    /** The APOP secret, sealed by SecretBox; null: APOP is not enabled for the mailbox. */
    @Column(name = "APOP_SECRET", length = 512)
    private String apopSecret;

    protected Mailbox() {
    }

    public Mailbox(Domain domain, String address, String passwordHash, long createdAt) {
        this.domain = domain;
        this.address = address;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public Domain getDomain() {
        return domain;
    }

    public String getAddress() {
        return address;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public Long getQuotaBytes() {
        return quotaBytes;
    }

    public Long getQuotaMessages() {
        return quotaMessages;
    }

    public void setQuota(Long bytes, Long messages) {
        this.quotaBytes = bytes;
        this.quotaMessages = messages;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isPop3Enabled() {
        return pop3Enabled;
    }

    public boolean isImapEnabled() {
        return imapEnabled;
    }

    public boolean isSubmissionEnabled() {
        return submissionEnabled;
    }

    /** Null leaves a setting as it is. */
    public void setAccess(Boolean enabled, Boolean pop3, Boolean imap, Boolean submission) {
        if (enabled != null) {
            this.enabled = enabled;
        }
        if (pop3 != null) {
            this.pop3Enabled = pop3;
        }
        if (imap != null) {
            this.imapEnabled = imap;
        }
        if (submission != null) {
            this.submissionEnabled = submission;
        }
    }

    public String getPop3SortOrder() {
        return pop3SortOrder;
    }

    public String getPop3MimeFormat() {
        return pop3MimeFormat;
    }

    public void setPop3Retrieval(String sortOrder, String mimeFormat) {
        this.pop3SortOrder = sortOrder;
        this.pop3MimeFormat = mimeFormat;
    }

    public Boolean getImapShowHidden() {
        return imapShowHidden;
    }

    public void setImapShowHidden(Boolean show) {
        this.imapShowHidden = show;
    }

    public String getImapMimeFormat() {
        return imapMimeFormat;
    }

    public void setImapMimeFormat(String format) {
        this.imapMimeFormat = format;
    }

    public Boolean getImapExactSize() {
        return imapExactSize;
    }

    public void setImapExactSize(Boolean exact) {
        this.imapExactSize = exact;
    }

    public String getApopSecret() {
        return apopSecret;
    }

    public void setApopSecret(String sealed) {
        this.apopSecret = sealed;
    }
}
