package org.libertymail.ejb.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A receive connector's definition, as JSON, keyed by its name in lower case. */
@Entity
@Table(name = "RECEIVE_CONNECTOR")
@NamedQuery(name = StoredReceiveConnector.ALL, query = "SELECT c FROM StoredReceiveConnector c ORDER BY c.nameKey")
public class StoredReceiveConnector {
    public static final String ALL = "StoredReceiveConnector.all";

    @Id
    @Column(name = "NAME_KEY", length = 64)
    private String nameKey;

    @Column(name = "DEFINITION", nullable = false, length = 16000)
    private String definition;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    protected StoredReceiveConnector() {
    }

    public StoredReceiveConnector(String nameKey, String definition, long updatedAt) {
        this.nameKey = nameKey;
        this.definition = definition;
        this.updatedAt = updatedAt;
    }

    public String getNameKey() {
        return nameKey;
    }

    public String getDefinition() {
        return definition;
    }

    public void setDefinition(String definition, long updatedAt) {
        this.definition = definition;
        this.updatedAt = updatedAt;
    }
}
