-- Accounting records are kept as they were issued, through the seventh
-- calendar year after the one in which their financial year ended
-- (bokföringslagen 7 kap. 2 §). The financial year is the controller's
-- (DSR_FINANCIAL_YEAR_END); the texts say so, for any financial year.
UPDATE processing_records SET
    retention = 'Som räkenskapsinformation, i det skick den upprättades, till och med det sjunde året efter utgången av det kalenderår då räkenskapsåret avslutades (bokföringslagen 7 kap. 2 §)',
    retention_en = 'As accounting records, as they were issued, until the end of the seventh year after the calendar year in which the financial year ended (Bookkeeping Act, chapter 7, section 2)'
WHERE retention_rule = 'bookkeeping';
