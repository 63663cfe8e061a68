-- dsr_app: the role the worker runs as. It may only read and append to the
-- audit tables; everything else it may use fully. Grant it to a login role:
--   CREATE ROLE dsr_worker LOGIN PASSWORD '...' IN ROLE dsr_app;
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dsr_app') THEN
        CREATE ROLE dsr_app NOLOGIN;
    END IF;
END
$$;

DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO dsr_app', current_schema());
END
$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON case_counters, inbound_messages, cases, mailbox_checkpoints, letters, notifications TO dsr_app;
GRANT SELECT, INSERT ON audit_events, audit_checkpoints TO dsr_app;
GRANT SELECT ON schema_migrations TO dsr_app;
