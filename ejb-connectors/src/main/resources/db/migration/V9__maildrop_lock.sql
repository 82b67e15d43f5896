-- The POP3 maildrop lock (RFC 1939 section 8) in the store, so that it holds across several
-- servers: the holding session and when it last showed life. A lock not renewed for the lease
-- (MailboxAccessListener.MAILDROP_LEASE_MILLIS) is taken over: its server is gone.
ALTER TABLE MAILBOX ADD COLUMN POP3_LOCK VARCHAR(80);
ALTER TABLE MAILBOX ADD COLUMN POP3_LOCKED_AT BIGINT;
