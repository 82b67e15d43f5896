-- Aliases: more addresses of one mailbox (Exchange's proxy addresses). Mail to an alias is
-- delivered to the mailbox's INBOX; an alias goes with its mailbox. An address is either a
-- mailbox or one alias, never both (checked by the service, under the domain's row lock).
CREATE ${small_table} TABLE MAIL_ALIAS (
    ADDRESS VARCHAR(320) NOT NULL PRIMARY KEY,
    MAILBOX_ID BIGINT NOT NULL REFERENCES MAILBOX (ID) ON DELETE CASCADE,
    CREATED_AT BIGINT NOT NULL
);
CREATE INDEX MAIL_ALIAS_MAILBOX ON MAIL_ALIAS (MAILBOX_ID);
