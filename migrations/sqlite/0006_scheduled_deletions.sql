-- What erasure had to keep, and the day it may go: the purge job erases it
-- then, as the case's follow-up.
CREATE TABLE scheduled_deletions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_number TEXT NOT NULL,
    system TEXT NOT NULL,
    category TEXT NOT NULL,
    due_on TEXT NOT NULL, -- YYYY-MM-DD
    done_at TIMESTAMP,
    UNIQUE (case_number, system, category)
);

-- An anonymised person row keeps the number of the case that erased it, so
-- the purge finds it when its contact details, and perhaps its only key, are
-- gone.
ALTER TABLE webshop_customers ADD COLUMN erased_case TEXT NOT NULL DEFAULT '';
ALTER TABLE butik_customers ADD COLUMN erased_case TEXT NOT NULL DEFAULT '';
ALTER TABLE behandling_clients ADD COLUMN erased_case TEXT NOT NULL DEFAULT '';
