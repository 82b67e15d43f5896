-- DKIM signing keys (RFC 6376), one per hosted domain: the private key sealed by SecretBox, the
-- public key as published in DNS under SELECTOR._domainkey.<domain>. A key goes with its domain.
CREATE ${small_table} TABLE DKIM_KEY (
    DOMAIN_ID BIGINT NOT NULL PRIMARY KEY REFERENCES MAIL_DOMAIN (ID) ON DELETE CASCADE,
    SELECTOR VARCHAR(63) NOT NULL,
    PRIVATE_KEY VARCHAR(4000) NOT NULL,
    PUBLIC_KEY VARCHAR(1000) NOT NULL,
    CREATED_AT BIGINT NOT NULL
);
