#!/bin/sh
# The same server settings as the embedded PostgreSQL (local-infra's PostgresServer), on $PGPORT of 127.0.0.1.
set -e
/opt/pgsql/bin/initdb -D /tmp/pgdata -U postgres -A trust -E UTF8 --no-locale >/dev/null
exec /opt/pgsql/bin/postgres -D /tmp/pgdata -p "$PGPORT" -c listen_addresses=127.0.0.1 -c fsync=off \
  -c max_connections=200
