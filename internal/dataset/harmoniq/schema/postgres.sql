-- The demo systems of Harmoniq (web shop, stores, clinics, kundservice,
-- marketing) as the dataset files beside this directory describe them. They
-- are not the engine's: its migrations do not create them. `dsr seed`, `dsr
-- dev` and the tests create them, when missing, as schemas of their own.

CREATE SCHEMA IF NOT EXISTS webshop;
CREATE SCHEMA IF NOT EXISTS butik;
CREATE SCHEMA IF NOT EXISTS behandling;
CREATE SCHEMA IF NOT EXISTS kundservice;
CREATE SCHEMA IF NOT EXISTS marketing;

CREATE TABLE IF NOT EXISTS webshop.customers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    personnummer TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    street TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    restricted_at TIMESTAMPTZ,
    anonymised_at TIMESTAMPTZ,
    erased_case TEXT NOT NULL DEFAULT '',
    ended_at TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS webshop.orders (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES webshop.customers (id),
    placed_at TIMESTAMPTZ NOT NULL,
    total_sek NUMERIC(12,2) NOT NULL
);
CREATE TABLE IF NOT EXISTS webshop.order_lines (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES webshop.orders (id),
    product TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    price_sek NUMERIC(12,2) NOT NULL
);
CREATE TABLE IF NOT EXISTS webshop.invoices (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES webshop.orders (id),
    invoice_number TEXT NOT NULL,
    issued_at TIMESTAMPTZ NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL,
    paid_at TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS webshop.analyses (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES webshop.customers (id),
    kind TEXT NOT NULL,
    result TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS butik.customers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    personnummer TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    street TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    restricted_at TIMESTAMPTZ,
    anonymised_at TIMESTAMPTZ,
    erased_case TEXT NOT NULL DEFAULT '',
    ended_at TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS butik.purchases (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES butik.customers (id),
    store TEXT NOT NULL,
    receipt_number TEXT NOT NULL,
    purchased_at TIMESTAMPTZ NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling.clients (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    personnummer TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    street TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    restricted_at TIMESTAMPTZ,
    anonymised_at TIMESTAMPTZ,
    erased_case TEXT NOT NULL DEFAULT '',
    ended_at TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS behandling.treatments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES behandling.clients (id),
    treatment TEXT NOT NULL,
    therapist TEXT NOT NULL,
    performed_at TIMESTAMPTZ NOT NULL,
    price_sek NUMERIC(12,2) NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling.recipes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    treatment_id BIGINT NOT NULL REFERENCES behandling.treatments (id),
    content TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling.conversation_notes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES behandling.clients (id),
    note TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling.recommendations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES behandling.clients (id),
    recommendation TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling.interests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES behandling.clients (id),
    product TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS marketing.consents (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    personnummer TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL,
    granted BOOLEAN NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    restricted_at TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS marketing.suppression (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject_hash TEXT NOT NULL UNIQUE,
    added_at TIMESTAMPTZ NOT NULL,
    case_number TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS behandling.purchases (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES behandling.clients (id),
    product TEXT NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL,
    purchased_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS webshop.cookie_choices (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES webshop.customers (id),
    analytics BOOLEAN NOT NULL,
    marketing BOOLEAN NOT NULL,
    chosen_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS kundservice.contacts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    personnummer TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    restricted_at TIMESTAMPTZ,
    anonymised_at TIMESTAMPTZ,
    erased_case TEXT NOT NULL DEFAULT '',
    ended_at TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS kundservice.conversations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id BIGINT NOT NULL REFERENCES kundservice.contacts (id),
    channel TEXT NOT NULL,
    subject TEXT NOT NULL,
    transcript TEXT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS kundservice.notes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id BIGINT NOT NULL REFERENCES kundservice.contacts (id),
    note TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS webshop_customers_pnr ON webshop.customers (personnummer);
CREATE INDEX IF NOT EXISTS webshop_customers_email ON webshop.customers (email);
CREATE INDEX IF NOT EXISTS webshop_orders_customer ON webshop.orders (customer_id);
CREATE INDEX IF NOT EXISTS webshop_order_lines_order ON webshop.order_lines (order_id);
CREATE INDEX IF NOT EXISTS webshop_invoices_order ON webshop.invoices (order_id);
CREATE INDEX IF NOT EXISTS webshop_analyses_customer ON webshop.analyses (customer_id);
CREATE INDEX IF NOT EXISTS butik_customers_pnr ON butik.customers (personnummer);
CREATE INDEX IF NOT EXISTS butik_customers_email ON butik.customers (email);
CREATE INDEX IF NOT EXISTS butik_purchases_customer ON butik.purchases (customer_id);
CREATE INDEX IF NOT EXISTS behandling_clients_pnr ON behandling.clients (personnummer);
CREATE INDEX IF NOT EXISTS behandling_clients_email ON behandling.clients (email);
CREATE INDEX IF NOT EXISTS behandling_treatments_client ON behandling.treatments (client_id);
CREATE INDEX IF NOT EXISTS behandling_recipes_treatment ON behandling.recipes (treatment_id);
CREATE INDEX IF NOT EXISTS behandling_notes_client ON behandling.conversation_notes (client_id);
CREATE INDEX IF NOT EXISTS behandling_recommendations_client ON behandling.recommendations (client_id);
CREATE INDEX IF NOT EXISTS behandling_interests_client ON behandling.interests (client_id);
CREATE INDEX IF NOT EXISTS marketing_consents_pnr ON marketing.consents (personnummer);
CREATE INDEX IF NOT EXISTS marketing_consents_email ON marketing.consents (email);
CREATE INDEX IF NOT EXISTS webshop_customers_lower_email ON webshop.customers (lower(email));
CREATE INDEX IF NOT EXISTS butik_customers_lower_email ON butik.customers (lower(email));
CREATE INDEX IF NOT EXISTS behandling_clients_lower_email ON behandling.clients (lower(email));
CREATE INDEX IF NOT EXISTS marketing_consents_lower_email ON marketing.consents (lower(email));
CREATE INDEX IF NOT EXISTS webshop_customers_erased_case ON webshop.customers (erased_case);
CREATE INDEX IF NOT EXISTS butik_customers_erased_case ON butik.customers (erased_case);
CREATE INDEX IF NOT EXISTS behandling_clients_erased_case ON behandling.clients (erased_case);
CREATE INDEX IF NOT EXISTS behandling_purchases_client ON behandling.purchases (client_id);
CREATE INDEX IF NOT EXISTS webshop_cookie_choices_customer ON webshop.cookie_choices (customer_id);
CREATE INDEX IF NOT EXISTS kundservice_contacts_pnr ON kundservice.contacts (personnummer);
CREATE INDEX IF NOT EXISTS kundservice_contacts_lower_email ON kundservice.contacts (lower(email));
CREATE INDEX IF NOT EXISTS kundservice_contacts_erased_case ON kundservice.contacts (erased_case);
CREATE INDEX IF NOT EXISTS kundservice_conversations_contact ON kundservice.conversations (contact_id);
CREATE INDEX IF NOT EXISTS kundservice_notes_contact ON kundservice.notes (contact_id);
CREATE INDEX IF NOT EXISTS webshop_customers_ended ON webshop.customers (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS butik_customers_ended ON butik.customers (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS behandling_clients_ended ON behandling.clients (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS kundservice_contacts_ended ON kundservice.contacts (ended_at) WHERE ended_at IS NOT NULL;

-- The workers reach the demo systems as dsr_app, where that role exists.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'dsr_app') THEN
        GRANT USAGE ON SCHEMA webshop, butik, behandling, kundservice, marketing TO dsr_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA webshop, butik, behandling, kundservice, marketing TO dsr_app;
    END IF;
END
$$;
