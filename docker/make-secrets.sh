#!/bin/sh
# Makes the secrets docker-compose.yml reads, in ./secrets (or $SECRETS_DIR):
# random passwords for the database roles, the payload keys, the audit
# signing key, and a private CA with the Temporal frontend's certificate
# and the clients' certificate. It never overwrites a file that exists;
# put Harmoniq's own certificates in place first to use its PKI instead.
#
#   IMAP_PASSWORD=... SMTP_PASSWORD=... sh docker/make-secrets.sh
#
# dsr makes the keys: $DSR runs it (default: the image compose builds).
# The files are readable by all (0644) because compose mounts them into
# containers that run as other users; the directory is 0700.
set -eu
dir=${SECRETS_DIR:-./secrets}
DSR=${DSR:-docker run --rm harmoniq/dsr:latest}
mkdir -p "$dir"
chmod 700 "$dir"
umask 022

put() { # put NAME: write standard input to $dir/NAME unless it exists
	if [ -e "$dir/$1" ]; then
		cat >/dev/null
		echo "kept    $dir/$1"
	else
		cat >"$dir/$1"
		echo "made    $dir/$1"
	fi
}
password() { openssl rand -base64 30 | tr -d '/+=\n'; }

for name in postgres_password temporal_db_password dsr_owner_password dsr_worker_password dsr_signer_password; do
	[ -e "$dir/$name" ] || password | put "$name"
done
if [ ! -e "$dir/imap_password" ]; then
	: "${IMAP_PASSWORD:?set IMAP_PASSWORD to the kundservice mailbox password}"
	printf %s "$IMAP_PASSWORD" | put imap_password
fi
if [ ! -e "$dir/smtp_password" ]; then
	: "${SMTP_PASSWORD:?set SMTP_PASSWORD to the relay login's password (SMTP_USERNAME)}"
	printf %s "$SMTP_PASSWORD" | put smtp_password
fi
[ -e "$dir/payload_keys" ] || $DSR codec-keygen k1 | put payload_keys
[ -e "$dir/audit_signing_key" ] || $DSR audit keygen | sed -n 's/^AUDIT_SIGNING_KEY=//p' | put audit_signing_key

# A private CA, and from it the frontend's certificate (named temporal,
# as compose reaches it, and localhost) and one client certificate that
# the workers, temporal-setup and the Web UI present.
if [ ! -e "$dir/tls_ca.pem" ]; then
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 \
		-subj "/CN=dsr private CA" -keyout "$dir/tls_ca-key.pem" -out "$dir/tls_ca.pem" 2>/dev/null
	chmod 600 "$dir/tls_ca-key.pem" # never mounted
	echo "made    $dir/tls_ca.pem (its key: tls_ca-key.pem, keep it offline)"
fi
issue() { # issue NAME CN SAN EXT
	[ -e "$dir/$1.pem" ] && { echo "kept    $dir/$1.pem"; return; }
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$2" \
		-keyout "$dir/$1-key.pem" -out "$dir/$1.csr" 2>/dev/null
	printf 'subjectAltName=%s\nextendedKeyUsage=%s\n' "$3" "$4" >"$dir/$1.ext"
	openssl x509 -req -in "$dir/$1.csr" -CA "$dir/tls_ca.pem" -CAkey "$dir/tls_ca-key.pem" -CAcreateserial \
		-days 825 -extfile "$dir/$1.ext" -out "$dir/$1.pem" 2>/dev/null
	rm -f "$dir/$1.csr" "$dir/$1.ext"
	chmod 644 "$dir/$1-key.pem" # mounted into a container that runs as another user
	echo "made    $dir/$1.pem"
}
issue temporal_frontend temporal "DNS:temporal,DNS:localhost,IP:127.0.0.1" serverAuth
issue temporal_client dsr-worker "DNS:dsr-worker" clientAuth
