-- What IMAP serves without reading a message: its raw header (BODY[HEADER], HEADER.FIELDS,
-- header searches) and its MIME structure (ENVELOPE, BODYSTRUCTURE and where each part lies,
-- encoded by the adapter's MessageStructure). Computed once when the body is stored; null for
-- bodies stored before this version and for the rare header or structure over a chunk's size,
-- which the adapter then computes from the content.
ALTER TABLE MAIL_BODY ADD COLUMN HEADER_DATA ${binary};
ALTER TABLE MAIL_BODY ADD COLUMN STRUCTURE ${binary};
