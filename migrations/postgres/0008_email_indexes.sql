-- People are found by e-mail address case-insensitively: index lower(email).
CREATE INDEX webshop_customers_lower_email ON webshop.customers (lower(email));
CREATE INDEX butik_customers_lower_email ON butik.customers (lower(email));
CREATE INDEX behandling_clients_lower_email ON behandling.clients (lower(email));
CREATE INDEX marketing_consents_lower_email ON marketing.consents (lower(email));
CREATE INDEX webshop_customers_erased_case ON webshop.customers (erased_case);
CREATE INDEX butik_customers_erased_case ON butik.customers (erased_case);
CREATE INDEX behandling_clients_erased_case ON behandling.clients (erased_case);
