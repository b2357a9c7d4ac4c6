#!/usr/bin/env bash
# The scale curve of issue 17: for each cache size, on the sandbox's own seeded orders (seed 42),
#   - cold start → first full frame of the real TUI (release, tmux 120×40), every run + median;
#   - VmRSS with the list open (BENCH_RSS_DELAY s after the first frame, default 3) and VmHWM;
#   - the two `report run --wait` that fill the cache (download + import, end to end, CLI);
#   - the store on disk (the state dir's sqlite files, -wal and -shm included);
#   - in process (OrderDeskBench --skip-filters --json): p99 of move, page and filter keystroke
#     (accent-folded words typed and erased, key → frame and update alone), and the import of the
#     complete report files (every file into one fresh store, several rounds);
#   - with VISIDATA=1, VisiData on the same orders exported as JSON, up to where it fits
#     (bench_visidata in bench-common.sh stops it past BENCH_VD_MAX_MB or BENCH_VD_TIMEOUT).
# Usage: scripts/bench-scale.sh [SIZES...]            (default: 10000 100000 1000000)
#   ORDERDESK=path   the release orderdesk (else built into .build-release)
#   BENCH=path       the release OrderDeskBench (else built into .build-release)
#   COLD_RUNS=N      cold starts per size (default 7, and 5 from 1,000,000 orders on)
#   ROUNDS=N         OrderDeskBench rounds per size (default 5, and 3 from 1,000,000 on)
#   VISIDATA=1       also VisiData (VD_RUNS, default 3, 1 from 1,000,000 on); pip-installs it if missing
#   BENCH_OUT=dir    keep each size's raw OrderDeskBench JSON and the sandbox log there
# Everything else (temp XDG dirs, private tmux socket, sandboxes) is removed at the end.
if [ "${VISIDATA:-0}" = 1 ] && ! command -v vd >/dev/null 2>&1; then
    echo "installing VisiData (pip install visidata) …" >&2
    python3 -m pip install --quiet visidata >&2
fi
source "$(dirname "$0")/bench-common.sh"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000 1000000)
export BENCH_RSS_DELAY=${BENCH_RSS_DELAY:-3}
if [ -z "${BENCH:-}" ]; then
    echo "building release OrderDeskBench (swift build -c release --scratch-path .build-release) …" >&2
    (cd "$ROOT" && swift build -c release --scratch-path .build-release --product OrderDeskBench >"$WORK/build-bench.log" 2>&1) \
        || { tail -30 "$WORK/build-bench.log" >&2; exit 1; }
    BENCH="$ROOT/.build-release/release/OrderDeskBench"
fi
[ -x "$BENCH" ] || { echo "no OrderDeskBench binary at $BENCH" >&2; exit 1; }
[ -z "${BENCH_OUT:-}" ] || mkdir -p "$BENCH_OUT"

