-- The engine's own record about a person: the cases of their requests and
-- the letters sent in them, which an extract (Art. 15) includes.
INSERT INTO processing_records (system, category, tables, purposes, legal_basis, retention_rule, retention, recipients, processors, source, portable,
    category_en, purposes_en, legal_basis_en, retention_en, source_en)
VALUES ('dsr', 'Ärenden om dina rättigheter och brev i dem', 'cases,letters', 'Hantera dina begäranden och kunna visa hur de hanterades',
        'Rättslig förpliktelse (art. 6.1 c, art. 5.2 och 12 dataskyddsförordningen)', '',
        'Tills vidare, för att vi ska kunna visa hur din begäran hanterades', '', '', 'Dina begäranden och vår hantering av dem', FALSE,
        'Cases of your requests and the letters in them', 'Handling your requests and being able to show how they were handled',
        'Legal obligation (Art. 6(1)(c), Articles 5(2) and 12 GDPR)', 'For the time being, so that we can show how your request was handled',
        'Your requests and how we handled them');
