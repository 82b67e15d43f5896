package org.libertymail.ejb.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A protocol an administrator switched on or off live; it outlasts restarts. */
@Entity
@Table(name = "PROTOCOL_SETTING")
public class ProtocolSetting {
    @Id
    @Column(name = "PROTOCOL", length = 16)
    private String protocol;

    @Column(name = "ENABLED", nullable = false)
    private boolean enabled;

    protected ProtocolSetting() {
    }

    public ProtocolSetting(String protocol, boolean enabled) {
        this.protocol = protocol;
        this.enabled = enabled;
    }

    public String getProtocol() {
        return protocol;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
