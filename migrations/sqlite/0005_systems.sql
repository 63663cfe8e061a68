-- The record of processing the access report and the erasure rules read
-- (the dataset files' since), the fulfilment ledger and the Art. 19 notices.
-- Harmoniq's demo systems are not the engine's and this migration no longer
-- creates them: internal/dataset/harmoniq/schema holds their tables, which
-- `dsr seed`, `dsr dev` and the tests create when missing. A database
-- migrated before keeps the tables it has.

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

