-- The audit trail's second format: see the PostgreSQL migration. SQLite has
-- one writer and no roles; the global order number of a new event is taken
-- as the next one in its INSERT.
ALTER TABLE audit_events ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_checkpoints ADD COLUMN heads TEXT NOT NULL DEFAULT '';
