-- Modification sequences (RFC 7162, CONDSTORE and QRESYNC): every change to a folder's messages
-- (a message added, flags changed, a message removed) takes the folder's next HIGHEST_MODSEQ,
-- under the folder's row lock, and stamps what it changed with it. A session that knows a
-- folder's HIGHEST_MODSEQ asks only for what is newer: a NOOP on an unchanged folder reads one
-- row, not the folder.
ALTER TABLE MAIL_FOLDER ADD COLUMN HIGHEST_MODSEQ BIGINT DEFAULT 1 NOT NULL;
ALTER TABLE MAIL_MESSAGE ADD COLUMN MODSEQ BIGINT DEFAULT 1 NOT NULL;
CREATE INDEX MAIL_MESSAGE_MODSEQ ON MAIL_MESSAGE (FOLDER_ID, MODSEQ);

-- The UIDs removed from a folder and the modification that removed them, so a session (or a
-- QRESYNC client days later) learns what vanished since the modification it knows.
CREATE TABLE MAIL_EXPUNGED (
    FOLDER_ID BIGINT NOT NULL REFERENCES MAIL_FOLDER (ID) ON DELETE CASCADE,
    UID BIGINT NOT NULL,
    MODSEQ BIGINT NOT NULL,
    PRIMARY KEY (FOLDER_ID, UID)
);
CREATE INDEX MAIL_EXPUNGED_MODSEQ ON MAIL_EXPUNGED (FOLDER_ID, MODSEQ);
