-- Folders an administrator hid from IMAP listings (Exchange's hidden folders), and a mailbox's
-- own ShowHiddenFolders (NULL: the IMAP service's setting).
ALTER TABLE MAIL_FOLDER ADD COLUMN HIDDEN BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE MAILBOX ADD COLUMN IMAP_SHOW_HIDDEN BOOLEAN;
