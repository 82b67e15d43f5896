package org.libertymail.ejb.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The POP3 or IMAP service settings, as JSON, keyed by protocol ("pop3", "imap"). */
@Entity
@Table(name = "SERVICE_SETTINGS")
public class StoredServiceSettings {
    @Id
    @Column(name = "PROTOCOL", length = 16)
    private String protocol;

    @Column(name = "DEFINITION", nullable = false, length = 16000)
    private String definition;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    protected StoredServiceSettings() {
    }

    public StoredServiceSettings(String protocol, String definition, long updatedAt) {
        this.protocol = protocol;
        this.definition = definition;
        this.updatedAt = updatedAt;
    }

    public String getDefinition() {
        return definition;
    }

    public void setDefinition(String definition, long updatedAt) {
        this.definition = definition;
        this.updatedAt = updatedAt;
    }
}
