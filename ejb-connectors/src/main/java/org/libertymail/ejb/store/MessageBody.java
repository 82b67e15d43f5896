package org.libertymail.ejb.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One stored RFC 5322 message, shared by every mailbox copy of it. Its bytes are rows of
 * MAIL_BODY_CHUNK (written and read by {@code BodyStore}); REF_COUNT says how many
 * MAIL_MESSAGE rows use it, and the body goes with the last of them.
 */
@Entity
@Table(name = "MAIL_BODY")
public class MessageBody {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "BODY_SIZE", nullable = false)
    private long size;

    @Column(name = "REF_COUNT", nullable = false, updatable = false)
    private int refCount;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    protected MessageBody() {
    }

    public MessageBody(long size, int refCount, long createdAt) {
        this.size = size;
        this.refCount = refCount;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getSize() {
        return size;
    }
}
