-- Reminders and escalations sent to the privacy team, once each.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idem_key TEXT NOT NULL UNIQUE,
    case_number TEXT NOT NULL,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    delivered_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
