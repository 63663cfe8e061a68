-- What Harmoniq's privacy policy says it keeps and the demo systems lacked:
-- the purchases made at the clinics (Behandlingsdelen), the cookie choices
-- of a logged-in customer on harmoniq.se, and kundservice: the people who
-- called, chatted or wrote, their conversations and the notes staff made.
-- The dataset files (internal/dataset/harmoniq) describe them.
CREATE TABLE behandling_purchases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES behandling_clients (id),
    product TEXT NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL,
    purchased_at TIMESTAMP NOT NULL
);
CREATE INDEX behandling_purchases_client ON behandling_purchases (client_id);

CREATE TABLE webshop_cookie_choices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES webshop_customers (id),
    analytics BOOLEAN NOT NULL,
    marketing BOOLEAN NOT NULL,
    chosen_at TIMESTAMP NOT NULL
);
CREATE INDEX webshop_cookie_choices_customer ON webshop_cookie_choices (customer_id);

CREATE TABLE kundservice_contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    personnummer TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    restricted_at TIMESTAMP,
    anonymised_at TIMESTAMP,
    erased_case TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kundservice_contacts_pnr ON kundservice_contacts (personnummer);
CREATE INDEX kundservice_contacts_lower_email ON kundservice_contacts (lower(email));
CREATE INDEX kundservice_contacts_erased_case ON kundservice_contacts (erased_case);
CREATE TABLE kundservice_conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES kundservice_contacts (id),
    channel TEXT NOT NULL,
    subject TEXT NOT NULL,
    transcript TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL
);
CREATE INDEX kundservice_conversations_contact ON kundservice_conversations (contact_id);
CREATE TABLE kundservice_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL REFERENCES kundservice_contacts (id),
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX kundservice_notes_contact ON kundservice_notes (contact_id);
