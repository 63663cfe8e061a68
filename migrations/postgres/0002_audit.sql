-- The audit trail: append-only, each event hash-chained within its case
-- (seq, prev_hash, hash) and in one global chain (gseq, gprev_hash, ghash).
-- Signed checkpoints of chain heads make a rewrite detectable even by
-- someone who can re-hash the chains.
CREATE TABLE audit_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_number TEXT NOT NULL,
    seq INTEGER NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    details TEXT NOT NULL,
    idem_key TEXT NOT NULL UNIQUE,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    gseq BIGINT NOT NULL UNIQUE,
    gprev_hash TEXT NOT NULL,
    ghash TEXT NOT NULL,
    UNIQUE (case_number, seq)
);

CREATE TABLE audit_checkpoints (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope TEXT NOT NULL, -- 'global' or a case number
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL,
    signed_at TIMESTAMPTZ NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL,
    UNIQUE (scope, seq)
);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END
$$;

CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_checkpoints_no_change BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