echo "scale curve: ${SIZES[*]} orders; orderdesk $BIN, OrderDeskBench $BENCH"
echo "$(bench_context)"
SUMMARY=()
for N in "${SIZES[@]}"; do
    big=$([ "$N" -ge 1000000 ] && echo 1 || echo 0)
    cold_runs=${COLD_RUNS:-$([ $big = 1 ] && echo 5 || echo 7)}
    rounds=${ROUNDS:-$([ $big = 1 ] && echo 3 || echo 5)}
    vd_runs=${VD_RUNS:-$([ $big = 1 ] && echo 1 || echo 3)}
    export XDG_STATE_HOME="$WORK/state-$N"
    echo ""
    echo "== $N orders == $(date -u +%H:%M:%SZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "sandbox with $N orders …" >&2
    bench_start_sandbox "$N"
    read -r sb_rss _ < <(bench_rss "$SANDBOX_PID")
    echo "filling the cache: two report run --wait …" >&2
    bench_fill_cache
    read -r sb_rss2 sb_hwm < <(bench_rss "$SANDBOX_PID")
    CACHED=$(bench_cached_count)
    [ "$CACHED" = "$N" ] || { echo "cache holds $CACHED orders, not $N" >&2; exit 1; }
    store=$(bench_store_bytes)
    echo "sandbox: seeded and listening in $SANDBOX_SEED_S s, VmRSS $sb_rss MiB; after serving both reports VmRSS $sb_rss2 MiB, VmHWM $sb_hwm MiB"
    echo "cache fill (report run --wait: download + import, CLI), s: ${FILL_S[*]}; total $(awk -v a="${FILL_S[0]}" -v b="${FILL_S[1]}" 'BEGIN {printf "%.2f", a + b}')"
    echo "store on disk: $store bytes ($(awk -v b="$store" 'BEGIN {printf "%.1f", b / 1048576}') MiB): $(bench_store_files)"

    echo "orderdesk TUI: $cold_runs cold starts (load $(cut -d' ' -f1 /proc/loadavg)) …" >&2
    load_tui=$(cut -d' ' -f1-3 /proc/loadavg)
    bench_orderdesk_tui "$cold_runs"
    cold=$(bench_median "${OD_COLD_MS[@]}") rss=$(bench_median "${OD_RSS_MB[@]}")
    echo "cold start → first full frame, ms (load $load_tui): median $cold of ${OD_COLD_MS[*]}"
    echo "VmRSS ${BENCH_RSS_DELAY} s after the first frame, MiB: median $rss of ${OD_RSS_MB[*]}; VmHWM: ${OD_HWM_MB[*]}"
    echo "bytes on the pty per one-row move: median $(bench_median "${OD_MOVE_BYTES[@]}")"

    vd_line="not run (VISIDATA=1)"
    if [ "${VISIDATA:-0}" = 1 ]; then
        echo "exporting the orders as JSON for VisiData …" >&2
        "$BIN" orders list --json >"$WORK/orders.json"
        json_mb=$(awk -v b="$(stat -c %s "$WORK/orders.json")" 'BEGIN {printf "%.1f", b / 1048576}')
        bench_visidata "$vd_runs" "$WORK/orders.json" "$N"
        if [ -n "$VD_STOPPED" ]; then
            vd_line="did not fit: $VD_STOPPED"
        else
            vd_line="interactive $(bench_median "${VD_INTER_MS[@]}") ms (${VD_INTER_MS[*]}), VmRSS $(bench_median "${VD_INTER_RSS[@]}") MiB (${VD_INTER_RSS[*]}); batch $(bench_median "${VD_BATCH_MS[@]}") ms (${VD_BATCH_MS[*]}), peak $(bench_median "${VD_BATCH_PEAK[@]}") MiB (${VD_BATCH_PEAK[*]})"
        fi
        echo "VisiData on orders.json ($json_mb MiB, orders list --json): $vd_line"
        rm -f "$WORK/orders.json"
    fi
    # The sandbox and the filled cache are done with: free their memory and disk before the
    # in-process bench seeds its own.
    [ -z "${BENCH_OUT:-}" ] || cp "$WORK/sandbox.log" "$BENCH_OUT/sandbox-$N.log"
    kill "$SANDBOX_PID" 2>/dev/null || true
    wait "$SANDBOX_PID" 2>/dev/null || true
    rm -rf "$XDG_STATE_HOME"

    echo "OrderDeskBench --orders $N --rounds $rounds --skip-filters --json (load $(cut -d' ' -f1 /proc/loadavg)) …" >&2
    json="$WORK/bench-$N.json"
    /usr/bin/time -f "%e %M" -o "$WORK/bench-time-$N" $BENCH_RUN "$BENCH" --orders "$N" --rounds "$rounds" --skip-filters --json >"$json" 2>"$WORK/bench-$N.log" \
        || { cat "$WORK/bench-$N.log" >&2; exit 1; }
    [ -z "${BENCH_OUT:-}" ] || cp "$json" "$WORK/bench-$N.log" "$BENCH_OUT/"
    read -r bench_secs bench_kib < <(tail -1 "$WORK/bench-time-$N")
    line=$(python3 - "$json" "$N" "$cold" "$rss" "$store" "$bench_secs" "$bench_kib" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n, cold, rss, store, secs, kib = sys.argv[2:8]
k = d["keypress_ms"]
def p99(name):
    s = k[name]
    return "%.3f (rounds %s)" % (s["p99"], " ".join("%.3f" % x for x in s["p99_rounds"]))
imp = d["import"]
print("in process (OrderDeskBench, load %s at start, %s at end; %s s wall, peak RSS %.0f MiB):" % (
    d["machine"]["load_at_start"], d["load_at_end"], secs, int(kib) / 1024))
print("  move one row p99 ms:           " + p99("move one row (j/k within the page)"))
print("  scroll one row p99 ms:         " + p99("scroll one row (j/k at the page edge)"))
print("  page p99 ms:                   " + p99("page (PgDn/PgUp)"))
print("  filter keystroke → frame p99:  " + p99("filter keystroke → frame") + "; p50 %.3f" % k["filter keystroke → frame"]["p50"])
print("  filter keystroke, update p99:  " + p99("filter keystroke, update only"))
print("  import of %d report files (%.1f MiB, %d orders) into a fresh store, s: median %.2f of %s; CPU s %s" % (
    imp["report_files"], imp["report_bytes"] / 1048576, imp["orders"], imp["median_seconds"],
    " ".join("%.2f" % x for x in imp["seconds"]), " ".join("%.2f" % x for x in imp["cpu_seconds"])))
print("  store after import (with the list index): %.1f MiB; listLoaded ms %s" % (
    imp["store_bytes"] / 1048576, " ".join("%.0f" % x for x in d["index_build_ms"])))
pieces = d.get("cold_start_pieces_ms", {})
if pieces:
    print("  cold-start pieces ms: openList %s; listLoaded %s; first frame %s" % tuple(
        " ".join("%.1f" % x for x in pieces[p]) for p in ("open_list", "index_build", "first_frame")))
row = [n, cold, rss, "%.3f" % k["move one row (j/k within the page)"]["p99"], "%.3f" % k["page (PgDn/PgUp)"]["p99"],
       "%.2f" % k["filter keystroke → frame"]["p99"], "%.2f" % k["filter keystroke, update only"]["p99"],
       "%.2f" % imp["median_seconds"], "%.1f" % (int(store) / 1048576)]
print("ROW " + "|".join(row))
PY
)
    echo "$line" | grep -v '^ROW '
    SUMMARY+=("$(echo "$line" | sed -n 's/^ROW //p')")
