#!/usr/bin/env bash
# Issue 13, "Operator efficiency, measured": replays three everyday tasks in the real TUI (tmux,
# 120×40, a sandbox of 3,000 orders) and counts the keys each takes, typed text apart. Each task
# is checked afterwards against the cache or the screen, so a count for a task that did not
# happen is never printed as met.
#   (a) one pending order to shipped with a carrier and 2 of its 3 items      target ≤ 8 keys
#   (b) 20 orders found by a filter, to ready_to_ship with a carrier          target ≤ 12 keys
#   (c) an order found by a customer name typed without accents, opened,
#       with its latest outbound read                                         target ≤ 4 keys
# The orders are picked from the sandbox's data (seed 42) by what each task needs, through the
# CLI's own search, not hard-coded.
# Usage: scripts/keystrokes.sh   (ORDERDESK=path to skip the release build)
source "$(dirname "$0")/bench-common.sh"

echo "sandbox with 3,000 orders, filling the cache …" >&2
bench_start_sandbox 3000
bench_fill_cache
"$BIN" orders list --json >"$WORK/orders.json"

# --- picking the orders -----------------------------------------------------------------------
# (a) the newest pending order with exactly three item lines.
read -r A_CHANNEL A_ID < <(python3 - "$WORK/orders.json" <<'EOF'
import json, sys
orders = json.load(open(sys.argv[1]))
pick = next(o for o in orders if o["status"] == "pending" and len(o.get("items") or []) == 3)
print(pick["id_channel"], pick["id_order"])
EOF
)
# (b) a search word whose pending matches number exactly 20: candidates from the customers'
# names, checked with the CLI's own matching (accents, e-mail, phone digits, SKU…).
B_QUERY=""
while read -r word; do
    n=$("$BIN" orders list --status pending --search "$word" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    if [ "$n" = 20 ]; then B_QUERY=$word; break; fi
done < <(python3 - "$WORK/orders.json" <<'EOF'
import json, sys, unicodedata
def fold(s): return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if unicodedata.category(c) != "Mn")
orders = json.load(open(sys.argv[1]))
def name(o): c = o.get("customer") or {}; return fold(f'{c.get("first_name") or ""} {c.get("last_name") or ""}')
def text(o):
    c = o.get("customer") or {}
    return " ".join([o["id_order"], name(o), fold(c.get("email") or ""), c.get("phone") or "", *[fold(i.get("sku") or "") for i in o.get("items") or []]])
pending = [text(o) for o in orders if o["status"] == "pending"]
# Pieces of customers' names that end with a whole word ("a quinones": Ana, María… Quiñones).
words = {n[a:] for n in map(name, orders) for a in range(len(n)) if len(n) - a >= 6 and (a == 0 or n[a - 1] == " " or n[a] != " ")}
counted = sorted(((abs(sum(w in t for t in pending) - 20), w) for w in words))
print("\n".join(w for _, w in counted[:40]))
EOF
)
[ -n "$B_QUERY" ] || { echo "keystrokes: no search word with exactly 20 pending orders in this data" >&2; exit 1; }
# (c) a customer with an accent in the name, typed plainly: the newest of their orders (the
# list's first match) must have outbound records (the GET is the sandbox's).
C_QUERY="" C_ID="" C_CHANNEL="" C_LATEST=""
while read -r query; do
    read -r channel id < <("$BIN" orders list --search "$query" --json | python3 -c '
import json, sys
orders = sorted(json.load(sys.stdin), key=lambda o: o.get("payment_accredited_at") or "", reverse=True)
print(orders[0]["id_channel"], orders[0]["id_order"])')
    latest=$("$BIN" outbound list "$id" --channel "$channel" --json | python3 -c '
import json, sys
records = json.load(sys.stdin)
print(max(records, key=lambda r: r["created_at"])["message"] if records else "")')
    if [ -n "$latest" ]; then C_QUERY=$query C_ID=$id C_CHANNEL=$channel C_LATEST=$latest; break; fi
done < <(python3 - "$WORK/orders.json" <<'EOF'
import json, sys, unicodedata
def fold(s): return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if unicodedata.category(c) != "Mn")
seen = set()
for o in json.load(open(sys.argv[1])):
    c = o.get("customer") or {}
    name = f'{c.get("first_name") or ""} {c.get("last_name") or ""}'
    if fold(name) != name.lower() and fold(name).replace(" ", "").isalpha() and fold(name) not in seen:
        seen.add(fold(name))
        print(fold(name))
EOF
)
[ -n "$C_ID" ] || { echo "keystrokes: no accented customer whose newest order has outbound records" >&2; exit 1; }

# --- the TUI ----------------------------------------------------------------------------------
bench_tmux new-session -d -s keys -x 120 -y 40 \
    -e "ORDERDESK_SANDBOX_URL=$ORDERDESK_SANDBOX_URL" -e "XDG_STATE_HOME=$XDG_STATE_HOME" \
    -e "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" -e "LANG=C.UTF-8" -e "LC_ALL=C.UTF-8" "$BIN"
screen() { bench_tmux capture-pane -p -t keys; }
wait_for() {   # wait_for TEXT [SECONDS]
    local tries=0 limit=$(( ${2:-20} * 10 ))
    until screen | grep -qF -- "$1"; do
        sleep 0.1; tries=$((tries + 1))
        [ $tries -lt $limit ] || { echo "keystrokes: '$1' never appeared:" >&2; screen >&2; exit 1; }
    done
}
wait_for "3,000 orders"

KEYS=() TYPED=()
key() { bench_tmux send-keys -t keys "$1"; KEYS+=("$2"); sleep 0.3; }
type_text() { bench_tmux send-keys -t keys -l "$1"; TYPED+=("\"$1\""); sleep 0.4; }
reset_list() { bench_tmux send-keys -t keys Escape; sleep 0.3; bench_tmux send-keys -t keys Escape; sleep 0.3; bench_tmux send-keys -t keys g; sleep 0.3; }
ROWS=()
record() {   # record TASK TARGET
    local n=${#KEYS[@]} met=no
    [ "$n" -le "$2" ] && met=yes
    ROWS+=("| $1 | **$n** | $2 | $met | \`${KEYS[*]}\` | ${TYPED[*]} |")
    KEYS=() TYPED=()
}

# (a)
key / "/"; type_text "$A_ID"; key Enter Enter; key c c
key Down "↓"; key Tab Tab; type_text "DHL"; key Tab Tab; key Space Space; key Enter Enter
wait_for "2 accepted, 0 failed" 30
record "(a) $A_CHANNEL/$A_ID: pending → shipped, carrier, 2 of 3 items" 8
python3 - <<EOF || exit 1
import json, subprocess
order = json.loads(subprocess.check_output(["$BIN", "orders", "show", "$A_ID", "--channel", "$A_CHANNEL", "--json"]))
statuses = sorted(i["status"] for i in order["items"])
assert statuses == ["pending", "shipped", "shipped"], f"(a) items are {statuses}"
assert order.get("carrier") == "DHL", f"(a) carrier is {order.get('carrier')}"
EOF
bench_tmux send-keys -t keys Escape; sleep 0.3; reset_list

# (b)
key f f; key Space Space; key Escape Esc; key / "/"; type_text "$B_QUERY"; key Enter Enter
wait_for "20 / 3,000 orders"
key C-a Ctrl-A; key c c; key Tab Tab; type_text "DHL"; key Enter Enter
wait_for "20 accepted, 0 failed" 60
record "(b) 20 pending orders matching \"$B_QUERY\" → ready_to_ship, carrier" 12
left=$("$BIN" orders list --status pending --search "$B_QUERY" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
ready=$("$BIN" orders list --status ready_to_ship --search "$B_QUERY" --json | python3 -c 'import json,sys; print(sum(o.get("carrier") == "DHL" for o in json.load(sys.stdin)))')
[ "$left" = 0 ] && [ "$ready" -ge 20 ] || { echo "keystrokes: (b) left $left pending, $ready ready_to_ship with DHL" >&2; screen >&2; exit 1; }
bench_tmux send-keys -t keys Escape; sleep 0.3; reset_list
bench_tmux send-keys -t keys f Space Escape; sleep 0.5   # the status facet off again

# (c)
key / "/"; type_text "$C_QUERY"; key Enter Enter; key Enter Enter
wait_for "Order $C_CHANNEL/$C_ID"
wait_for "${C_LATEST:0:30}" 10
record "(c) \"$C_QUERY\" → $C_CHANNEL/$C_ID opened, latest outbound on screen" 4
screen >"$WORK/c-screen.txt"

bench_tmux send-keys -t keys q q; sleep 0.5
echo "orderdesk ($BIN) — keystrokes per task, tmux 120×40, sandbox seed 42, 3,000 orders; $(bench_context)"
echo "| task | keys | target | met | keys pressed | typed text |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${ROWS[@]}"
