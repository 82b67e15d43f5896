package org.libertymail.ejb.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The hash of the generated administrator password, kept so it survives restarts. */
@Entity
@Table(name = "ADMIN_CREDENTIAL")
public class AdminCredential {
    @Id
    @Column(name = "USER_NAME", length = 128)
    private String userName;

    @Column(name = "PASSWORD_HASH", nullable = false, length = 512)
    private String passwordHash;

    protected AdminCredential() {
    }

    public AdminCredential(String userName, String passwordHash) {
        this.userName = userName;
        this.passwordHash = passwordHash;
    }

    public String getUserName() {
        return userName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }
}
