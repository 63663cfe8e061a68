-- Messages intake set aside because they could not be stored or opened:
-- one bad message never stops the mail behind it. The message itself stays
-- on the mail server, in the quarantine folder; this row says why, so that
-- staff see it (`dsr intake quarantined`). The reason holds no value from
-- the message.
CREATE TABLE intake_quarantine (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mailbox TEXT NOT NULL,
    uid_validity BIGINT NOT NULL,
    uid BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    folder TEXT NOT NULL,
    case_number TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    quarantined_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (mailbox, uid_validity, uid)
);
