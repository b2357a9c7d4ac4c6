#!/usr/bin/env bash
# Bulk status change of 120 orders against the sandbox's 2 req/s Yuju limit, side by side on
# one sandbox per round:
#   curl      — a plain sequential loop of 120 `PUT /yuju/orders/status` (no pacing, no retry):
#               its duration, its 429 answers and how many orders really changed;
#   OrderDesk — scripts/bulk-status-120.sh against the same sandbox (`orderdesk status set --file`
#               through the outbox and the pacer): its duration and 429s.
# The curl loop takes the last 120 pending orders, OrderDesk (after a report run that sees what
# curl changed) the first 120 still pending, so the two never touch the same order.
# Usage: scripts/bench-bulk-vs-curl.sh [ROUNDS]   (default 3; ORDERDESK=path skips the build)
source "$(dirname "$0")/bench-common.sh"
ROUNDS=${1:-3}
CURL_S=() CURL_429=() CURL_OK=() CURL_CHANGED=() OD_S=() OD_429=() OD_ONCE=()

stat_sum() {   # stat_sum FILE KEY: sum of a counter map in /_sandbox/stats
    python3 -c 'import json,sys; print(sum(json.load(open(sys.argv[1])).get(sys.argv[2], {}).values()))' "$1" "$2"
}

for round in $(seq 1 "$ROUNDS"); do
    echo "round $round: sandbox, report run, 120 curl PUTs, then orderdesk bulk …" >&2
    bench_start_sandbox 3000
    now=$(date +%s)
    "$BIN" report run --from "$(date -u -d "@$((now - 179 * 86400))" +%Y-%m-%dT%H:%M:%S)" \
        --to "$(date -u -d "@$now" +%Y-%m-%dT%H:%M:%S)" --wait >/dev/null 2>>"$WORK/report.log"
    "$BIN" orders list --status pending --json >"$WORK/pending.json"
    python3 - "$WORK/pending.json" "$WORK/curl-bodies.txt" <<'PY'
import json, sys
orders = json.load(open(sys.argv[1]))[-120:]
assert len(orders) == 120, f"only {len(orders)} pending orders"
with open(sys.argv[2], "w") as f:
    for o in orders:
        f.write(json.dumps({"id_order": o["id_order"], "id_channel": o["id_channel"], "status": "ready_to_ship", "carrier": "DHL"}) + "\n")
PY
    curl -s "$ORDERDESK_SANDBOX_URL/_sandbox/stats" >"$WORK/before.json"
    : >"$WORK/codes.txt"
    start=$(date +%s.%N)
    while IFS= read -r body; do
        curl -s -o /dev/null -w '%{http_code}\n' -X PUT "$ORDERDESK_SANDBOX_URL/yuju/orders/status" \
            -H 'Authorization: sandbox-token' -H 'Content-Type: application/json' -d "$body" >>"$WORK/codes.txt"
    done <"$WORK/curl-bodies.txt"
    end=$(date +%s.%N)
    curl -s "$ORDERDESK_SANDBOX_URL/_sandbox/stats" >"$WORK/after.json"
    CURL_S+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')")
    CURL_429+=("$(grep -c '^429$' "$WORK/codes.txt" || true)")
    CURL_OK+=("$(grep -c '^2' "$WORK/codes.txt" || true)")
    CURL_CHANGED+=("$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); print(sum(len(v) for v in b.get("transitions",{}).values()) - sum(len(v) for v in a.get("transitions",{}).values()))' "$WORK/before.json" "$WORK/after.json")")
    sleep 2   # the bucket refills before OrderDesk starts

    ORDERDESK="$BIN" "$ROOT/scripts/bulk-status-120.sh" >"$WORK/bulk.out" 2>&1 || { cat "$WORK/bulk.out" >&2; }
    OD_S+=("$(awk '/^duration/ {print $2}' "$WORK/bulk.out")")
    OD_429+=("$(awk '/^429 responses:/ {print $3}' "$WORK/bulk.out")")
    OD_ONCE+=("$(awk '/^orders changed exactly once:/ {print $5}' "$WORK/bulk.out")")
    kill "${BENCH_PIDS[-1]}" 2>/dev/null || true
    wait "${BENCH_PIDS[-1]}" 2>/dev/null || true
done

echo "120 status changes, sandbox limit 2 req/s (bucket of 2), $ROUNDS rounds, one fresh sandbox per round"
echo "$(bench_context)"
printf '%-34s %10s   %s\n' "curl loop: duration (s)" "$(bench_median "${CURL_S[@]}")" "runs: ${CURL_S[*]}"
printf '%-34s %10s   %s\n' "curl loop: 429 answers" "$(bench_median "${CURL_429[@]}")" "runs: ${CURL_429[*]}"
printf '%-34s %10s   %s\n' "curl loop: 2xx answers" "$(bench_median "${CURL_OK[@]}")" "runs: ${CURL_OK[*]}"
printf '%-34s %10s   %s\n' "curl loop: orders really changed" "$(bench_median "${CURL_CHANGED[@]}")" "runs: ${CURL_CHANGED[*]}"
printf '%-34s %10s   %s\n' "OrderDesk bulk: duration (s)" "$(bench_median "${OD_S[@]}")" "runs: ${OD_S[*]}"
printf '%-34s %10s   %s\n' "OrderDesk bulk: 429 answers" "$(bench_median "${OD_429[@]}")" "runs: ${OD_429[*]}"
printf '%-34s %10s   %s\n' "OrderDesk bulk: changed exactly once" "$(bench_median "${OD_ONCE[@]%%/*}")" "runs: ${OD_ONCE[*]}"
awk -v d="$(bench_median "${OD_S[@]}")" -v r="$(printf '%s\n' "${OD_429[@]}" | sort -n | tail -1)" 'BEGIN {
    off = (d - 60) / 60 * 100; if (off < 0) off = -off
    printf "target: within 2%% of 60 s (58.8–61.2 s) with 0 × 429: median %.1f s (%.1f%% off), worst 429 count %d: %s\n", d, off, r, (off <= 2 && r == 0 ? "pass" : "MISS")
}'
