-- A key per case seals the personal data the audit trail must record
-- (staff notes, free-text grounds, a rectification's old and new values):
-- the chain hashes the sealed text, and erasing the key when the case's
-- records are erased leaves the trail whole and verifiable, and unreadable
-- where it spoke of the person. The key is stored wrapped with the payload
-- key ring.
CREATE TABLE case_keys (
    case_number TEXT PRIMARY KEY,
    key_id      TEXT NOT NULL,
    wrapped     BLOB,
    created_at  TIMESTAMP NOT NULL,
    erased_at   TIMESTAMP
);
