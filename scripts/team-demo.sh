#!/usr/bin/env bash
# Team mode, tried locally: a throwaway PostgreSQL, one sandbox, and two OrderDesk TUIs side by
# side in tmux (ana and luis, each with a profile of their own) sharing one budget and one
# report ledger. Detach with C-b d; everything stops when tmux ends.
# Usage: scripts/team-demo.sh   (ORDERDESK=path/to/orderdesk to override the binary)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${ORDERDESK_TEST_DATABASE_URL:-}" ]; then exec "$ROOT/scripts/with-postgres.sh" "$0" "$@"; fi
BIN=${ORDERDESK:-$(cd "$ROOT" && swift build --product orderdesk >/dev/null && swift build --show-bin-path)/orderdesk}
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" sandbox --port "$PORT" >"$WORK/sandbox.log" 2>&1 &
SANDBOX=$!
SOCKET="orderdesk-team-demo-$$"
trap 'tmux -L "$SOCKET" kill-server 2>/dev/null || true; kill $SANDBOX 2>/dev/null || true; rm -rf "$WORK"' EXIT
until grep -q listening "$WORK/sandbox.log" 2>/dev/null; do sleep 0.2; done
FROM=$(date -u -d '-179 days' +%Y-%m-%dT%H:%M:%S); TO=$(date -u +%Y-%m-%dT%H:%M:%S)
operator() {  # NAME: a config naming the operator, a cache filled by one report run
    mkdir -p "$WORK/$1/config/orderdesk"
    printf '[team]\noperator = "%s"\n' "$1" >"$WORK/$1/config/orderdesk/config.toml"
    echo "cd '$WORK'; export XDG_STATE_HOME='$WORK/$1/state' XDG_CONFIG_HOME='$WORK/$1/config' ORDERDESK_SANDBOX_URL=http://127.0.0.1:$PORT" \
        "ORDERDESK_DATABASE_URL='$ORDERDESK_TEST_DATABASE_URL' ORDERDESK_DATABASE_PASSWORD='${ORDERDESK_TEST_DATABASE_PASSWORD:-}';" \
        "'$BIN' report run --from $FROM --to $TO --wait >/dev/null; exec '$BIN'"
}
tmux -L "$SOCKET" new-session -d -s team -x 240 -y 50 "$(operator ana)"
tmux -L "$SOCKET" split-window -h -t team "$(operator luis)"
echo "two TUIs on one team database; press b in either to see the shared budgets (the report runs: 2 used)" >&2
TMUX= tmux -L "$SOCKET" attach -t team
