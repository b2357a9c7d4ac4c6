#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: initdb in a temp directory, a free
# loopback port (passwords checked: scram-sha-256), fsync off; exports ORDERDESK_TEST_DATABASE_URL for the command; stops the
# server and removes the directory on exit, whatever the command did.
# As root (sessions and CI), the server runs as the `postgres` user: initdb refuses root.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail
BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$BIN/initdb" ] || { echo "with-postgres: no initdb (apt-get install postgresql)" >&2; exit 1; }
DIR=$(mktemp -d /tmp/orderdesk-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -ne 0 ] || chown postgres "$DIR"
stop() {
    as_server "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap stop EXIT
trap "exit 129" HUP INT TERM
as_server "$BIN/initdb" -D "$DIR/data" --auth-local=trust --auth-host=scram-sha-256 -U postgres >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
as_server "$BIN/pg_ctl" -D "$DIR/data" -w -l "$DIR/server.log" \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$DIR/server.log" >&2; exit 1; }
as_server "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE orderdesk LOGIN CREATEDB PASSWORD 'orderdesk-test'" -c "CREATE DATABASE orderdesk OWNER orderdesk" >/dev/null
export ORDERDESK_TEST_DATABASE_URL="postgres://orderdesk@127.0.0.1:$PORT/orderdesk"
export ORDERDESK_TEST_DATABASE_PASSWORD="orderdesk-test"
echo "with-postgres: PostgreSQL on 127.0.0.1:$PORT (throwaway, $DIR)" >&2
set +e
"$@"
status=$?
exit $status
