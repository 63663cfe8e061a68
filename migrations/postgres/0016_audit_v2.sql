-- The audit trail's second format. New events are chained within their
-- case only (the same hash as before), appended in one statement without a
-- global lock; the global order comes from signed roots over the case heads
-- (audit_checkpoints with scope 'root', the heads that changed in `heads`).
-- Events of the first format keep their global chain, and both verify.
ALTER TABLE audit_events ADD COLUMN format SMALLINT NOT NULL DEFAULT 1;
CREATE SEQUENCE audit_events_gseq;
SELECT setval('audit_events_gseq', COALESCE((SELECT max(gseq) FROM audit_events), 0) + 1, false);
ALTER TABLE audit_events ALTER COLUMN gseq SET DEFAULT nextval('audit_events_gseq');
ALTER TABLE audit_checkpoints ADD COLUMN heads TEXT NOT NULL DEFAULT '';

-- dsr_signer: the role that signs checkpoints. The worker's role may read
-- them, and no longer write them: a checkpoint it could write, it could forge.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dsr_signer') THEN
        CREATE ROLE dsr_signer NOLOGIN;
    END IF;
END
$$;
DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO dsr_signer', current_schema());
END
$$;
REVOKE INSERT ON audit_checkpoints FROM dsr_app;
GRANT SELECT, INSERT ON audit_checkpoints TO dsr_signer;
GRANT SELECT ON audit_events, cases, schema_migrations TO dsr_signer;
GRANT USAGE ON SEQUENCE audit_events_gseq TO dsr_app;
