-- The demo systems of Harmoniq (web shop, stores, clinics, kundservice,
-- marketing) as the dataset files beside this directory describe them. They
-- are not the engine's: its migrations do not create them. `dsr seed`, `dsr
-- dev` and the tests create them, when missing, in the engine's SQLite file.

CREATE TABLE IF NOT EXISTS webshop_customers (
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
CREATE TABLE IF NOT EXISTS webshop_orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES webshop_customers (id),
    placed_at TIMESTAMP NOT NULL,
    total_sek NUMERIC(12,2) NOT NULL
);
CREATE TABLE IF NOT EXISTS webshop_order_lines (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES webshop_orders (id),
    product TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    price_sek NUMERIC(12,2) NOT NULL
);
CREATE TABLE IF NOT EXISTS webshop_invoices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES webshop_orders (id),
    invoice_number TEXT NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL,
    paid_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS webshop_analyses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES webshop_customers (id),
    kind TEXT NOT NULL,
    result TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS butik_customers (
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
CREATE TABLE IF NOT EXISTS butik_purchases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES butik_customers (id),
    store TEXT NOT NULL,
    receipt_number TEXT NOT NULL,
    purchased_at TIMESTAMP NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling_clients (
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
CREATE TABLE IF NOT EXISTS behandling_treatments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES behandling_clients (id),
    treatment TEXT NOT NULL,
    therapist TEXT NOT NULL,
    performed_at TIMESTAMP NOT NULL,
    price_sek NUMERIC(12,2) NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling_recipes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    treatment_id INTEGER NOT NULL REFERENCES behandling_treatments (id),
    content TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling_conversation_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES behandling_clients (id),
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling_recommendations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES behandling_clients (id),
    recommendation TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling_interests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES behandling_clients (id),
    product TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS marketing_consents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    personnummer TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL,
    granted BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    restricted_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS marketing_suppression (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_hash TEXT NOT NULL UNIQUE,
    added_at TIMESTAMP NOT NULL,
    case_number TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling_purchases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES behandling_clients (id),
    product TEXT NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL,
    purchased_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS webshop_cookie_choices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES webshop_customers (id),
    analytics BOOLEAN NOT NULL,
    marketing BOOLEAN NOT NULL,
    chosen_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS kundservice_contacts (
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
CREATE TABLE IF NOT EXISTS kundservice_conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES kundservice_contacts (id),
    channel TEXT NOT NULL,
    subject TEXT NOT NULL,
    transcript TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS kundservice_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES kundservice_contacts (id),
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS webshop_customers_pnr ON webshop_customers (personnummer);
CREATE INDEX IF NOT EXISTS webshop_customers_email ON webshop_customers (email);
CREATE INDEX IF NOT EXISTS webshop_orders_customer ON webshop_orders (customer_id);
CREATE INDEX IF NOT EXISTS webshop_order_lines_order ON webshop_order_lines (order_id);
CREATE INDEX IF NOT EXISTS webshop_invoices_order ON webshop_invoices (order_id);
CREATE INDEX IF NOT EXISTS webshop_analyses_customer ON webshop_analyses (customer_id);
CREATE INDEX IF NOT EXISTS butik_customers_pnr ON butik_customers (personnummer);
CREATE INDEX IF NOT EXISTS butik_customers_email ON butik_customers (email);
CREATE INDEX IF NOT EXISTS butik_purchases_customer ON butik_purchases (customer_id);
CREATE INDEX IF NOT EXISTS behandling_clients_pnr ON behandling_clients (personnummer);
CREATE INDEX IF NOT EXISTS behandling_clients_email ON behandling_clients (email);
CREATE INDEX IF NOT EXISTS behandling_treatments_client ON behandling_treatments (client_id);
CREATE INDEX IF NOT EXISTS behandling_recipes_treatment ON behandling_recipes (treatment_id);
CREATE INDEX IF NOT EXISTS behandling_notes_client ON behandling_conversation_notes (client_id);
CREATE INDEX IF NOT EXISTS behandling_recommendations_client ON behandling_recommendations (client_id);
CREATE INDEX IF NOT EXISTS behandling_interests_client ON behandling_interests (client_id);
CREATE INDEX IF NOT EXISTS marketing_consents_pnr ON marketing_consents (personnummer);
CREATE INDEX IF NOT EXISTS marketing_consents_email ON marketing_consents (email);
CREATE INDEX IF NOT EXISTS webshop_customers_lower_email ON webshop_customers (lower(email));
CREATE INDEX IF NOT EXISTS butik_customers_lower_email ON butik_customers (lower(email));
CREATE INDEX IF NOT EXISTS behandling_clients_lower_email ON behandling_clients (lower(email));
CREATE INDEX IF NOT EXISTS marketing_consents_lower_email ON marketing_consents (lower(email));
CREATE INDEX IF NOT EXISTS webshop_customers_erased_case ON webshop_customers (erased_case);
CREATE INDEX IF NOT EXISTS butik_customers_erased_case ON butik_customers (erased_case);
CREATE INDEX IF NOT EXISTS behandling_clients_erased_case ON behandling_clients (erased_case);
CREATE INDEX IF NOT EXISTS behandling_purchases_client ON behandling_purchases (client_id);
CREATE INDEX IF NOT EXISTS webshop_cookie_choices_customer ON webshop_cookie_choices (customer_id);
CREATE INDEX IF NOT EXISTS kundservice_contacts_pnr ON kundservice_contacts (personnummer);
CREATE INDEX IF NOT EXISTS kundservice_contacts_lower_email ON kundservice_contacts (lower(email));
CREATE INDEX IF NOT EXISTS kundservice_contacts_erased_case ON kundservice_contacts (erased_case);
CREATE INDEX IF NOT EXISTS kundservice_conversations_contact ON kundservice_conversations (contact_id);
CREATE INDEX IF NOT EXISTS kundservice_notes_contact ON kundservice_notes (contact_id);
CREATE INDEX IF NOT EXISTS webshop_customers_ended ON webshop_customers (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS butik_customers_ended ON butik_customers (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS behandling_clients_ended ON behandling_clients (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS kundservice_contacts_ended ON kundservice_contacts (ended_at) WHERE ended_at IS NOT NULL;
