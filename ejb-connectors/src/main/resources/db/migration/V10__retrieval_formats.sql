-- Per-mailbox POP3 retrieval settings (Exchange's Set-CASMailbox PopUseProtocolDefaults off):
-- NULL means "the POP3 service's setting". APOP_SECRET is the mailbox's APOP shared secret,
-- encrypted (ejb service/SecretBox); APOP is refused to a mailbox without one.
ALTER TABLE MAILBOX ADD COLUMN POP3_SORT_ORDER VARCHAR(20);
ALTER TABLE MAILBOX ADD COLUMN POP3_MIME_FORMAT VARCHAR(40);
ALTER TABLE MAILBOX ADD COLUMN APOP_SECRET VARCHAR(512);
-- The size of a message served in a converted body format, kept once computed: POP3's LIST and
-- STAT must tell what RETR will send, and converting a whole maildrop at every login would read
-- all of it. Keyed by the shared body, which never changes.
CREATE TABLE MAIL_RENDITION (
    BODY_ID BIGINT NOT NULL REFERENCES MAIL_BODY (ID) ON DELETE CASCADE,
    FORMAT VARCHAR(40) NOT NULL,
    OCTETS BIGINT NOT NULL,
    PRIMARY KEY (BODY_ID, FORMAT)
);
