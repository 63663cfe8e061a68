-- When the customer relationship ended, as each system records it (a
-- membership cancelled, an account closed). The privacy policy erases or
-- anonymises customer data at the latest 24 months after the contract
-- ended; the retention purge reads this date, never inactivity.
ALTER TABLE webshop_customers ADD COLUMN ended_at TIMESTAMP;
ALTER TABLE butik_customers ADD COLUMN ended_at TIMESTAMP;
ALTER TABLE behandling_clients ADD COLUMN ended_at TIMESTAMP;
ALTER TABLE kundservice_contacts ADD COLUMN ended_at TIMESTAMP;
CREATE INDEX webshop_customers_ended ON webshop_customers (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX butik_customers_ended ON butik_customers (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX behandling_clients_ended ON behandling_clients (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX kundservice_contacts_ended ON kundservice_contacts (ended_at) WHERE ended_at IS NOT NULL;
