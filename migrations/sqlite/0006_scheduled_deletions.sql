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
