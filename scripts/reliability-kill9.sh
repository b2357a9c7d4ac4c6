#!/usr/bin/env bash
# quality.md: "kill -9 during a bulk change of 100 orders, then restart → every change applied
# exactly once on the server, none lost, none doubled".
#
# 1. CLI: `status set --file` with 100 rows; kill -9 at a random moment, restart with
#    `orderdesk queue retry`, kill -9 that too, … KILLS times, then let the last retry finish.
# 2. The same with faults on (20 % 500s, 10 % dropped connections: half of them after the
#    change was applied), so kills also land while an attempt's outcome is unknown.
# 3. TUI: mark 100 pending orders, change them, kill -9 the TUI mid-drain, start it again
#    (it resumes the outbox on start) and wait until the outbox is empty.
# Each round checks /_sandbox/stats: one transition per order, none missing, none doubled.
# Usage: scripts/reliability-kill9.sh [KILLS]   (ORDERDESK=path to skip the build; SEED=n)
source "$(dirname "$0")/reliability-common.sh"
KILLS=${1:-3}
SEED=${SEED:-$RANDOM}
RANDOM=$SEED
machine
echo "random seed: $SEED (SEED=$SEED $0 $KILLS replays the kill moments)"
start_sandbox 3000 1
fill_cache

# run_with_kills LABEL CSV: the CLI round.
run_with_kills() {
    local label=$1 csv=$2 started=$SECONDS
    "$BIN" status set --file "$csv" >/dev/null 2>"$WORK/$label-run.log" &
    local pid=$! command="status set --file"
    for kill in $(seq "$KILLS"); do
        local wait=$((3 + RANDOM % 12))
        sleep "$wait"
        if kill -0 "$pid" 2>/dev/null; then
            kill -9 "$pid"; wait "$pid" 2>/dev/null || true
            local queued
            queued=$("$BIN" queue --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print(len(e), "unconfirmed:", {s: sum(1 for x in e if x["state"]==s) for s in ("queued","sending","failed")})')
            say "$label: kill -9 #$kill of '$command' after $wait s; landed so far $(count_landed "$csv")/100; outbox $queued"
        fi
        "$BIN" queue retry >/dev/null 2>>"$WORK/$label-run.log" &
        pid=$! command="queue retry"
    done
    wait "$pid" || true
    # Whatever the last kill left behind (a retry can itself end with failures under faults).
    for _ in 1 2 3; do
        [ "$("$BIN" queue --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 0 ] && break
        "$BIN" queue retry >/dev/null 2>>"$WORK/$label-run.log" || true
    done
    say "$label: drained in $((SECONDS - started)) s"
    check_once "$csv" "$label"
}

pending_csv 100 "$WORK/round1.csv" 0
run_with_kills "CLI, no faults" "$WORK/round1.csv" || FAILED=1

pending_csv 100 "$WORK/round2.csv" 0      # the first 100 are no longer pending
faults 0 0.2 0.1
run_with_kills "CLI, 20 % 500 + 10 % drops" "$WORK/round2.csv" || FAILED=1
faults 0 0 0

# Round 3: the TUI.
control GET /_sandbox/stats >"$WORK/before-tui.json"
tui_start tui 120 40
wait_for tui "SANDBOX"
wait_loaded tui
tui_bulk_pending tui 100
sleep $((8 + RANDOM % 15))
PID=$(tui_pid tui)
kill -9 "$PID"
say "TUI: kill -9 after the bulk was queued; landed so far: $(control GET /_sandbox/stats | python3 -c '
import json,sys
before = json.load(open(sys.argv[1]))["transitions"]; now = json.load(sys.stdin)["transitions"]
print(sum(1 for k in now if k not in before))' "$WORK/before-tui.json")/100"
tm kill-server
sleep 0.5
tui_start tui2 120 40
wait_for tui2 "SANDBOX"
started=$SECONDS
while true; do
    left=$("$BIN" queue --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    [ "$left" = 0 ] && break
    [ $((SECONDS - started)) -gt 300 ] && { say "TUI: outbox not drained after 300 s ($left left)"; FAILED=1; break; }
    sleep 1
done
say "TUI: restarted; outbox drained $((SECONDS - started)) s after the restart"
tm send-keys -t tui2 q
wait_exit tui2 >/dev/null || true
control GET /_sandbox/stats | python3 -c '
import json, sys
before = json.load(open(sys.argv[1]))["transitions"]; stats = json.load(sys.stdin); now = stats["transitions"]
new = {k: v for k, v in now.items() if k not in before}
grown = [k for k in before if len(now.get(k, [])) != len(before[k])]
once = sum(1 for v in new.values() if len(v) == 1)
limited = sum(stats.get("rate_limited", {}).values())
print(f"TUI: changed exactly once: {once}/100 (orders changed: {len(new)}, doubled {sum(1 for v in new.values() if len(v) > 1)}, earlier orders touched again {len(grown)}); 429s: {limited}")
sys.exit(0 if once == 100 and len(new) == 100 and not grown else 1)' "$WORK/before-tui.json" || FAILED=1

[ -z "${FAILED:-}" ] && echo "RESULT: pass" || { echo "RESULT: FAIL"; exit 1; }
