#!/bin/sh
# Starts the Temporal server with docker/temporal/config.yaml. The config
# reads its database password from POSTGRES_PWD, which this script fills
# from the secret file, so that the password is never in compose's
# environment. Used by compose (temporalio/server image) and by the
# compose-path test, which puts a server built from go.mod on PATH.
set -eu
: "${POSTGRES_PWD_FILE:?the file holding the temporal role's password}"
POSTGRES_PWD=$(cat "$POSTGRES_PWD_FILE")
export POSTGRES_PWD
if [ -z "${BIND_ON_IP:-}" ]; then
	# In a container: the address other containers reach this one at.
	BIND_ON_IP=$(hostname -i | cut -d' ' -f1)
fi
export BIND_ON_IP
exec temporal-server --config-file "${TEMPORAL_CONFIG_FILE:-/etc/temporal/dsr/config.yaml}" --allow-no-auth start \
	--service frontend --service internal-frontend --service history --service matching --service worker
