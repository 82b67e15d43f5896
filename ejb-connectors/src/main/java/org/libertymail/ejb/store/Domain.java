package org.libertymail.ejb.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A mail domain this server accepts mail for (an Exchange "accepted domain", authoritative). */
@Entity
@Table(name = "MAIL_DOMAIN")
@NamedQuery(name = Domain.ALL, query = "SELECT d FROM Domain d ORDER BY d.name")
@NamedQuery(name = Domain.BY_NAME, query = "SELECT d FROM Domain d WHERE d.name = :name")
public class Domain {
    public static final String ALL = "Domain.all";
    public static final String BY_NAME = "Domain.byName";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "NAME", nullable = false, unique = true, length = 253)
    private String name;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    /** Storage limit in bytes; null: unlimited. */
    @Column(name = "QUOTA_BYTES")
    private Long quotaBytes;

    /** Limit on the number of messages; null: unlimited. */
    @Column(name = "QUOTA_MESSAGES")
    private Long quotaMessages;

    protected Domain() {
    }

    public Domain(String name, long createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
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
}
