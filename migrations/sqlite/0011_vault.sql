-- Files kept for a case, raw messages, attachments and scans, are stored
-- encrypted (AES-256-GCM) in chunks, each file under a key of its own that is
-- itself sealed with the configured key ring. Deleting a file deletes its
-- chunks and its key.
CREATE TABLE blobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key_id TEXT NOT NULL,
    wrapped_key BLOB,
    size INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    deleted_at TIMESTAMP
);

CREATE TABLE blob_chunks (
    blob_id INTEGER NOT NULL REFERENCES blobs (id),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (blob_id, seq)
);

-- The attachments of an inbound message, stored apart from it; the message
-- keeps their headers only. ID-document copies are deleted after the
-- identity decision: the row stays, without file name or content.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    inbound_id INTEGER NOT NULL REFERENCES inbound_messages (id),
    case_number TEXT NOT NULL,
    part INTEGER NOT NULL,
    filename TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    id_document BOOLEAN NOT NULL DEFAULT FALSE,
    blob_id INTEGER REFERENCES blobs (id),
    deleted_at TIMESTAMP,
    deleted_reason TEXT NOT NULL DEFAULT '',
    UNIQUE (inbound_id, part)
);
CREATE INDEX attachments_case ON attachments (case_number);

ALTER TABLE inbound_messages ADD COLUMN raw_blob_id INTEGER REFERENCES blobs (id);
