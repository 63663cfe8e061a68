-- What Harmoniq's privacy policy says it keeps and the demo systems lacked:
-- the purchases made at the clinics (Behandlingsdelen), the cookie choices
-- of a logged-in customer on harmoniq.se, and kundservice: the people who
-- called, chatted or wrote, their conversations and the notes staff made.
-- The dataset files (internal/dataset/harmoniq) describe them.
CREATE TABLE behandling.purchases (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES behandling.clients (id),
    product TEXT NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL,
    purchased_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX behandling_purchases_client ON behandling.purchases (client_id);

CREATE TABLE webshop.cookie_choices (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES webshop.customers (id),
    analytics BOOLEAN NOT NULL,
    marketing BOOLEAN NOT NULL,
    chosen_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX webshop_cookie_choices_customer ON webshop.cookie_choices (customer_id);

CREATE SCHEMA kundservice;
CREATE TABLE kundservice.contacts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    personnummer TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    restricted_at TIMESTAMPTZ,
    anonymised_at TIMESTAMPTZ,
    erased_case TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kundservice_contacts_pnr ON kundservice.contacts (personnummer);
CREATE INDEX kundservice_contacts_lower_email ON kundservice.contacts (lower(email));
CREATE INDEX kundservice_contacts_erased_case ON kundservice.contacts (erased_case);
CREATE TABLE kundservice.conversations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id BIGINT NOT NULL REFERENCES kundservice.contacts (id),
    channel TEXT NOT NULL,
    subject TEXT NOT NULL,
    transcript TEXT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX kundservice_conversations_contact ON kundservice.conversations (contact_id);
CREATE TABLE kundservice.notes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id BIGINT NOT NULL REFERENCES kundservice.contacts (id),
    note TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX kundservice_notes_contact ON kundservice.notes (contact_id);

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'dsr_app') THEN
        GRANT USAGE ON SCHEMA kundservice TO dsr_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA kundservice TO dsr_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON behandling.purchases, webshop.cookie_choices TO dsr_app;
    END IF;
END $$;
