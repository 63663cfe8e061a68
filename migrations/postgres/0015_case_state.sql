-- The case's state as its workflow last wrote it (the projection): the
-- workflow is its only writer, through the Persist activity, in the same
-- transaction as the audit events of the step. Lists, purges and reports
-- read it; dates are civil dates, YYYY-MM-DD, empty when not set.
ALTER TABLE cases ADD COLUMN stage TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN due_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN legal_due_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN promised_due_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN overdue BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE cases ADD COLUMN extended BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE cases ADD COLUMN paused_since TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN paused_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN assignee TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN closed_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN letter_blocked TEXT NOT NULL DEFAULT '';
-- state_seq orders the workflow's writes: an older write retried late never
-- overwrites a newer one.
ALTER TABLE cases ADD COLUMN state_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN state_at TIMESTAMPTZ;
CREATE INDEX cases_open_by_due ON cases (due_on) WHERE stage <> 'closed';
