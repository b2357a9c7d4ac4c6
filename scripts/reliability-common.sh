# Shared by scripts/reliability-*.sh (sourced, not run). Builds orderdesk if needed, starts a
# sandbox in a temp dir, fills the cache, and drives the TUI in a private tmux server.
# Everything lives under $WORK and is removed on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -z "${ORDERDESK:-}" ]; then
    # `|| true`: an up-to-date build prints only "Build of product 'orderdesk' complete!", and a
    # grep with nothing to show would end the script here, silently (set -e, pipefail).
    (cd "$ROOT" && swift build --product orderdesk 2>&1 | { grep -E "error|Compiling|complete" || true; } | tail -3) >&2
    ORDERDESK="$(cd "$ROOT" && swift build --show-bin-path)/orderdesk"
fi
BIN=$ORDERDESK
WORK=$(mktemp -d /tmp/od-reliability.XXXXXX)
export XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config" HOME="$WORK/home" LANG=C.UTF-8 LC_ALL=C.UTF-8
mkdir -p "$XDG_STATE_HOME" "$XDG_CONFIG_HOME" "$HOME"
TMUX_SOCKET="$WORK/tmux.sock"
SANDBOX_PID=""
CLEANUP_PIDS=()

cleanup() {
    tmux -S "$TMUX_SOCKET" kill-server 2>/dev/null || true
    for pid in "${CLEANUP_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null || true
    if [ -n "${KEEP_WORK:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

say() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*"; }

machine() {
    echo "machine: $(nproc) cores, $(uname -sr), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -1 | sed 's/ (.*//')"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  load: $(cut -d' ' -f1-3 /proc/loadavg)  binary: $BIN"
}

# start_sandbox ORDERS SEED: runs `orderdesk sandbox` on a free port, exports ORDERDESK_SANDBOX_URL.
start_sandbox() {
    "$BIN" sandbox --port 0 --orders "${1:-3000}" --seed "${2:-1}" >"$WORK/sandbox.log" 2>&1 &
    SANDBOX_PID=$!
    for _ in $(seq 100); do grep -q listening "$WORK/sandbox.log" 2>/dev/null && break; sleep 0.1; done
    export ORDERDESK_SANDBOX_URL
    ORDERDESK_SANDBOX_URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/sandbox.log" | head -1)
    [ -n "$ORDERDESK_SANDBOX_URL" ] || { cat "$WORK/sandbox.log"; exit 1; }
    SANDBOX_URL=$ORDERDESK_SANDBOX_URL
}

# control METHOD PATH [JSON]: the sandbox's /_sandbox routes.
control() { curl -s -X "$1" "$SANDBOX_URL$2" ${3:+-H 'Content-Type: application/json' -d "$3"}; }
faults() { control POST /_sandbox/faults "{\"latency_ms\": ${1:-0}, \"error_rate\": ${2:-0}, \"drop_rate\": ${3:-0}, \"force_429\": false}" >/dev/null; }

# fill_cache: one report run over the last 179 days, imported into the cache.
fill_cache() {
    "$BIN" report run --from "$(date -u -d '-179 days' +%Y-%m-%dT%H:%M:%S)" --to "$(date -u +%Y-%m-%dT%H:%M:%S)" --wait \
        >/dev/null 2>"$WORK/report.log" || { tail -5 "$WORK/report.log"; exit 1; }
}

# pending_csv N FILE [SKIP]: a status-change CSV moving N cached pending orders to ready_to_ship.
pending_csv() {
    "$BIN" orders list --status pending --json >"$WORK/pending.json"
    python3 - "$WORK/pending.json" "$2" "$1" "${3:-0}" <<'PY'
import json, sys
orders = json.load(open(sys.argv[1]))
n, skip = int(sys.argv[3]), int(sys.argv[4])
chosen = orders[skip:skip + n]
assert len(chosen) == n, f"only {len(chosen)} pending orders"
with open(sys.argv[2], "w") as f:
    f.write("id_order,id_channel,status,carrier,items\n")
    for o in chosen:
        f.write(f"{o['id_order']},{o['id_channel']},ready_to_ship,DHL,\n")
PY
}

# check_once CSV [LABEL]: every row of CSV changed exactly once on the server (transitions in
# /_sandbox/stats), none missing, none doubled. Prints the counts; fails otherwise.
check_once() {
    control GET /_sandbox/stats >"$WORK/stats.json"
    python3 - "$1" "$WORK/stats.json" "${2:-}" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
stats = json.load(open(sys.argv[2]))
transitions = stats.get("transitions", {})
counts = [len(transitions.get(f"{r['id_channel']}/{r['id_order']}", [])) for r in rows]
once = sum(1 for c in counts if c == 1)
label = sys.argv[3] + ": " if sys.argv[3] else ""
print(f"{label}changed exactly once: {once}/{len(rows)} (missing {counts.count(0)}, doubled {sum(1 for c in counts if c > 1)}); "
      f"no-op resends answered 200: {stats.get('noop_status_puts')}; 429s: {sum(stats.get('rate_limited', {}).values())}")
sys.exit(0 if once == len(rows) else 1)
PY
}

# count_landed CSV: how many rows of CSV have at least one transition.
count_landed() {
    control GET /_sandbox/stats >"$WORK/landed.json"
    python3 - "$1" "$WORK/landed.json" <<'PY'
import csv, json, sys
transitions = json.load(open(sys.argv[2])).get("transitions", {})
rows = list(csv.DictReader(open(sys.argv[1])))
print(sum(1 for r in rows if transitions.get(r["id_channel"] + "/" + r["id_order"])))
PY
}

# --- tmux -----------------------------------------------------------------------------------
tm() { tmux -S "$TMUX_SOCKET" "$@"; }

# tui_start NAME WIDTH HEIGHT [ENV...]: orderdesk in a detached tmux session; its exit status
# goes to $WORK/NAME.status (tmux 3.3a may miss it otherwise).
tui_start() {
    local name=$1 width=$2 height=$3; shift 3
    local exports="export XDG_STATE_HOME='$XDG_STATE_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' HOME='$HOME' LANG=C.UTF-8 LC_ALL=C.UTF-8 ORDERDESK_SANDBOX_URL='${ORDERDESK_SANDBOX_URL:-}' NO_COLOR=;"
    for assignment in "$@"; do exports+=" export $assignment;"; done
    rm -f "$WORK/$name.status"
    tm start-server \; set-option -g remain-on-exit on \; \
        new-session -d -s "$name" -x "$width" -y "$height" "$exports '$BIN' 2>'$WORK/$name.stderr'; echo \$? > '$WORK/$name.status'"
}

screen() { tm capture-pane -p -t "$1"; }
screen_e() { tm capture-pane -p -e -t "$1"; }

# wait_for NAME TEXT [SECONDS]: until the pane shows TEXT.
wait_for() {
    local deadline=$((SECONDS + ${3:-30}))
    while ! screen "$1" | grep -qF -- "$2"; do
        if [ $SECONDS -ge $deadline ]; then echo "timed out waiting for '$2' in $1:" >&2; screen "$1" >&2; return 1; fi
        sleep 0.1
    done
}

# wait_loaded NAME [SECONDS]: until the title counts at least one order. The title reads
# "OrderDesk · 0 orders" while the list is still loading, so waiting for " orders" alone races
# the load (a key sent then acts on an empty list: the facet panel opens with no entries).
wait_loaded() {
    local deadline=$((SECONDS + ${2:-60}))
    while ! screen "$1" | head -1 | grep -qE -- '· [1-9][0-9,]* orders'; do
        if [ $SECONDS -ge $deadline ]; then echo "timed out waiting for the list to load in $1:" >&2; screen "$1" >&2; return 1; fi
        sleep 0.1
    done
}

# tui_pid NAME: the orderdesk process of the session (the shell's child).
tui_pid() { pgrep -P "$(tm display-message -p -t "$1" '#{pane_pid}')" -x orderdesk | head -1; }

wait_exit() {
    local deadline=$((SECONDS + ${2:-15}))
    while [ ! -s "$WORK/$1.status" ]; do [ $SECONDS -ge $deadline ] && return 1; sleep 0.1; done
    cat "$WORK/$1.status"
}

# tui_mark_pending_and_change NAME N: in the TUI, facet status=pending, mark the first N rows,
# change them all to ready_to_ship (the first allowed status) and confirm. Writes the marked
# rows to $WORK/NAME-marked.csv (from the outbox afterwards).
tui_bulk_pending() {
    local name=$1 n=$2
    tm send-keys -t "$name" f
    wait_for "$name" "pending"
    tm send-keys -t "$name" Space Escape                 # first facet entry: Status pending
    wait_for "$name" "[pending]"
    for _ in $(seq "$n"); do tm send-keys -t "$name" Space; done
    wait_for "$name" "$n marked" 30
    tm send-keys -t "$name" c
    wait_for "$name" "Items (" 60
    tm send-keys -t "$name" Enter
    wait_for "$name" "$n changes queued" 30
}
