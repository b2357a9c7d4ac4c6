#!/usr/bin/env bash
# Bulk status change of 120 pending orders against `orderdesk sandbox` (2 req/s bucket).
# Measures the duration and the 429s; with --kill, kill -9s the run halfway, resumes with
# `queue retry`, and checks in /_sandbox/stats that every order changed exactly once.
# Usage: scripts/bulk-status-120.sh [--kill]   (ORDERDESK=path/to/orderdesk to override;
# ORDERDESK_SANDBOX_URL=http://127.0.0.1:N to use a sandbox already running instead of starting one)
set -euo pipefail
MODE=${1:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${ORDERDESK:-$(cd "$ROOT" && swift build --show-bin-path)/orderdesk}
WORK=$(mktemp -d)
PORT=${PORT:-$((20000 + RANDOM % 20000))}
export XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config"
if [ -n "${ORDERDESK_SANDBOX_URL:-}" ]; then
    trap 'rm -rf "$WORK"' EXIT
else
    export ORDERDESK_SANDBOX_URL="http://127.0.0.1:$PORT"
    "$BIN" sandbox --port "$PORT" >"$WORK/sandbox.log" 2>&1 &
    SANDBOX=$!
    trap 'kill $SANDBOX 2>/dev/null || true; rm -rf "$WORK"' EXIT
    until grep -q listening "$WORK/sandbox.log" 2>/dev/null; do sleep 0.2; done
fi

FROM=$(date -u -d '-179 days' +%Y-%m-%dT%H:%M:%S)
TO=$(date -u +%Y-%m-%dT%H:%M:%S)
"$BIN" report run --from "$FROM" --to "$TO" --wait >/dev/null 2>"$WORK/report.log"
"$BIN" orders list --status pending --json >"$WORK/pending.json"
python3 - "$WORK/pending.json" "$WORK/changes.csv" <<'PY'
import json, sys
orders = json.load(open(sys.argv[1]))[:120]
assert len(orders) == 120, f"only {len(orders)} pending orders"
with open(sys.argv[2], "w") as f:
    f.write("id_order,id_channel,status,carrier,items\n")
    for o in orders:
        f.write(f"{o['id_order']},{o['id_channel']},ready_to_ship,DHL,\n")
PY
curl -s "$ORDERDESK_SANDBOX_URL/_sandbox/stats" >"$WORK/stats-before.json"

START=$(date +%s.%N)
if [ "$MODE" = "--kill" ]; then
    "$BIN" status set --file "$WORK/changes.csv" 2>"$WORK/run.log" &
    RUN=$!
    sleep 30
    kill -9 $RUN
    wait $RUN 2>/dev/null || true
    echo "killed after 30 s; $(grep -c -- '— sent' "$WORK/run.log" || true) reported sent"
    "$BIN" queue --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print(len(e), "entries unconfirmed:", {s: sum(1 for x in e if x["state"]==s) for s in ("queued","sending","failed")})'
    "$BIN" queue retry 2>"$WORK/retry.log" || { tail -5 "$WORK/retry.log"; exit 1; }
    tail -1 "$WORK/retry.log"
else
    "$BIN" status set --file "$WORK/changes.csv" 2>"$WORK/run.log" || { tail -5 "$WORK/run.log"; exit 1; }
    tail -1 "$WORK/run.log"
fi
END=$(date +%s.%N)
curl -s "$ORDERDESK_SANDBOX_URL/_sandbox/stats" >"$WORK/stats.json"
python3 - "$WORK/changes.csv" "$WORK/stats-before.json" "$WORK/stats.json" "$START" "$END" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
before, stats = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
limited = sum(stats.get("rate_limited", {}).values()) - sum(before.get("rate_limited", {}).values())
transitions = stats.get("transitions", {})
counts = [len(transitions.get(f"{r['id_channel']}/{r['id_order']}", [])) for r in rows]
once = sum(1 for c in counts if c == 1)
print(f"duration {float(sys.argv[5]) - float(sys.argv[4]):.1f} s for {len(rows)} changes")
print(f"429 responses: {limited}")
print(f"orders changed exactly once: {once}/{len(rows)} (missing {counts.count(0)}, doubled {sum(1 for c in counts if c > 1)})")
print(f"noop status PUTs (resends): {stats.get('noop_status_puts')}")
sys.exit(0 if once == len(rows) and limited == 0 else 1)
PY
