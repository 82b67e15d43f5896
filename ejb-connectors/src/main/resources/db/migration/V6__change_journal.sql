-- What changed in a folder, by modification sequence: one row per message whose flags changed
-- or that was removed (EXPUNGED), keyed (FOLDER_ID, MODSEQ, UID) so "what changed after n" is
-- one range read. Added messages need no row: they are the UIDs above the highest a session
-- knows, and deliveries stay as cheap as before. It replaces MAIL_EXPUNGED and the (FOLDER_ID, MODSEQ) index of MAIL_MESSAGE, which
-- HSQLDB never chose: with an equality on FOLDER_ID alone it takes another index of FOLDER_ID
-- and reads the whole folder. No foreign key either, for the same reason (its index would be
-- chosen); FolderService removes a deleted folder's rows.
CREATE TABLE MAIL_CHANGE (
    FOLDER_ID BIGINT NOT NULL,
    MODSEQ BIGINT NOT NULL,
    UID BIGINT NOT NULL,
    EXPUNGED BOOLEAN NOT NULL,
    PRIMARY KEY (FOLDER_ID, MODSEQ, UID)
);
INSERT INTO MAIL_CHANGE (FOLDER_ID, MODSEQ, UID, EXPUNGED) SELECT FOLDER_ID, MODSEQ, UID, TRUE FROM MAIL_EXPUNGED;
INSERT INTO MAIL_CHANGE (FOLDER_ID, MODSEQ, UID, EXPUNGED) SELECT FOLDER_ID, MODSEQ, UID, FALSE FROM MAIL_MESSAGE
    WHERE MODSEQ > 1;
DROP TABLE MAIL_EXPUNGED;
DROP INDEX MAIL_MESSAGE_MODSEQ;
