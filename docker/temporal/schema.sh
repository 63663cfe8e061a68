#!/bin/sh
# Creates or upgrades the Temporal server's two schemas in PostgreSQL with
# the server's own schema tool (temporal-sql-tool, in the
# temporalio/admin-tools image). The databases and the temporal role are
# made by docker/postgres-init.sh. Safe to run again: setup-schema on a
# versioned database does nothing, update-schema applies what is new.
# Used by compose and by the compose-path test.
set -eu
: "${POSTGRES_PWD_FILE:?the file holding the temporal role's password}"
SQL_PASSWORD=$(cat "$POSTGRES_PWD_FILE")
export SQL_PASSWORD
SQL_PLUGIN=postgres12_pgx
SQL_HOST=${POSTGRES_SEEDS:?the PostgreSQL host}
SQL_PORT=${DB_PORT:-5432}
SQL_USER=${POSTGRES_USER:-temporal}
export SQL_PLUGIN SQL_HOST SQL_PORT SQL_USER
schema=${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema}/postgresql/v12
for db in temporal:temporal temporal_visibility:visibility; do
	name=${db%%:*}
	dir=${db#*:}
	temporal-sql-tool --db "$name" setup-schema -v 0.0
	temporal-sql-tool --db "$name" update-schema -d "$schema/$dir/versioned"
done
echo "temporal schemas ready"