done

echo ""
echo "summary (medians; p99 = median of the rounds' p99; $(bench_context))"
printf '%-9s | %-11s | %-9s | %-12s | %-12s | %-16s | %-16s | %-11s | %-9s\n' orders "cold ms" "RSS MiB" "move p99 ms" "page p99 ms" "filter→frame p99" "filter upd p99" "import s" "store MiB"
for row in "${SUMMARY[@]}"; do
    IFS='|' read -r n cold rss move page filt upd imp store <<<"$row"
    printf '%-9s | %-11s | %-9s | %-12s | %-12s | %-16s | %-16s | %-11s | %-9s\n' "$n" "$cold" "$rss" "$move" "$page" "$filt" "$upd" "$imp" "$store"
    if [ "$n" -ge 1000000 ]; then
        awk -v c="$cold" -v r="$rss" -v m="$move" -v p="$page" -v f="$filt" -v i="$imp" -v n="$n" 'BEGIN {
            printf "targets at %d orders (issue 17): cold start %s ms < 200: %s; RSS %s MiB < 250 MB (%.1f MB): %s; filter p99 %s ms < 16: %s; move %s / page %s ms < 1: %s; import %s s < 20: %s\n",
                n, c, (c < 200 ? "pass" : "MISS"), r, r * 1.048576, (r * 1.048576 < 250 ? "pass" : "MISS"), f, (f < 16 ? "pass" : "MISS"),
                m, p, (m < 1 && p < 1 ? "pass" : "MISS"), i, (i < 20 ? "pass" : "MISS") }'
    fi
done
