-- A restriction of processing (Art. 18) reaches marketing too: a
-- restricted consent row is kept, and not used, until the restriction is
-- lifted.
ALTER TABLE marketing_consents ADD COLUMN restricted_at TIMESTAMP;
