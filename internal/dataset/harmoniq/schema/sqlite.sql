-- The demo systems of Harmoniq (web shop, stores, clinics, kundservice,
-- marketing) as the dataset files beside this directory describe them. They
-- are not the engine's: its migrations do not create them. Each system is a
-- file of its own beside the engine's (webshop.db beside dsr.db), attached to
-- the engine's connections under the system's name; `dsr seed`, `dsr dev` and
-- the tests create the tables, when missing, in those files. A foreign key
-- names a table of its own file, unqualified, as SQLite requires.

CREATE TABLE IF NOT EXISTS webshop.customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    personnummer TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    street TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    restricted_at TIMESTAMP,
    anonymised_at TIMESTAMP,
    erased_case TEXT NOT NULL DEFAULT '',
    ended_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS webshop.orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    placed_at TIMESTAMP NOT NULL,
    total_sek NUMERIC(12,2) NOT NULL
);
CREATE TABLE IF NOT EXISTS webshop.order_lines (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    product TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    price_sek NUMERIC(12,2) NOT NULL
);
CREATE TABLE IF NOT EXISTS webshop.invoices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    invoice_number TEXT NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL,
    paid_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS webshop.analyses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    kind TEXT NOT NULL,
    result TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS butik.customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    personnummer TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    street TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    restricted_at TIMESTAMP,
    anonymised_at TIMESTAMP,
    erased_case TEXT NOT NULL DEFAULT '',
    ended_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS butik.purchases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    store TEXT NOT NULL,
    receipt_number TEXT NOT NULL,
    purchased_at TIMESTAMP NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling.clients (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    personnummer TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    street TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    restricted_at TIMESTAMP,
    anonymised_at TIMESTAMP,
    erased_case TEXT NOT NULL DEFAULT '',
    ended_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS behandling.treatments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    treatment TEXT NOT NULL,
    therapist TEXT NOT NULL,
    performed_at TIMESTAMP NOT NULL,
    price_sek NUMERIC(12,2) NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling.recipes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    treatment_id INTEGER NOT NULL REFERENCES treatments (id),
    content TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling.conversation_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling.recommendations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    recommendation TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling.interests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    product TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS marketing.consents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    personnummer TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL,
    granted BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    restricted_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS marketing.suppression (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_hash TEXT NOT NULL UNIQUE,
    added_at TIMESTAMP NOT NULL,
    case_number TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling.purchases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    product TEXT NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL,
    purchased_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS webshop.cookie_choices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    analytics BOOLEAN NOT NULL,
    marketing BOOLEAN NOT NULL,
    chosen_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS kundservice.contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    personnummer TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    restricted_at TIMESTAMP,
    anonymised_at TIMESTAMP,
    erased_case TEXT NOT NULL DEFAULT '',
    ended_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS kundservice.conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    channel TEXT NOT NULL,
    subject TEXT NOT NULL,
    transcript TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS kundservice.notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS webshop.webshop_customers_pnr ON customers (personnummer);
CREATE INDEX IF NOT EXISTS webshop.webshop_customers_email ON customers (email);
CREATE INDEX IF NOT EXISTS webshop.webshop_orders_customer ON orders (customer_id);
CREATE INDEX IF NOT EXISTS webshop.webshop_order_lines_order ON order_lines (order_id);
CREATE INDEX IF NOT EXISTS webshop.webshop_invoices_order ON invoices (order_id);
CREATE INDEX IF NOT EXISTS webshop.webshop_analyses_customer ON analyses (customer_id);
CREATE INDEX IF NOT EXISTS butik.butik_customers_pnr ON customers (personnummer);
CREATE INDEX IF NOT EXISTS butik.butik_customers_email ON customers (email);
CREATE INDEX IF NOT EXISTS butik.butik_purchases_customer ON purchases (customer_id);
CREATE INDEX IF NOT EXISTS behandling.behandling_clients_pnr ON clients (personnummer);
CREATE INDEX IF NOT EXISTS behandling.behandling_clients_email ON clients (email);
CREATE INDEX IF NOT EXISTS behandling.behandling_treatments_client ON treatments (client_id);
CREATE INDEX IF NOT EXISTS behandling.behandling_recipes_treatment ON recipes (treatment_id);
CREATE INDEX IF NOT EXISTS behandling.behandling_notes_client ON conversation_notes (client_id);
CREATE INDEX IF NOT EXISTS behandling.behandling_recommendations_client ON recommendations (client_id);
CREATE INDEX IF NOT EXISTS behandling.behandling_interests_client ON interests (client_id);
CREATE INDEX IF NOT EXISTS marketing.marketing_consents_pnr ON consents (personnummer);
CREATE INDEX IF NOT EXISTS marketing.marketing_consents_email ON consents (email);
CREATE INDEX IF NOT EXISTS webshop.webshop_customers_lower_email ON customers (lower(email));
CREATE INDEX IF NOT EXISTS butik.butik_customers_lower_email ON customers (lower(email));
CREATE INDEX IF NOT EXISTS behandling.behandling_clients_lower_email ON clients (lower(email));
CREATE INDEX IF NOT EXISTS marketing.marketing_consents_lower_email ON consents (lower(email));
CREATE INDEX IF NOT EXISTS webshop.webshop_customers_erased_case ON customers (erased_case);
CREATE INDEX IF NOT EXISTS butik.butik_customers_erased_case ON customers (erased_case);
CREATE INDEX IF NOT EXISTS behandling.behandling_clients_erased_case ON clients (erased_case);
CREATE INDEX IF NOT EXISTS behandling.behandling_purchases_client ON purchases (client_id);
CREATE INDEX IF NOT EXISTS webshop.webshop_cookie_choices_customer ON cookie_choices (customer_id);
CREATE INDEX IF NOT EXISTS kundservice.kundservice_contacts_pnr ON contacts (personnummer);
CREATE INDEX IF NOT EXISTS kundservice.kundservice_contacts_lower_email ON contacts (lower(email));
CREATE INDEX IF NOT EXISTS kundservice.kundservice_contacts_erased_case ON contacts (erased_case);
CREATE INDEX IF NOT EXISTS kundservice.kundservice_conversations_contact ON conversations (contact_id);
CREATE INDEX IF NOT EXISTS kundservice.kundservice_notes_contact ON notes (contact_id);
CREATE INDEX IF NOT EXISTS webshop.webshop_customers_ended ON customers (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS butik.butik_customers_ended ON customers (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS behandling.behandling_clients_ended ON clients (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS kundservice.kundservice_contacts_ended ON contacts (ended_at) WHERE ended_at IS NOT NULL;
