-- The post room prints letters in batches and confirms when they are posted.
ALTER TABLE letters ADD COLUMN batch TEXT NOT NULL DEFAULT '';
ALTER TABLE letters ADD COLUMN posted_at TIMESTAMPTZ;
