-- A person's cases, by personnummer or e-mail address: intake counts the
-- earlier ones (Art. 12(5) evidence) and the extract lists them.
CREATE INDEX cases_personnummer ON cases (personnummer) WHERE personnummer <> '';
CREATE INDEX cases_requester_email ON cases (lower(requester_email)) WHERE requester_email <> '';
