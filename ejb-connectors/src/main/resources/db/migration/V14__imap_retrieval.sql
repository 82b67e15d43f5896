-- A mailbox's own IMAP retrieval settings (Set-CASMailbox ImapMessagesRetrievalMimeFormat and
-- ImapEnableExactRFC822Size); NULL: the IMAP service's.
ALTER TABLE MAILBOX ADD COLUMN IMAP_MIME_FORMAT VARCHAR(40);
ALTER TABLE MAILBOX ADD COLUMN IMAP_EXACT_SIZE BOOLEAN;
