-- The outbound queue's periodic passes read by index, not by scanning what a day of mail left:
-- the reports still owed, and the finished messages to purge.
CREATE INDEX OUTBOUND_RECIPIENT_REPORTED ON OUTBOUND_RECIPIENT (REPORTED, STATE);
CREATE INDEX OUTBOUND_MESSAGE_CREATED ON OUTBOUND_MESSAGE (CREATED_AT);
