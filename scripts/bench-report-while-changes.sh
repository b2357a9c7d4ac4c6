#!/usr/bin/env bash
# A report run with --wait while 60 status changes drain, in two processes of one profile,
# beside the same 60 changes alone (issue 14). Both processes pace from the profile's one
# budget, and the report's polls wait behind the changes: 0 × 429, and the changes take no longer.
# Usage: scripts/bench-report-while-changes.sh   (ORDERDESK=path/to/orderdesk to override;
# REPORT_DELAY_MS: how long the sandbox takes to build a report, 12000 by default)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${ORDERDESK:-$(cd "$ROOT" && swift build --show-bin-path)/orderdesk}
WORK=$(mktemp -d)
PORT=${PORT:-$((20000 + RANDOM % 20000))}
export XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config"
export ORDERDESK_SANDBOX_URL="http://127.0.0.1:$PORT"
"$BIN" sandbox --port "$PORT" --report-delay-ms "${REPORT_DELAY_MS:-12000}" >"$WORK/sandbox.log" 2>&1 &
SANDBOX=$!
trap 'kill $SANDBOX 2>/dev/null || true; rm -rf "$WORK"' EXIT
until grep -q listening "$WORK/sandbox.log" 2>/dev/null; do sleep 0.2; done

FROM=$(date -u -d '-179 days' +%Y-%m-%dT%H:%M:%S)
TO=$(date -u +%Y-%m-%dT%H:%M:%S)
"$BIN" report run --from "$FROM" --to "$TO" --wait >/dev/null 2>"$WORK/fill.log"
"$BIN" orders list --status pending --json >"$WORK/pending.json"
python3 - "$WORK/pending.json" "$WORK" <<'PY'
import json, sys
orders = json.load(open(sys.argv[1]))[:120]
assert len(orders) == 120, f"only {len(orders)} pending orders"
for name, part in (("alone", orders[:60]), ("beside", orders[60:])):
    with open(f"{sys.argv[2]}/{name}.csv", "w") as f:
        f.write("id_order,id_channel,status,carrier,items\n")
        for o in part:
            f.write(f"{o['id_order']},{o['id_channel']},ready_to_ship,DHL,\n")
PY
limited() { curl -s "$ORDERDESK_SANDBOX_URL/_sandbox/stats" | python3 -c 'import json,sys; print(sum(json.load(sys.stdin)["rate_limited"].values()))'; }
elapsed() { python3 -c "print(f'{$2 - $1:.1f}')"; }

L0=$(limited)
S=$(date +%s.%N)
"$BIN" status set --file "$WORK/alone.csv" 2>"$WORK/alone.log"
E=$(date +%s.%N)
ALONE=$(elapsed "$S" "$E")
L1=$(limited)

S=$(date +%s.%N)
"$BIN" report run --from "$FROM" --to "$TO" --wait >"$WORK/report.out" 2>"$WORK/report.log" &
REPORT=$!
"$BIN" status set --file "$WORK/beside.csv" 2>"$WORK/beside.log"
E=$(date +%s.%N)
wait $REPORT
R=$(date +%s.%N)
BESIDE=$(elapsed "$S" "$E")
REPORT_TIME=$(elapsed "$S" "$R")
L2=$(limited)

echo "60 changes alone:              ${ALONE} s, $((L1 - L0)) × 429 — $(tail -1 "$WORK/alone.log")"
echo "60 changes beside a report:    ${BESIDE} s, report done after ${REPORT_TIME} s, $((L2 - L1)) × 429 — $(tail -1 "$WORK/beside.log")"
echo "report: $(head -2 "$WORK/report.out" | tail -1)"
