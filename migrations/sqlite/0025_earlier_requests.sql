-- Art. 12(5) evidence: how many requests the same person (by personnummer
-- or e-mail address) made within the window before this one, as intake
-- found them.
ALTER TABLE cases ADD COLUMN earlier_requests INTEGER NOT NULL DEFAULT 0;
