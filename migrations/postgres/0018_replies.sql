-- Every answer by the channel the person used (issue 17).
-- cases.request_subject: the request's Subject line, cleaned, for the
-- threaded e-mail replies. cases.registered_name/registered_address: the
-- subject's name and postal address as the address source (the register)
-- gave them, taken before erasure can remove them; a postal letter goes
-- there. cases.address_confirmed: staff confirmed requester_address (the
-- address the request gave, or one they wrote) as where letters go.
ALTER TABLE cases ADD COLUMN request_subject TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN registered_name TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN registered_address TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN address_confirmed BOOLEAN NOT NULL DEFAULT FALSE;
-- address_differs: the address in the request is not the registered one
-- (identity evidence, shown to staff).
ALTER TABLE cases ADD COLUMN address_differs BOOLEAN NOT NULL DEFAULT FALSE;

-- letters.route: "post" (the outbox is the print queue) or "email";
-- sent_to: the postal address lines (joined by new lines) or the e-mail
-- address the letter went to.
ALTER TABLE letters ADD COLUMN route TEXT NOT NULL DEFAULT 'post';
ALTER TABLE letters ADD COLUMN sent_to TEXT NOT NULL DEFAULT '';

-- One row per e-mail the engine sends to a person, made before the relay
-- is asked: its Message-ID is the idempotency key. state: sending (asked,
-- answer unknown), accepted (the relay took it: relay_reply), failed (the
-- relay refused it for good, or it stayed undelivered: error).
CREATE TABLE outgoing_mail (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_number TEXT NOT NULL,
    letter_key TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    raw BYTEA NOT NULL,
    state TEXT NOT NULL DEFAULT 'sending',
    attempts INTEGER NOT NULL DEFAULT 0,
    relay_reply TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    accepted_at TIMESTAMPTZ,
    filed_at TIMESTAMPTZ,
    UNIQUE (case_number, letter_key)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON outgoing_mail TO dsr_app;
