-- Harmoniq's systems as the engine acts on them, and the record of
-- processing the access report and the erasure rules read. Changing a
-- retention rule is a change to processing_records, not to code.
CREATE SCHEMA webshop;
CREATE SCHEMA butik;
CREATE SCHEMA behandling;
CREATE SCHEMA marketing;

CREATE TABLE webshop.customers (
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
    anonymised_at TIMESTAMPTZ
);

CREATE TABLE webshop.orders (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES webshop.customers (id),
    placed_at TIMESTAMPTZ NOT NULL,
    total_sek NUMERIC(12,2) NOT NULL
);

CREATE TABLE webshop.order_lines (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES webshop.orders (id),
    product TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    price_sek NUMERIC(12,2) NOT NULL
);

CREATE TABLE webshop.invoices (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES webshop.orders (id),
    invoice_number TEXT NOT NULL,
    issued_at TIMESTAMPTZ NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL,
    paid_at TIMESTAMPTZ
);

CREATE TABLE webshop.analyses (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES webshop.customers (id),
    kind TEXT NOT NULL,
    result TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE butik.customers (
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
    anonymised_at TIMESTAMPTZ
);

CREATE TABLE butik.purchases (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES butik.customers (id),
    store TEXT NOT NULL,
    receipt_number TEXT NOT NULL,
    purchased_at TIMESTAMPTZ NOT NULL,
    amount_sek NUMERIC(12,2) NOT NULL
);

CREATE TABLE behandling.clients (
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
    anonymised_at TIMESTAMPTZ
);

CREATE TABLE behandling.treatments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES behandling.clients (id),
    treatment TEXT NOT NULL,
    therapist TEXT NOT NULL,
    performed_at TIMESTAMPTZ NOT NULL,
    price_sek NUMERIC(12,2) NOT NULL
);

CREATE TABLE behandling.recipes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    treatment_id BIGINT NOT NULL REFERENCES behandling.treatments (id),
    content TEXT NOT NULL
);

CREATE TABLE behandling.conversation_notes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES behandling.clients (id),
    note TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE behandling.recommendations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES behandling.clients (id),
    recommendation TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE behandling.interests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES behandling.clients (id),
    product TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE marketing.consents (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    personnummer TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL,
    granted BOOLEAN NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE marketing.suppression (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject_hash TEXT NOT NULL UNIQUE,
    added_at TIMESTAMPTZ NOT NULL,
    case_number TEXT NOT NULL
);

CREATE TABLE processing_records (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_number TEXT NOT NULL,
    right_name TEXT NOT NULL,
    system TEXT NOT NULL,
    result TEXT NOT NULL,
    done_at TIMESTAMPTZ NOT NULL,
    UNIQUE (case_number, right_name, system)
);

CREATE TABLE recipient_notices (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_number TEXT NOT NULL,
    recipient TEXT NOT NULL,
    change TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
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

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'dsr_app') THEN
        GRANT USAGE ON SCHEMA webshop, butik, behandling, marketing TO dsr_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA webshop, butik, behandling, marketing TO dsr_app;
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.fulfilment_actions, %I.recipient_notices TO dsr_app', current_schema(), current_schema());
        EXECUTE format('GRANT SELECT ON %I.processing_records TO dsr_app', current_schema());
    END IF;
END
$$;

CREATE INDEX webshop_customers_pnr ON webshop.customers (personnummer);
CREATE INDEX webshop_customers_email ON webshop.customers (email);
CREATE INDEX webshop_orders_customer ON webshop.orders (customer_id);
CREATE INDEX webshop_order_lines_order ON webshop.order_lines (order_id);
CREATE INDEX webshop_invoices_order ON webshop.invoices (order_id);
CREATE INDEX webshop_analyses_customer ON webshop.analyses (customer_id);
CREATE INDEX butik_customers_pnr ON butik.customers (personnummer);
CREATE INDEX butik_customers_email ON butik.customers (email);
CREATE INDEX butik_purchases_customer ON butik.purchases (customer_id);
CREATE INDEX behandling_clients_pnr ON behandling.clients (personnummer);
CREATE INDEX behandling_clients_email ON behandling.clients (email);
CREATE INDEX behandling_treatments_client ON behandling.treatments (client_id);
CREATE INDEX behandling_recipes_treatment ON behandling.recipes (treatment_id);
CREATE INDEX behandling_notes_client ON behandling.conversation_notes (client_id);
CREATE INDEX behandling_recommendations_client ON behandling.recommendations (client_id);
CREATE INDEX behandling_interests_client ON behandling.interests (client_id);
CREATE INDEX marketing_consents_pnr ON marketing.consents (personnummer);
CREATE INDEX marketing_consents_email ON marketing.consents (email);
