-- A restriction of processing (Art. 18) reaches marketing too: a
-- restricted consent row is kept, and not used, until the restriction is
-- lifted.
-- Harmoniq's demo systems are not the engine's and this migration no longer
-- creates them: internal/dataset/harmoniq/schema holds their tables, which
-- `dsr seed`, `dsr dev` and the tests create when missing. A database
-- migrated before keeps the tables it has.
SELECT 1;
