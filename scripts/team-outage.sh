#!/usr/bin/env bash
# Issue 15, "Trouble", as an operator sees it: a TUI in team mode, PostgreSQL stopped under it and
# started again. Prints the screen's status and message lines at each step.
# Usage: scripts/with-postgres.sh scripts/team-outage.sh   (ORDERDESK=path to override the binary)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${ORDERDESK:-$(cd "$ROOT" && swift build --show-bin-path)/orderdesk}
: "${ORDERDESK_TEST_DATABASE_URL:?run through scripts/with-postgres.sh}"
PGBIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
PORT=${ORDERDESK_TEST_DATABASE_URL##*:}; PORT=${PORT%%/*}
DATA=$(dirname "$(grep -lx "$PORT" /tmp/orderdesk-pg.*/data/postmaster.pid)")
as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
WORK=$(mktemp -d)
TMUX_SOCKET="od-outage-$$"
trap 'tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null || true; kill "$SANDBOX" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config" LANG=C.UTF-8 LC_ALL=C.UTF-8
export ORDERDESK_DATABASE_URL="$ORDERDESK_TEST_DATABASE_URL" ORDERDESK_DATABASE_PASSWORD="${ORDERDESK_TEST_DATABASE_PASSWORD:-}"
"$BIN" sandbox --port 0 --orders 2000 >"$WORK/sandbox.log" 2>&1 &
SANDBOX=$!
until grep -q listening "$WORK/sandbox.log" 2>/dev/null; do sleep 0.2; done
export ORDERDESK_SANDBOX_URL=$(grep -o 'http://[0-9.:]*' "$WORK/sandbox.log" | head -1)
"$BIN" report run --from "$(date -u -d '-179 days' +%Y-%m-%dT%H:%M:%S)" --to "$(date -u +%Y-%m-%dT%H:%M:%S)" --wait >/dev/null 2>&1
tmux -L "$TMUX_SOCKET" new-session -d -s t -x 120 -y 40 \
    -e "XDG_STATE_HOME=$XDG_STATE_HOME" -e "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" -e "LANG=C.UTF-8" -e "LC_ALL=C.UTF-8" \
    -e "ORDERDESK_SANDBOX_URL=$ORDERDESK_SANDBOX_URL" -e "ORDERDESK_DATABASE_URL=$ORDERDESK_DATABASE_URL" \
    -e "ORDERDESK_DATABASE_PASSWORD=$ORDERDESK_DATABASE_PASSWORD" "$BIN"
show() { echo "--- $1"; tmux -L "$TMUX_SOCKET" capture-pane -p -t t | tail -2; }
sleep 5; show "running"
as_server "$PGBIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null; stopped=$(date +%s.%N)
sleep 4; show "4 s after PostgreSQL stopped"
tmux -L "$TMUX_SOCKET" send-keys -t t c; sleep 1
tmux -L "$TMUX_SOCKET" send-keys -t t Tab; tmux -L "$TMUX_SOCKET" send-keys -t t -l dhl; sleep 0.5
tmux -L "$TMUX_SOCKET" send-keys -t t Enter; sleep 1.5; show "a change asked for while it is down"
tmux -L "$TMUX_SOCKET" send-keys -t t j j; sleep 0.5; show "browsing (j j)"
as_server "$PGBIN/pg_ctl" -D "$DATA" -w -l "$DATA/../server.log" -o "-p $PORT -k $(dirname "$DATA") -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
sleep 3; show "3 s after PostgreSQL started again"
"$BIN" queue --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print("--- team outbox:", len(e), "entries not accepted")'
tmux -L "$TMUX_SOCKET" send-keys -t t q
