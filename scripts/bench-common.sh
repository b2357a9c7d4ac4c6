# Shared by scripts/bench-*.sh (source it; not run on its own).
# Sets ROOT, BIN (release orderdesk), WORK (temp dir, removed on exit), XDG dirs, and offers:
#   bench_start_sandbox ORDERS      `orderdesk sandbox` on a free port; exports ORDERDESK_SANDBOX_URL,
#                                   sets SANDBOX_PID and SANDBOX_SEED_S (seconds until it listened)
#   bench_fill_cache                two `report run --wait` (the sandbox's orders span 200 days, a run ≤ 180);
#                                   sets FILL_S (seconds of each run: download + import, end to end)
#   bench_cached_count              orders in the cache (sqlite3 on the state file; the CLI if no sqlite3)
#   bench_store_bytes               bytes of the state dir's sqlite files (-wal, -shm and the .list index included)
#   bench_visidata RUNS FILE ROWS   VisiData on FILE, interactive and batch (sets VD_* lists, VD_STOPPED)
#   bench_tmux ARGS...              tmux on a private socket (never touches other tmux servers)
#   bench_median N...               median of numbers
#   bench_rss PID                   "VmRSS VmHWM" in MiB from /proc/PID/status
# BENCH_RSS_DELAY (seconds, default 1.5): how long after the first frame VmRSS is read.
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
    local t0 t1
    t0=$(date +%s%N)
    "$BIN" sandbox --port 0 --orders "$orders" --seed 42 --report-delay-ms 200 >"$WORK/sandbox.log" 2>&1 &
    SANDBOX_PID=$!
    BENCH_PIDS+=($SANDBOX_PID)
    local tries=0
    # A million orders take a while to seed: up to 10 min.
    until grep -q listening "$WORK/sandbox.log" 2>/dev/null; do
        sleep 0.2; tries=$((tries + 1))
        [ $tries -lt 3000 ] || { cat "$WORK/sandbox.log" >&2; exit 1; }
        kill -0 "$SANDBOX_PID" 2>/dev/null || { echo "the sandbox ended:" >&2; cat "$WORK/sandbox.log" >&2; exit 1; }
    done
    t1=$(date +%s%N)
    SANDBOX_SEED_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", (b - a) / 1e9}')
    ORDERDESK_SANDBOX_URL=$(grep -o 'http://[0-9.:]*' "$WORK/sandbox.log" | head -1)
    export ORDERDESK_SANDBOX_URL
}

bench_fill_cache() {
    local now day=86400 t
    now=$(date +%s)
    t() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%S; }
    local a b
    FILL_S=()
    a=$(date +%s%N)
    "$BIN" report run --from "$(t $((now - 179 * day)))" --to "$(t "$now")" --wait >/dev/null 2>>"$WORK/report.log"
    b=$(date +%s%N); FILL_S+=("$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", (b - a) / 1e9}')")
    "$BIN" report run --from "$(t $((now - 358 * day)))" --to "$(t $((now - 179 * day - 1)))" --wait >/dev/null 2>>"$WORK/report.log"
    a=$(date +%s%N); FILL_S+=("$(awk -v a="$b" -v b="$a" 'BEGIN {printf "%.2f", (b - a) / 1e9}')")
}

# The cache's order count without loading it whole (at 1,000,000 orders `orders list --json` is
# ~1.4 GB, and parsing it in python takes minutes and GBs).
bench_cached_count() {
    local db
    db=$(ls "$XDG_STATE_HOME"/orderdesk/sandbox-*.sqlite 2>/dev/null | head -1)
    if command -v sqlite3 >/dev/null 2>&1 && [ -n "$db" ]; then
        sqlite3 -readonly "$db" 'SELECT count(*) FROM orders'
    else
        "$BIN" orders list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
    fi
}

