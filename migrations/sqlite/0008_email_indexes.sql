-- People are found by e-mail address case-insensitively: index lower(email).
CREATE INDEX webshop_customers_lower_email ON webshop_customers (lower(email));
CREATE INDEX butik_customers_lower_email ON butik_customers (lower(email));
CREATE INDEX behandling_clients_lower_email ON behandling_clients (lower(email));
CREATE INDEX marketing_consents_lower_email ON marketing_consents (lower(email));
CREATE INDEX webshop_customers_erased_case ON webshop_customers (erased_case);
CREATE INDEX butik_customers_erased_case ON butik_customers (erased_case);
CREATE INDEX behandling_clients_erased_case ON behandling_clients (erased_case);
