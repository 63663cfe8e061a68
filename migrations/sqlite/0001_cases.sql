-- Cases, their intake records, the mailbox checkpoints and the letters.
CREATE TABLE case_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE inbound_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL,
    mailbox TEXT NOT NULL DEFAULT '',
    uid_validity INTEGER NOT NULL DEFAULT 0,
    uid INTEGER NOT NULL DEFAULT 0,
    message_id TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    raw BLOB NOT NULL,
    case_number TEXT NOT NULL,
    workflow_started BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE cases (
    number TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    rights TEXT NOT NULL DEFAULT '',
    uncertain BOOLEAN NOT NULL DEFAULT FALSE,
    language TEXT NOT NULL DEFAULT 'sv',
    requester_name TEXT NOT NULL DEFAULT '',
    requester_email TEXT NOT NULL DEFAULT '',
    requester_address TEXT NOT NULL DEFAULT '',
    personnummer TEXT NOT NULL DEFAULT '',
    inbound_id INTEGER REFERENCES inbound_messages (id),
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE mailbox_checkpoints (
    mailbox TEXT PRIMARY KEY,
    uid_validity INTEGER NOT NULL,
    last_uid INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE letters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_number TEXT NOT NULL REFERENCES cases (number),
    kind TEXT NOT NULL,
    filename TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    pdf BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (case_number, kind)
);
