# Shared by scripts/webhooks-*.sh (sourced after reliability-common.sh): the webhook listener
# (`orderdesk webhooks serve`) against an `orderdesk sandbox`, both separate processes as in
# production, sharing one state file through ORDERDESK_SANDBOX_URL.
export ORDERDESK_WEBHOOK_SECRET="bench-secret-$RANDOM$RANDOM"
LISTENER_PID=""

# start_listener [PORT]: `orderdesk webhooks serve` on 127.0.0.1:PORT (0: a free one); sets
# LISTENER_URL and registers it with the sandbox.
start_listener() {
    local port=${1:-0}
    : >"$WORK/listener.log"
    "$BIN" webhooks serve --listen "127.0.0.1:$port" >>"$WORK/listener.log" 2>>"$WORK/listener.err" &
    LISTENER_PID=$!
    CLEANUP_PIDS+=("$LISTENER_PID")
    for _ in $(seq 200); do grep -q listening "$WORK/listener.log" 2>/dev/null && break; sleep 0.05; done
    LISTENER_URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/listener.log" | head -1)
    [ -n "$LISTENER_URL" ] || { cat "$WORK/listener.log" "$WORK/listener.err"; exit 1; }
    control POST /_sandbox/webhooks "{\"url\": \"$LISTENER_URL/webhooks/yuju\", \"secret\": \"$ORDERDESK_WEBHOOK_SECRET\"}" >/dev/null
}

inbox() { "$BIN" webhooks status --json; }

# wait_drained RECEIVED SECONDS: until the inbox holds RECEIVED notifications, none pending.
wait_drained() {
    local deadline=$((SECONDS + $2))
    while [ $SECONDS -lt $deadline ]; do
        if inbox | python3 -c "import json,sys; s=json.load(sys.stdin); sys.exit(0 if s['received']>=$1 and s['pending']==0 else 1)"; then return 0; fi
        sleep 1
    done
    echo "not drained after $2 s: $(inbox)" >&2
    return 1
}

# check_fresh IDS_FILE: every order of IDS_FILE (one "id_channel id_order" per line) is in the
# store as the sandbox has it now. Asked with one report run made after the burst (its polls
# and file are outside the measurement).
check_fresh() {
    local state
    state=$(ls "$XDG_STATE_HOME"/orderdesk/sandbox-*.sqlite | head -1)
    python3 - "$1" "$SANDBOX_URL" "$state" <<'PY'
import json, sqlite3, sys, time, urllib.request
ids = [line.split() for line in open(sys.argv[1]) if line.strip()]
base, db = sys.argv[2], sqlite3.connect(sys.argv[3])
def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None,
                                 headers={"Authorization": "sandbox-token", "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))
created = call("POST", "/yuju/std-orders-report?return_type=complete", {"filters": {"order_ids": [i for _, i in ids]}})
while True:
    time.sleep(1)
    progress = call("GET", f"/yuju/std-orders-report/{created['id_report']}")
    if progress["status"] == "COMPLETED": break
truth = {o["id_order"]: o for o in json.load(urllib.request.urlopen(progress["url"]))}
stale = []
for channel, order in ids:
    row = db.execute("SELECT raw FROM orders WHERE id_channel = ? AND id_order = ?", (int(channel), order)).fetchone()
    mine = json.loads(row[0]) if row else None
    want = truth[order]
    if not mine or any(mine.get(f) != want.get(f) for f in ("status", "notes", "order_updated_at")): stale.append(order)
print(f"fresh in the store: {len(ids) - len(stale)}/{len(ids)}" + (f"; stale: {stale[:5]}" if stale else ""))
sys.exit(1 if stale else 0)
PY
}
