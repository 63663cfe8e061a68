-- What Art. 15(1)(h) and 15(2) ask the extract to say, from the record of
-- processing rather than a sentence in the letter: automated decisions,
-- profiling included, with the logic and consequences, and transfers to a
-- country outside the EU/EEA with their safeguards. Empty: none.
ALTER TABLE processing_records ADD COLUMN automated_decisions TEXT NOT NULL DEFAULT '';
ALTER TABLE processing_records ADD COLUMN automated_decisions_en TEXT NOT NULL DEFAULT '';
ALTER TABLE processing_records ADD COLUMN transfers TEXT NOT NULL DEFAULT '';
ALTER TABLE processing_records ADD COLUMN transfers_en TEXT NOT NULL DEFAULT '';
