-- The engine's own record: the messages a case came from are kept while the
-- case may need them, then their raw bytes are erased by the purge job.
INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable)
VALUES ('dsr', 'Inkomna meddelanden i ärenden', 'inbound_messages', 'Hantera och kunna visa hur din begäran hanterades',
        'Rättslig förpliktelse (art. 6.1 c, art. 5.2 och 12 dataskyddsförordningen)', 'case_closed_months:12',
        'Tolv månader efter att ärendet avslutats; uppgifterna om vad som gjordes finns kvar i granskningsloggen', '', '', 'Du själv', FALSE);
ALTER TABLE inbound_messages ADD COLUMN raw_erased_at TIMESTAMPTZ;
