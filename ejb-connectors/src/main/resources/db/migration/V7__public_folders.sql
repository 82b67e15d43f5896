-- Public folders (RFC 2342 shared namespace, rights after RFC 4314). Their folders and messages
-- are held like a mailbox's: the owner is the MAILBOX row '#public', which has no domain, so it
-- is never a recipient (deliveries join the domain), never listed as a mailbox, and no one logs
-- in to it ('!' is no password hash). Everything the store does for folders works for them.
ALTER TABLE MAILBOX ALTER COLUMN DOMAIN_ID DROP NOT NULL;
INSERT INTO MAILBOX (DOMAIN_ID, ADDRESS, PASSWORD_HASH, CREATED_AT) VALUES (NULL, '#public', '!', 0);

-- Who may do what in a public folder. GRANTEE is a mailbox address, '@' and a domain (every
-- mailbox of the domain) or 'anyone' (every account); an account's rights are the union of the
-- rows that name it. RIGHTS holds RFC 4314 letters.
CREATE ${small_table} TABLE FOLDER_ACL (
    FOLDER_ID BIGINT NOT NULL REFERENCES MAIL_FOLDER (ID) ON DELETE CASCADE,
    GRANTEE VARCHAR(320) NOT NULL,
    RIGHTS VARCHAR(16) NOT NULL,
    PRIMARY KEY (FOLDER_ID, GRANTEE)
);
CREATE INDEX FOLDER_ACL_GRANTEE ON FOLDER_ACL (GRANTEE);
