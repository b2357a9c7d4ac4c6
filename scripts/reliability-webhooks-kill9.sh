#!/usr/bin/env bash
# quality.md: "webhook listener: ... kill -9 mid-burst → nothing lost"; issue 16: "notifications
# already answered 200 are still processed; the others are redelivered by the sandbox's retries
# and processed once".
#
# A burst (default 1,000 notifications for 300 orders) to `orderdesk webhooks serve`; the
# listener is killed with -9 KILLS times at random moments and restarted on the same port at
# once (the sandbox retries after 1, 2, 4, 8, 16 s). Checks: every delivery stored exactly once
# (received = notifications, unique delivery ids), none dropped by the sandbox, nothing pending,
# every order fresh.
# Usage: scripts/reliability-webhooks-kill9.sh [KILLS] [ORDERS] [NOTIFICATIONS]   (SEED=n)
source "$(dirname "$0")/reliability-common.sh"
source "$(dirname "$0")/webhooks-common.sh"
KILLS=${1:-3}
ORDERS=${2:-300}
NOTIFICATIONS=${3:-1000}
SEED=${SEED:-$RANDOM}
RANDOM=$SEED
machine
echo "random seed: $SEED"
start_sandbox 3000 1
start_listener 0
PORT=${LISTENER_URL##*:}
control POST /_sandbox/orders "{\"count\": $ORDERS, \"updates\": $((NOTIFICATIONS - ORDERS))}" \
    | python3 -c 'import json,sys; [print(o["id_channel"], o["id_order"]) for o in json.load(sys.stdin)["orders"]]' >"$WORK/ids.txt"
for kill in $(seq "$KILLS"); do
    # The first kill lands inside the burst itself (well under a second), the others mid-drain.
    if [ "$kill" = 1 ]; then wait_ms=$((RANDOM % 300)); else wait_ms=$((2000 + RANDOM % 20000)); fi
    sleep "$(python3 -c "print($wait_ms/1000)")"
    kill -9 "$LISTENER_PID"; wait "$LISTENER_PID" 2>/dev/null || true
    say "kill -9 #$kill after $wait_ms ms: inbox $(inbox | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["received"], "received,", s["pending"], "pending")')"
    start_listener "$PORT"
done
wait_drained "$NOTIFICATIONS" $((ORDERS + 200))
control GET /_sandbox/stats >"$WORK/stats.json"
STATE=$(ls "$XDG_STATE_HOME"/orderdesk/sandbox-*.sqlite | head -1)
python3 - "$WORK/stats.json" "$STATE" "$NOTIFICATIONS" <<'PY'
import json, sqlite3, sys
stats, db, expected = json.load(open(sys.argv[1])), sqlite3.connect(sys.argv[2]), int(sys.argv[3])
rows, distinct = db.execute("SELECT COUNT(*), COUNT(DISTINCT delivery_id) FROM webhook_notifications").fetchone()
pending = db.execute("SELECT COUNT(*) FROM webhook_notifications WHERE done_at IS NULL").fetchone()[0]
w = stats["webhooks"]
print(f"stored {rows} notifications ({distinct} distinct delivery ids) of {expected}; pending {pending}")
print(f"sandbox: delivered {w['sent']}, attempts not answered 2xx {w['failed']}, dropped {w['dropped']}; "
      f"GETs {stats['requests'].get('GET /yuju/orders/', 0)}; 429s {sum(stats['rate_limited'].values())}; report runs {stats['report_runs']}")
sys.exit(0 if rows == distinct == expected and pending == 0 and w["dropped"] == 0 else 1)
PY
check_fresh "$WORK/ids.txt"
