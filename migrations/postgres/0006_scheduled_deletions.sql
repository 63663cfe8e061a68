-- What erasure had to keep, and the day it may go: the purge job erases it
-- then, as the case's follow-up.
CREATE TABLE scheduled_deletions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_number TEXT NOT NULL,
    system TEXT NOT NULL,
    category TEXT NOT NULL,
    due_on TEXT NOT NULL, -- YYYY-MM-DD
    done_at TIMESTAMPTZ,
    UNIQUE (case_number, system, category)
);

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'dsr_app') THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I.scheduled_deletions TO dsr_app', current_schema());
    END IF;
END
$$;
