-- Files kept for a case, raw messages, attachments and scans, are stored
-- encrypted (AES-256-GCM) in chunks, each file under a key of its own that is
-- itself sealed with the configured key ring. Deleting a file deletes its
-- chunks and its key.
CREATE TABLE blobs (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key_id TEXT NOT NULL,
    wrapped_key BYTEA,
    size BIGINT NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at TIMESTAMPTZ
);

CREATE TABLE blob_chunks (
    blob_id BIGINT NOT NULL REFERENCES blobs (id),
    seq INTEGER NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (blob_id, seq)
);

-- The attachments of an inbound message, stored apart from it; the message
-- keeps their headers only. ID-document copies are deleted after the
-- identity decision: the row stays, without file name or content.
CREATE TABLE attachments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inbound_id BIGINT NOT NULL REFERENCES inbound_messages (id),
    case_number TEXT NOT NULL,
    part INTEGER NOT NULL,
    filename TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL DEFAULT '',
    size BIGINT NOT NULL DEFAULT 0,
    id_document BOOLEAN NOT NULL DEFAULT FALSE,
    blob_id BIGINT REFERENCES blobs (id),
    deleted_at TIMESTAMPTZ,
    deleted_reason TEXT NOT NULL DEFAULT '',
    UNIQUE (inbound_id, part)
);
CREATE INDEX attachments_case ON attachments (case_number);

ALTER TABLE inbound_messages ADD COLUMN raw_blob_id BIGINT REFERENCES blobs (id);

GRANT SELECT, INSERT, UPDATE, DELETE ON blobs, blob_chunks, attachments TO dsr_app;
