-- IMAP folder management: special-use folders (RFC 6154) and subscriptions (LSUB).

-- \Sent, \Drafts, \Trash, \Junk or \Archive for the folders every mailbox gets; null otherwise.
ALTER TABLE MAIL_FOLDER ADD COLUMN SPECIAL_USE VARCHAR(16);

-- The last UIDVALIDITY given to a folder of the mailbox: a name deleted and created again within
-- a second must still get a new one (RFC 3501 2.3.1.1).
ALTER TABLE MAILBOX ADD COLUMN LAST_UID_VALIDITY BIGINT DEFAULT 0 NOT NULL;

-- Subscribed folder names. A name stays subscribed when its folder goes (RFC 3501 6.3.6), so
-- this is by name, not a reference to MAIL_FOLDER.
CREATE ${small_table} TABLE MAIL_SUBSCRIPTION (
    MAILBOX_ID BIGINT NOT NULL REFERENCES MAILBOX (ID) ON DELETE CASCADE,
    NAME VARCHAR(512) NOT NULL,
    PRIMARY KEY (MAILBOX_ID, NAME)
);

-- Mailboxes created before this version get the special-use folders new ones are created
-- with, and every folder subscribed. No folder but INBOX could exist before, so the names are
-- free, and UIDVALIDITY 1 has never been used for them.
INSERT INTO MAIL_FOLDER (MAILBOX_ID, NAME, UID_VALIDITY, UID_NEXT, FIRST_RECENT_UID, SPECIAL_USE)
    SELECT ID, 'Sent', 1, 1, 1, '\Sent' FROM MAILBOX;
INSERT INTO MAIL_FOLDER (MAILBOX_ID, NAME, UID_VALIDITY, UID_NEXT, FIRST_RECENT_UID, SPECIAL_USE)
    SELECT ID, 'Drafts', 1, 1, 1, '\Drafts' FROM MAILBOX;
INSERT INTO MAIL_FOLDER (MAILBOX_ID, NAME, UID_VALIDITY, UID_NEXT, FIRST_RECENT_UID, SPECIAL_USE)
    SELECT ID, 'Trash', 1, 1, 1, '\Trash' FROM MAILBOX;
INSERT INTO MAIL_FOLDER (MAILBOX_ID, NAME, UID_VALIDITY, UID_NEXT, FIRST_RECENT_UID, SPECIAL_USE)
    SELECT ID, 'Junk', 1, 1, 1, '\Junk' FROM MAILBOX;
INSERT INTO MAIL_FOLDER (MAILBOX_ID, NAME, UID_VALIDITY, UID_NEXT, FIRST_RECENT_UID, SPECIAL_USE)
    SELECT ID, 'Archive', 1, 1, 1, '\Archive' FROM MAILBOX;
INSERT INTO MAIL_SUBSCRIPTION (MAILBOX_ID, NAME) SELECT MAILBOX_ID, NAME FROM MAIL_FOLDER;
