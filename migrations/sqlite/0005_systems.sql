-- Harmoniq's systems as the engine acts on them, and the record of
-- processing the access report and the erasure rules read. Changing a
-- retention rule is a change to processing_records, not to code.

CREATE TABLE webshop_customers (
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
    anonymised_at TIMESTAMP
);

CREATE TABLE webshop_orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES webshop_customers (id),
    placed_at TIMESTAMP NOT NULL,
    total_sek NUMERIC(12,2) NOT NULL
);

CREATE TABLE webshop_order_lines (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES webshop_orders (id),
    product TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    price_sek NUMERIC(12,2) NOT NULL
);

CREATE TABLE webshop_invoices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES webshop_orders (id),
    invoice_number TEXT NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL,
    paid_at TIMESTAMP
);

CREATE TABLE webshop_analyses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES webshop_customers (id),
    kind TEXT NOT NULL,
    result TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE butik_customers (
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
    anonymised_at TIMESTAMP
);

CREATE TABLE butik_purchases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES butik_customers (id),
    store TEXT NOT NULL,
    receipt_number TEXT NOT NULL,
    purchased_at TIMESTAMP NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL
);

CREATE TABLE behandling_clients (
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
    anonymised_at TIMESTAMP
);

CREATE TABLE behandling_treatments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES behandling_clients (id),
    treatment TEXT NOT NULL,
    therapist TEXT NOT NULL,
    performed_at TIMESTAMP NOT NULL,
    price_sek NUMERIC(12,2) NOT NULL
);

CREATE TABLE behandling_recipes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    treatment_id INTEGER NOT NULL REFERENCES behandling_treatments (id),
    content TEXT NOT NULL
);

CREATE TABLE behandling_conversation_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES behandling_clients (id),
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE behandling_recommendations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES behandling_clients (id),
    recommendation TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE behandling_interests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES behandling_clients (id),
    product TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE marketing_consents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    personnummer TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL,
    granted BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE marketing_suppression (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_hash TEXT NOT NULL UNIQUE,
    added_at TIMESTAMP NOT NULL,
    case_number TEXT NOT NULL
);

CREATE TABLE processing_records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    system TEXT NOT NULL,
    category TEXT NOT NULL,
    tables TEXT NOT NULL,
    purposes TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    retention_rule TEXT NOT NULL,
    retention TEXT NOT NULL,
    recipients TEXT NOT NULL,
    processors TEXT NOT NULL,
    source TEXT NOT NULL,
    portable BOOLEAN NOT NULL
);

CREATE TABLE fulfilment_actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_number TEXT NOT NULL,
    right_name TEXT NOT NULL,
    system TEXT NOT NULL,
    result TEXT NOT NULL,
    done_at TIMESTAMP NOT NULL,
    UNIQUE (case_number, right_name, system)
);

CREATE TABLE recipient_notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_number TEXT NOT NULL,
    recipient TEXT NOT NULL,
    change TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (case_number, recipient, change)
);

INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable) VALUES ('webshop', 'Kunduppgifter', 'customers', 'Identifiera dig som kund, leverera, fakturera, kundservice', 'Avtal (art. 6.1 b)', 'while_customer', 'Så länge du är kund; raderas eller anonymiseras senast 24 månader efter att avtalet upphört', '', 'Distributionspartner; Faktureringspartner', 'Du själv, via harmoniq.se eller kundservice', TRUE);
INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable) VALUES ('webshop', 'Köp', 'orders,order_lines', 'Leverans, reklamationer och returer, bokföring', 'Avtal (art. 6.1 b); rättslig förpliktelse (art. 6.1 c, bokföringslagen)', 'bookkeeping', 'Till och med det sjunde året efter utgången av det kalenderår då köpet gjordes (bokföringslagen 7 kap. 2 §)', 'Distributionspartner', 'Faktureringspartner', 'Du själv, när du handlar', TRUE);
INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable) VALUES ('webshop', 'Fakturor och betalningar', 'invoices', 'Fakturering, inkasso, bokföring, fakturafinansiering', 'Rättslig förpliktelse (art. 6.1 c, bokföringslagen); berättigat intresse (art. 6.1 f)', 'bookkeeping', 'Till och med det sjunde året efter utgången av det kalenderår då fakturan utfärdades (bokföringslagen 7 kap. 2 §)', 'Fakturafinansieringspartner', 'Faktureringspartner', 'Skapas av oss när du handlar mot faktura', FALSE);
INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable) VALUES ('webshop', 'Hud-, hår- och makeupanalyser', 'analyses', 'Produktrekommendationer i analysverktyget', 'Samtycke (art. 6.1 a)', 'usage_24_months', 'Högst 24 månader från analysen', '', '', 'Du själv, i analysverktyget', TRUE);
INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable) VALUES ('butik', 'Kunduppgifter', 'customers', 'Identifiera dig som kund i butik, kundservice', 'Avtal (art. 6.1 b)', 'while_customer', 'Så länge du är kund; raderas eller anonymiseras senast 24 månader efter att avtalet upphört', '', '', 'Du själv, i butik', TRUE);
INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable) VALUES ('butik', 'Köp i butik', 'purchases', 'Köp, reklamationer, bokföring', 'Avtal (art. 6.1 b); rättslig förpliktelse (art. 6.1 c, bokföringslagen)', 'bookkeeping', 'Till och med det sjunde året efter utgången av det kalenderår då köpet gjordes (bokföringslagen 7 kap. 2 §)', '', '', 'Du själv, när du handlar i butik', TRUE);
INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable) VALUES ('behandling', 'Kunduppgifter', 'clients', 'Boka och genomföra behandlingar', 'Avtal (art. 6.1 b)', 'while_customer', 'Så länge du är kund; raderas eller anonymiseras senast 24 månader efter att avtalet upphört', '', '', 'Du själv, vid bokning', TRUE);
INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable) VALUES ('behandling', 'Behandlingar', 'treatments', 'Genomföra behandlingar, bokföring av betalda behandlingar', 'Avtal (art. 6.1 b); rättslig förpliktelse (art. 6.1 c, bokföringslagen)', 'bookkeeping', 'Till och med det sjunde året efter utgången av det kalenderår då behandlingen gjordes (bokföringslagen 7 kap. 2 §)', '', '', 'Din terapeut, vid behandlingen', TRUE);
INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable) VALUES ('behandling', 'Recept för behandlingar', 'recipes', 'Genomföra dina behandlingar', 'Avtal (art. 6.1 b)', 'while_customer', 'Så länge du är kund', '', '', 'Din terapeut', TRUE);
INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable) VALUES ('behandling', 'Samtalsanteckningar', 'conversation_notes', 'Upprätthålla en god social kontakt med dig som kund', 'Berättigat intresse (art. 6.1 f)', 'while_customer', 'Så länge du är kund', '', '', 'Din terapeut', FALSE);
INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable) VALUES ('behandling', 'Rekommendationer och intressen', 'recommendations,interests', 'Produkt- och behandlingsrekommendationer', 'Berättigat intresse (art. 6.1 f)', 'usage_24_months', 'Högst 24 månader', '', '', 'Din terapeut och dina köp', FALSE);
INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable) VALUES ('marketing', 'Samtycken och kanalval för marknadsföring', 'consents', 'Direktmarknadsföring via brev, SMS, telefon, e-post, harmoniq.se och HARMONIQ APP', 'Berättigat intresse (art. 6.1 f); samtycke (art. 6.1 a)', 'while_customer', 'Tills du avregistrerar dig eller slutar vara kund', '', 'Utskicksleverantör', 'Du själv', TRUE);

CREATE INDEX webshop_customers_pnr ON webshop_customers (personnummer);
CREATE INDEX webshop_customers_email ON webshop_customers (email);
CREATE INDEX webshop_orders_customer ON webshop_orders (customer_id);
CREATE INDEX webshop_order_lines_order ON webshop_order_lines (order_id);
CREATE INDEX webshop_invoices_order ON webshop_invoices (order_id);
CREATE INDEX webshop_analyses_customer ON webshop_analyses (customer_id);
CREATE INDEX butik_customers_pnr ON butik_customers (personnummer);
CREATE INDEX butik_customers_email ON butik_customers (email);
CREATE INDEX butik_purchases_customer ON butik_purchases (customer_id);
CREATE INDEX behandling_clients_pnr ON behandling_clients (personnummer);
CREATE INDEX behandling_clients_email ON behandling_clients (email);
CREATE INDEX behandling_treatments_client ON behandling_treatments (client_id);
CREATE INDEX behandling_recipes_treatment ON behandling_recipes (treatment_id);
CREATE INDEX behandling_notes_client ON behandling_conversation_notes (client_id);
CREATE INDEX behandling_recommendations_client ON behandling_recommendations (client_id);
CREATE INDEX behandling_interests_client ON behandling_interests (client_id);
CREATE INDEX marketing_consents_pnr ON marketing_consents (personnummer);
CREATE INDEX marketing_consents_email ON marketing_consents (email);
