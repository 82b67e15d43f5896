package org.libertymail.ejb.store;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * The raw RFC 5322 content of one stored message, in its own table so that listing and flag
 * changes never read message content.
 */
@Entity
@Table(name = "MAIL_BODY")
public class MessageBody {
    /** Large enough for the largest message SMTP may accept (Derby needs an explicit BLOB size). */
    static final int MAX_SIZE = 1024 * 1024 * 1024;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Lob
    @Basic(optional = false)
    @Column(name = "CONTENT", nullable = false, length = MAX_SIZE)
    private byte[] content;

    protected MessageBody() {
    }

    public MessageBody(byte[] content) {
        this.content = content;
    }

    public Long getId() {
        return id;
    }

    public byte[] getContent() {
        return content;
    }
}
