-- Cases, their intake records, the mailbox checkpoints and the letters.
CREATE TABLE case_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE inbound_messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL,
    mailbox TEXT NOT NULL DEFAULT '',
    uid_validity BIGINT NOT NULL DEFAULT 0,
    uid BIGINT NOT NULL DEFAULT 0,
    message_id TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    raw BYTEA NOT NULL,
    case_number TEXT NOT NULL,
    workflow_started BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE cases (
    number TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    rights TEXT NOT NULL DEFAULT '',
    uncertain BOOLEAN NOT NULL DEFAULT FALSE,
    language TEXT NOT NULL DEFAULT 'sv',
    requester_name TEXT NOT NULL DEFAULT '',
    requester_email TEXT NOT NULL DEFAULT '',
    requester_address TEXT NOT NULL DEFAULT '',
    personnummer TEXT NOT NULL DEFAULT '',
    inbound_id BIGINT REFERENCES inbound_messages (id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE mailbox_checkpoints (
    mailbox TEXT PRIMARY KEY,
    uid_validity BIGINT NOT NULL,
    last_uid BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE letters (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_number TEXT NOT NULL REFERENCES cases (number),
    kind TEXT NOT NULL,
    filename TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    pdf BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (case_number, kind)
);
