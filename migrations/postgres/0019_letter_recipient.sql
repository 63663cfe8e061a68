-- Whom each letter was addressed to, by name: the person, or the named
-- recipient or processor an Art. 19 notice went to; the answer tells the
-- person who was notified from these rows.
ALTER TABLE letters ADD COLUMN recipient TEXT NOT NULL DEFAULT '';
