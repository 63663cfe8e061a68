-- What intake found to help staff verify who asked: whether the sender's
-- address and the personnummer given are on record, and how many ID-document
-- attachments came with the message.
ALTER TABLE cases ADD COLUMN email_on_record BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE cases ADD COLUMN personnummer_on_record BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE cases ADD COLUMN id_attachments INTEGER NOT NULL DEFAULT 0;
