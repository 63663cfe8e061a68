#!/bin/sh
# Run once by the postgres image on a new volume (docker-entrypoint-initdb.d),
# and by the compose-path test on a fresh cluster: the roles and databases
# of the production stack, each login role with the password in its secret.
#
#   temporal          owns the Temporal server's two databases
#   dsr               owns dsr's database; only `dsr migrate` logs in as it
#   dsr_app           (no login) what the worker may do; the migrations grant it
#   dsr_signer        (no login) what the audit signer may do
#   dsr_worker        the worker's login, IN ROLE dsr_app
#   dsr_audit_signer  the signer's login, IN ROLE dsr_signer
#
# The group roles are made here so that the migrations, run by dsr, need
# no CREATEROLE.
set -eu
secrets=${SECRETS_DIR:-/run/secrets}
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
	-v temporal_pw="$(cat "$secrets/temporal_db_password")" \
	-v owner_pw="$(cat "$secrets/dsr_owner_password")" \
	-v worker_pw="$(cat "$secrets/dsr_worker_password")" \
	-v signer_pw="$(cat "$secrets/dsr_signer_password")" <<'EOSQL'
CREATE ROLE temporal LOGIN PASSWORD :'temporal_pw';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
CREATE ROLE dsr LOGIN PASSWORD :'owner_pw';
CREATE DATABASE dsr OWNER dsr;
REVOKE ALL ON DATABASE dsr FROM PUBLIC;
CREATE ROLE dsr_app NOLOGIN;
CREATE ROLE dsr_signer NOLOGIN;
CREATE ROLE dsr_worker LOGIN PASSWORD :'worker_pw' IN ROLE dsr_app;
CREATE ROLE dsr_audit_signer LOGIN PASSWORD :'signer_pw' IN ROLE dsr_signer;
GRANT CONNECT ON DATABASE dsr TO dsr_app, dsr_signer;
EOSQL
echo "roles and databases for temporal and dsr created"
