#!/usr/bin/env bash
# quality.md: "webhooks: 1,000 notifications for 300 orders → 300 GETs (coalesced), 0 × 429,
# 0 report runs", and issue 16's drain time "within 5 % of what 300 GETs at 2 req/s allow".
#
# `orderdesk sandbox` and `orderdesk webhooks serve` as two processes. The sandbox creates
# ORDERS new orders and then touches them NOTIFICATIONS - ORDERS times in turn
# (`POST /_sandbox/orders {"count", "updates"}`), each a notification sent as fast as it can.
# Then: the listener's inbox (`orderdesk webhooks status --json`), the sandbox's stats, and one
# report run afterwards to check every order is fresh in the store.
# Usage: scripts/webhooks-burst.sh [ORDERS] [NOTIFICATIONS]   (ORDERDESK=path to skip the build)
source "$(dirname "$0")/reliability-common.sh"
source "$(dirname "$0")/webhooks-common.sh"
ORDERS=${1:-300}
NOTIFICATIONS=${2:-1000}
machine
start_sandbox 3000 1
start_listener 0
say "listener $LISTENER_URL; burst: $NOTIFICATIONS notifications for $ORDERS new orders"
control POST /_sandbox/orders "{\"count\": $ORDERS, \"updates\": $((NOTIFICATIONS - ORDERS))}" \
    | python3 -c 'import json,sys; [print(o["id_channel"], o["id_order"]) for o in json.load(sys.stdin)["orders"]]' >"$WORK/ids.txt"
started=$SECONDS
wait_drained "$NOTIFICATIONS" $((ORDERS + 120))
say "drained after ~$((SECONDS - started)) s (wall clock, polled each second)"
control GET /_sandbox/stats >"$WORK/stats.json"
inbox >"$WORK/inbox.json"
python3 - "$WORK/stats.json" "$WORK/inbox.json" "$ORDERS" <<'PY'
import json, sys
stats, inbox, orders = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
gets = stats["requests"].get("GET /yuju/orders/", 0)
ideal = (orders - 1) / 2
print(f"notifications received {inbox['received']} (sandbox: sent {stats['webhooks']['sent']}, failed attempts {stats['webhooks']['failed']}, dropped {stats['webhooks']['dropped']})")
print(f"orders {inbox['orders']}; one-order GETs {gets} (inbox: {inbox['gets']}; orders notified again after their GET left: {inbox['ordersNotifiedAgain']}; needless GETs: {inbox['needlessGets']})")
print(f"429s: {sum(stats['rate_limited'].values())}; report runs: {stats['report_runs']}")
print(f"drain: {inbox['drainSeconds']:.1f} s (first notification received → last order stored); "
      f"{orders} GETs at 2 req/s allow {ideal:.1f} s: ratio {inbox['drainSeconds'] / ideal:.3f}")
ok = inbox["pending"] == 0 and inbox["needlessGets"] == 0 and sum(stats["rate_limited"].values()) == 0 and stats["report_runs"] == 0 \
     and inbox["drainSeconds"] <= ideal * 1.05 + 0.5 * inbox["ordersNotifiedAgain"] + 0.5
sys.exit(0 if ok else 1)
PY
check_fresh "$WORK/ids.txt"
