-- Reminders and escalations sent to the privacy team, once each.
CREATE TABLE notifications (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idem_key TEXT NOT NULL UNIQUE,
    case_number TEXT NOT NULL,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    delivered_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