bench_store_bytes() {
    local f total=0
    for f in "$XDG_STATE_HOME"/orderdesk/*.sqlite "$XDG_STATE_HOME"/orderdesk/*.sqlite-wal "$XDG_STATE_HOME"/orderdesk/*.sqlite-shm "$XDG_STATE_HOME"/orderdesk/*.sqlite.list; do
        [ -e "$f" ] && total=$((total + $(stat -c %s "$f")))
    done
    echo "$total"
}
bench_store_files() { (cd "$XDG_STATE_HOME/orderdesk" && ls -l --block-size=1 ./*.sqlite* 2>/dev/null | awk '{printf "%s %s; ", $NF, $5}'); }

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
        rm -f "$mark" "$t0" "$rc"   # a second call in one script must not read the first one's files
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
        sleep "${BENCH_RSS_DELAY:-1.5}"
        if [ ! -e "/proc/$pid/status" ]; then
            echo "orderdesk run $i ended within ${BENCH_RSS_DELAY:-1.5} s of its first frame (exit '$(cat "$rc" 2>/dev/null)'):" >&2
            bench_tmux capture-pane -p -t "od$i" >&2; cat "$WORK/tui-stderr.$i" >&2; return 1
        fi
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
        until [ -s "$rc" ]; do sleep 0.05; waited=$((waited + 1)); [ $waited -lt 1200 ] || break; done
        bench_tmux kill-session -t "od$i" 2>/dev/null || true
        [ "$(cat "$rc" 2>/dev/null)" = 0 ] || { echo "orderdesk run $i exited with '$(cat "$rc" 2>/dev/null)'" >&2; cat "$WORK/tui-stderr.$i" >&2; }
    done
}

# VmRSS in MiB of PID and all its descendants (VisiData runs under a shell in tmux).
bench_tree_rss() {
    local pid=$1 total=0 child
    for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
        total=$(awk -v a="$total" -v b="$(bench_tree_rss "$child")" 'BEGIN {print a + b}')
    done
    awk -v a="$total" '/^VmRSS/ {a += $2 / 1024} END {printf "%.1f\n", a}' "/proc/$pid/status" 2>/dev/null || echo "$total"
}

# bench_visidata RUNS FILE ROWS: VisiData on the same orders, as a person and as a batch job.
#   interactive — `vd FILE` in tmux at 120×40, timed from exec until the status line reads
#                 "ROWS rows" with no loading progress left (polled every 50 ms: ±50 ms); VmRSS
#                 1.5 s later;
#   batch       — `vd -b FILE` (loads synchronously, draws nothing, exits): wall time, peak RSS.
# "Up to where it fits": a run is stopped when VisiData's RSS passes BENCH_VD_MAX_MB (default
# 12000) or it takes longer than BENCH_VD_TIMEOUT seconds (default 600); VD_STOPPED then says
# where and why, and the remaining runs are skipped.
# Sets VD_INTER_MS, VD_INTER_RSS, VD_BATCH_MS, VD_BATCH_PEAK (lists; empty when stopped), VD_STOPPED.
bench_visidata() {
    local runs=$1 file=$2 rows=$3 i t0 t1 waited status pid rss elapsed
    local max_mb=${BENCH_VD_MAX_MB:-12000} timeout=${BENCH_VD_TIMEOUT:-600}
    local args=(--motd-url= --config=/dev/null)
    VD_INTER_MS=() VD_INTER_RSS=() VD_BATCH_MS=() VD_BATCH_PEAK=() VD_STOPPED=""
    echo "visidata interactive: $runs runs …" >&2
    for i in $(seq 1 "$runs"); do
        t0="$WORK/vd-t0.$i"
        bench_tmux new-session -d -s "vd$i" -x 120 -y 40 -e "HOME=$WORK/vdhome" -e "LANG=C.UTF-8" -e "LC_ALL=C.UTF-8" \
            "sh -c 'date +%s%N > $t0; exec $BENCH_RUN vd ${args[*]} $file'"
        pid=$(bench_tmux display-message -p -t "vd$i" '#{pane_pid}')
        waited=0
        while :; do
            sleep 0.05; waited=$((waited + 1))
            status=$(bench_tmux capture-pane -p -t "vd$i" | tail -1)
            if echo "$status" | grep -q " $rows rows" && ! echo "$status" | grep -q "%"; then
                t1=$(date +%s%N); break
            fi
            if [ $((waited % 20)) -eq 0 ]; then
                rss=$(bench_tree_rss "$pid")
                elapsed=$(awk -v a="$(cat "$t0")" -v b="$(date +%s%N)" 'BEGIN {printf "%.0f", (b - a) / 1e9}')
                if awk -v r="$rss" -v m="$max_mb" 'BEGIN {exit !(r > m)}' || [ "$elapsed" -gt "$timeout" ]; then
                    VD_STOPPED="interactive run $i stopped after ${elapsed} s at ${rss} MiB RSS (limits: ${max_mb} MiB, ${timeout} s); status line: $(echo "$status" | tr -s ' ' | cut -c1-100)"
                    bench_tmux kill-session -t "vd$i"
                    echo "$VD_STOPPED" >&2
                    return 0
                fi
            fi
        done
        VD_INTER_MS+=("$(awk -v a="$(cat "$t0")" -v b="$t1" 'BEGIN {printf "%.0f", (b - a) / 1e6}')")
        sleep 1.5
        VD_INTER_RSS+=("$(bench_tree_rss "$pid")")
        bench_tmux kill-session -t "vd$i"
    done

    echo "visidata batch: $runs runs …" >&2
    local tpid peak
    for i in $(seq 1 "$runs"); do
        /usr/bin/time -f "%e %M" -o "$WORK/vd-time.$i" env HOME="$WORK/vdhome" $BENCH_RUN vd -b "${args[@]}" "$file" >/dev/null 2>&1 </dev/null &
        tpid=$!
        t0=$(date +%s)
        while kill -0 "$tpid" 2>/dev/null; do
            sleep 1
            rss=$(bench_tree_rss "$tpid")
            elapsed=$(( $(date +%s) - t0 ))
            if awk -v r="$rss" -v m="$max_mb" 'BEGIN {exit !(r > m)}' || [ "$elapsed" -gt "$timeout" ]; then
                VD_STOPPED="batch run $i stopped after ${elapsed} s at ${rss} MiB RSS (limits: ${max_mb} MiB, ${timeout} s)"
                kill $(cat /proc/"$tpid"/task/*/children 2>/dev/null) 2>/dev/null || true
                wait "$tpid" 2>/dev/null || true
                echo "$VD_STOPPED" >&2
                return 0
            fi
        done
        wait "$tpid" || true
        read -r secs peak < <(tail -1 "$WORK/vd-time.$i")
        VD_BATCH_MS+=("$(awk -v s="$secs" 'BEGIN {printf "%.0f", s * 1000}')")
        VD_BATCH_PEAK+=("$(awk -v k="$peak" 'BEGIN {printf "%.1f", k / 1024}')")
    done
}
