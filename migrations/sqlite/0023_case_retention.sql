-- The engine's own retention: a closed case's letters, mails and what the
-- case record holds about the person are erased three years after closure
-- (the time within which Harmoniq may need to show IMY or a court how the
-- request was handled); the audit trail, which proves it, stays.
UPDATE processing_records SET retention_rule = 'case_closed_months:36',
    retention = 'Tre år efter att ärendet avslutats; därefter raderas breven och uppgifterna om dig i ärendet, medan loggen över vad som gjordes finns kvar',
    retention_en = 'Three years after the case was closed; then the letters and the data about you in the case are erased, while the log of what was done stays'
WHERE system = 'dsr' AND tables = 'cases,letters';
ALTER TABLE cases ADD COLUMN records_erased_at TIMESTAMP;
