# Shared by scripts/bench-*.sh (source it; not run on its own).
# Sets ROOT, BIN (release orderdesk), WORK (temp dir, removed on exit), XDG dirs, and offers:
#   bench_start_sandbox ORDERS      `orderdesk sandbox` on a free port; exports ORDERDESK_SANDBOX_URL
#   bench_fill_cache                two `report run --wait` (the sandbox's orders span 200 days, a run ≤ 180)
#   bench_tmux ARGS...              tmux on a private socket (never touches other tmux servers)
#   bench_median N...               median of numbers
#   bench_rss PID                   "VmRSS VmHWM" in MiB from /proc/PID/status
# BENCH_NICE=-10 (root only) runs the measured programs (OrderDesk, VisiData) at that priority, to
# shield them from other work on a shared machine; both sides of a comparison get the same.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d /tmp/orderdesk-bench.XXXXXX)
if [ -z "${ORDERDESK:-}" ]; then
    echo "building release orderdesk (swift build -c release --scratch-path .build-release) …" >&2
    (cd "$ROOT" && swift build -c release --scratch-path .build-release --product orderdesk >"$WORK/build.log" 2>&1) \
        || { tail -30 "$WORK/build.log" >&2; rm -rf "$WORK"; exit 1; }
    ORDERDESK="$ROOT/.build-release/release/orderdesk"
fi
BIN=$ORDERDESK
[ -x "$BIN" ] || { echo "no orderdesk binary at $BIN" >&2; rm -rf "$WORK"; exit 1; }
export XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config" LANG=C.UTF-8 LC_ALL=C.UTF-8
BENCH_TMUX_SOCKET="orderdesk-bench-$$"
BENCH_RUN=""
if [ -n "${BENCH_NICE:-}" ]; then BENCH_RUN="nice -n $BENCH_NICE "; fi
BENCH_PIDS=()
bench_cleanup() {
    tmux -L "$BENCH_TMUX_SOCKET" kill-server 2>/dev/null || true
    for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap bench_cleanup EXIT

bench_tmux() { tmux -L "$BENCH_TMUX_SOCKET" "$@"; }

bench_start_sandbox() {
    local orders=$1
    rm -f "$WORK/sandbox.log"
    "$BIN" sandbox --port 0 --orders "$orders" --seed 42 --report-delay-ms 200 >"$WORK/sandbox.log" 2>&1 &
    BENCH_PIDS+=($!)
    local tries=0
    until grep -q listening "$WORK/sandbox.log" 2>/dev/null; do
        sleep 0.2; tries=$((tries + 1))
        [ $tries -lt 600 ] || { cat "$WORK/sandbox.log" >&2; exit 1; }
    done
    ORDERDESK_SANDBOX_URL=$(grep -o 'http://[0-9.:]*' "$WORK/sandbox.log" | head -1)
    export ORDERDESK_SANDBOX_URL
}

bench_fill_cache() {
    local now day=86400 t
    now=$(date +%s)
    t() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%S; }
    "$BIN" report run --from "$(t $((now - 179 * day)))" --to "$(t "$now")" --wait >/dev/null 2>>"$WORK/report.log"
    "$BIN" report run --from "$(t $((now - 358 * day)))" --to "$(t $((now - 179 * day - 1)))" --wait >/dev/null 2>>"$WORK/report.log"
}

bench_median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# One line: commit, machine, load average (timings on a shared machine need it).
bench_context() {
    echo "${BENCH_NICE:+nice $BENCH_NICE, }commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- Sources Package.swift || echo '+uncommitted'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
}

bench_rss() { awk '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {printf "%.1f %.1f\n", r/1024, h/1024}' "/proc/$1/status"; }

# bench_orderdesk_tui RUNS: the real TUI, in tmux at 120×40, on the cache filled above. Each run:
# the shell notes the time, execs orderdesk; orderdesk (ORDERDESK_FIRST_FRAME_FILE) notes the time
# after it drew the first frame showing the loaded list; 1.5 s later VmRSS is read; `q` quits.
# On the last run, tmux pipe-pane counts the bytes the terminal receives for one-row moves.
# Sets OD_COLD_MS (list of ms), OD_RSS_MB, OD_HWM_MB (lists), OD_MOVE_BYTES (list), OD_FULL_BYTES.
bench_orderdesk_tui() {
    local runs=$1 i mark t0 t1 pid rc
    OD_COLD_MS=() OD_RSS_MB=() OD_HWM_MB=() OD_MOVE_BYTES=() OD_FULL_BYTES=""
    for i in $(seq 1 "$runs"); do
        mark="$WORK/first-frame.$i" t0="$WORK/t0.$i" rc="$WORK/rc.$i"
        bench_tmux new-session -d -s "od$i" -x 120 -y 40 \
            -e "ORDERDESK_FIRST_FRAME_FILE=$mark" -e "ORDERDESK_SANDBOX_URL=$ORDERDESK_SANDBOX_URL" \
            -e "XDG_STATE_HOME=$XDG_STATE_HOME" -e "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" -e "LANG=C.UTF-8" -e "LC_ALL=C.UTF-8" \
            -e "ORDERDESK_DATABASE_URL=${ORDERDESK_DATABASE_URL:-}" -e "ORDERDESK_DATABASE_PASSWORD=${ORDERDESK_DATABASE_PASSWORD:-}" \
            "sh -c 'date +%s%N > $t0; $BENCH_RUN\"$BIN\" 2>$WORK/tui-stderr.$i; echo \$? > $rc'"
        local waited=0
        until [ -s "$mark" ]; do
            sleep 0.01; waited=$((waited + 1))
            if [ $waited -gt 3000 ]; then bench_tmux capture-pane -p -t "od$i" >&2; cat "$WORK/tui-stderr.$i" >&2; return 1; fi
        done
        read -r t1 pid <"$mark"
        OD_COLD_MS+=("$(awk -v a="$(cat "$t0")" -v b="$t1" 'BEGIN {printf "%.1f", (b - a) / 1e6}')")
        sleep 1.5
        read -r rss hwm < <(bench_rss "$pid")
        OD_RSS_MB+=("$rss") OD_HWM_MB+=("$hwm")
        if [ "$i" -eq "$runs" ]; then
            local pipe="$WORK/pty.bytes" before after k
            : >"$pipe"
            bench_tmux pipe-pane -t "od$i" -o "cat >> $pipe"
            sleep 0.5
            for k in $(seq 1 12); do
                before=$(stat -c %s "$pipe"); bench_tmux send-keys -t "od$i" j; sleep 0.25
                after=$(stat -c %s "$pipe"); OD_MOVE_BYTES+=($((after - before)))
            done
            before=$(stat -c %s "$pipe"); bench_tmux resize-window -t "od$i" -x 120 -y 41; sleep 0.5
            after=$(stat -c %s "$pipe"); OD_FULL_BYTES=$((after - before))
            bench_tmux pipe-pane -t "od$i"
        fi
        bench_tmux send-keys -t "od$i" q
        waited=0
        until [ -s "$rc" ]; do sleep 0.05; waited=$((waited + 1)); [ $waited -lt 400 ] || break; done
        bench_tmux kill-session -t "od$i" 2>/dev/null || true
        [ "$(cat "$rc" 2>/dev/null)" = 0 ] || { echo "orderdesk run $i exited with '$(cat "$rc" 2>/dev/null)'" >&2; cat "$WORK/tui-stderr.$i" >&2; }
    done
}
