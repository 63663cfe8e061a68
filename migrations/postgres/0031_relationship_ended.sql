-- When the customer relationship ended, as each system records it (a
-- membership cancelled, an account closed). The privacy policy erases or
-- anonymises customer data at the latest 24 months after the contract
-- ended; the retention purge reads this date, never inactivity.
ALTER TABLE webshop.customers ADD COLUMN ended_at TIMESTAMPTZ;
ALTER TABLE butik.customers ADD COLUMN ended_at TIMESTAMPTZ;
ALTER TABLE behandling.clients ADD COLUMN ended_at TIMESTAMPTZ;
ALTER TABLE kundservice.contacts ADD COLUMN ended_at TIMESTAMPTZ;
CREATE INDEX webshop_customers_ended ON webshop.customers (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX butik_customers_ended ON butik.customers (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX behandling_clients_ended ON behandling.clients (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX kundservice_contacts_ended ON kundservice.contacts (ended_at) WHERE ended_at IS NOT NULL;
