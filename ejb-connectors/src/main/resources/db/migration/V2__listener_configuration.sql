-- Listener configuration: SMTP receive connectors and the POP3/IMAP service settings.

-- SMTP receive connectors (Exchange's model), managed over REST and applied live by the
-- adapter. The definition is the connector as JSON (ReceiveConnectorService); NAME_KEY is the
-- name in lower case, so names are unique whatever their case. Created on first start from
-- server.xml's ports.

CREATE ${small_table} TABLE RECEIVE_CONNECTOR (
    NAME_KEY VARCHAR(64) PRIMARY KEY,
    DEFINITION VARCHAR(16000) NOT NULL,
    UPDATED_AT BIGINT NOT NULL
);

-- The POP3 and IMAP service settings (Exchange's Set-PopSettings / Set-ImapSettings), as JSON
-- (ServiceSettingsService), one row per protocol; created on first start from server.xml.
CREATE ${small_table} TABLE SERVICE_SETTINGS (
    PROTOCOL VARCHAR(16) PRIMARY KEY,
    DEFINITION VARCHAR(16000) NOT NULL,
    UPDATED_AT BIGINT NOT NULL
);
