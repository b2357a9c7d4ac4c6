#!/usr/bin/env bash
# Three operators, one Yuju account (issue 15): three `orderdesk status set --file` of 40 rows
# each, started together against one sandbox, first in team mode (one PostgreSQL, one budget),
# then side by side without it (three profiles pacing 2 req/s each). Prints time, 429s, PUTs.
# Usage: scripts/with-postgres.sh scripts/team-three-operators.sh
#   (needs ORDERDESK_TEST_DATABASE_URL/_PASSWORD as with-postgres.sh exports them;
#    ORDERDESK=path/to/orderdesk to override the binary)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${ORDERDESK:-$(cd "$ROOT" && swift build --show-bin-path)/orderdesk}
WORK=$(mktemp -d)
PORT=${PORT:-$((20000 + RANDOM % 20000))}
: "${ORDERDESK_TEST_DATABASE_URL:?run through scripts/with-postgres.sh}"
export ORDERDESK_SANDBOX_URL="http://127.0.0.1:$PORT"
"$BIN" sandbox --port "$PORT" >"$WORK/sandbox.log" 2>&1 &
SANDBOX=$!
trap 'kill $SANDBOX 2>/dev/null || true; rm -rf "$WORK"' EXIT
until grep -q listening "$WORK/sandbox.log" 2>/dev/null; do sleep 0.2; done
stats() { curl -s "$ORDERDESK_SANDBOX_URL/_sandbox/stats"; }

round() {  # $1: team|alone
    local mode=$1
    curl -s -X POST "$ORDERDESK_SANDBOX_URL/_sandbox/reset" >/dev/null
    local from to
    from=$(date -u -d '-179 days' +%Y-%m-%dT%H:%M:%S); to=$(date -u +%Y-%m-%dT%H:%M:%S)
    XDG_STATE_HOME="$WORK/$mode/setup" "$BIN" report run --from "$from" --to "$to" --wait >/dev/null 2>"$WORK/$mode-setup.log"
    XDG_STATE_HOME="$WORK/$mode/setup" "$BIN" orders list --status pending --json >"$WORK/$mode-pending.json"
    python3 - "$WORK/$mode-pending.json" "$WORK/$mode" <<'PY'
import json, sys
orders = json.load(open(sys.argv[1]))[:120]
assert len(orders) == 120, f"only {len(orders)} pending orders"
for n in range(3):
    part = orders[n * 40:(n + 1) * 40]
    with open(f"{sys.argv[2]}/op{n}.csv", "w") as f:
        f.write("id_order,id_channel,status,carrier,items\n")
        for o in part:
            f.write(f"{o['id_order']},{o['id_channel']},ready_to_ship,DHL,\n")
    with open(f"{sys.argv[2]}/op{n}.ids", "w") as f:
        f.write(",".join(o["id_order"] for o in part))
PY
    local team=()
    [ "$mode" = team ] && team=(--database-url "$ORDERDESK_TEST_DATABASE_URL")
    export ORDERDESK_DATABASE_PASSWORD="${ORDERDESK_TEST_DATABASE_PASSWORD:-}"
    for n in 0 1 2; do  # each operator's own cache: a report of its 40 orders
        XDG_STATE_HOME="$WORK/$mode/op$n" "$BIN" report run --ids "$(cat "$WORK/$mode/op$n.ids")" --wait >/dev/null 2>>"$WORK/$mode-reports.log"
    done
    stats >"$WORK/$mode-before.json"
    local start end pids=()
    start=$(date +%s.%N)
    for n in 0 1 2; do
        XDG_STATE_HOME="$WORK/$mode/op$n" "$BIN" "${team[@]}" status set --file "$WORK/$mode/op$n.csv" 2>"$WORK/$mode-op$n.log" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || true; done
    end=$(date +%s.%N)
    stats >"$WORK/$mode-after.json"
    python3 - "$mode" "$start" "$end" "$WORK/$mode-before.json" "$WORK/$mode-after.json" "$WORK" <<'PY'
import json, sys
mode, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
before, after = json.load(open(sys.argv[4])), json.load(open(sys.argv[5]))
key = "PUT /yuju/orders/status"
puts = after["requests"].get(key, 0) - before["requests"].get(key, 0)
limited = sum(after["rate_limited"].values()) - sum(before["rate_limited"].values())
changed = sum(1 for moves in after["transitions"].values() for m in moves if m["to"] == "ready_to_ship")
summaries = [open(f"{sys.argv[6]}/{mode}-op{n}.log").read().strip().splitlines()[-1] for n in range(3)]
print(f"{mode:5}: 120 changes in {end - start:.1f} s, {limited} × 429, {puts} PUTs, {changed} orders at ready_to_ship")
for n, line in enumerate(summaries): print(f"        op{n}: {line}")
PY
}
round team
round alone
