-- A restriction is lifted only after the person was told (Art. 18(3)): the
-- notice states the day, and the lift waits for that day and for the
-- notice to have gone (an e-mail the relay took, a letter posted).
CREATE TABLE restriction_lifts (
    case_number TEXT PRIMARY KEY,
    lift_on TEXT NOT NULL,
    actor TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    lifted_at TIMESTAMP
);
