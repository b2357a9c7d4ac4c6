#!/usr/bin/env bash
# OrderDesk vs VisiData, side by side in one run, on the same orders (ORDERS, default 100,000):
#   OrderDesk: the release TUI on its filled cache, cold start to the first full frame and VmRSS
#              with the list open (scripts/bench-common.sh, bench_orderdesk_tui).
#   VisiData:  the same orders exported with `orderdesk orders list --json`, opened two ways:
#     interactive — `vd orders.json` in tmux at 120×40 (as a person would), timed from exec until
#                   the status line reads "ORDERS rows" with no loading progress left (polled
#                   every 50 ms, so ±50 ms), VmRSS 1.5 s later;
#     batch       — `vd -b orders.json` (loads the sheet synchronously, draws nothing, exits):
#                   wall time and peak RSS from /usr/bin/time. A floor for VisiData's load.
#   The ratios use the faster (batch or interactive) VisiData time and the smaller VisiData RSS,
#   so they are never flattering to OrderDesk.
# Usage: scripts/bench-vs-visidata.sh [ORDERDESK_RUNS] [VISIDATA_RUNS]   (defaults 7 and 3;
#        ORDERS=100000; BENCH_NICE=-10 to shield both from other work, see bench-common.sh;
#        VisiData is stopped past BENCH_VD_MAX_MB MiB or BENCH_VD_TIMEOUT s, and the script says so)
# Installs VisiData with pip if `vd` is missing. The motd fetch is disabled (--motd-url=).
if ! command -v vd >/dev/null 2>&1; then
    echo "installing VisiData (pip install visidata) …" >&2
    python3 -m pip install --quiet visidata >&2
fi
source "$(dirname "$0")/bench-common.sh"
OD_RUNS=${1:-7}
VD_RUNS=${2:-3}
ORDERS=${ORDERS:-100000}

echo "sandbox with $ORDERS orders, filling the cache with two report runs …" >&2
bench_start_sandbox "$ORDERS"
bench_fill_cache
"$BIN" orders list --json >"$WORK/orders.json"
CACHED=$(bench_cached_count)
[ "$CACHED" = "$ORDERS" ] || { echo "exported $CACHED orders, not $ORDERS" >&2; exit 1; }
JSON_MB=$(awk -v b="$(stat -c %s "$WORK/orders.json")" 'BEGIN {printf "%.1f", b / 1048576}')

echo "orderdesk TUI: $OD_RUNS cold starts …" >&2
bench_orderdesk_tui "$OD_RUNS"

bench_visidata "$VD_RUNS" "$WORK/orders.json" "$ORDERS"
if [ -n "$VD_STOPPED" ]; then
    echo "same $CACHED orders: OrderDesk cache vs orders.json ($JSON_MB MiB); $(vd --version | head -1)"
    echo "$(bench_context)"
    printf '%-44s %10s   %s\n' "OrderDesk cold start → first full frame" "$(bench_median "${OD_COLD_MS[@]}") ms" "runs: ${OD_COLD_MS[*]}"
    printf '%-44s %10s   %s\n' "OrderDesk VmRSS, list open" "$(bench_median "${OD_RSS_MB[@]}") MiB" "runs: ${OD_RSS_MB[*]}"
    echo "VisiData did not fit: $VD_STOPPED"
    exit 0
fi

od_cold=$(bench_median "${OD_COLD_MS[@]}")
od_rss=$(bench_median "${OD_RSS_MB[@]}")
vd_inter=$(bench_median "${VD_INTER_MS[@]}")
vd_batch=$(bench_median "${VD_BATCH_MS[@]}")
vd_rss=$(bench_median "${VD_INTER_RSS[@]}")
vd_peak=$(bench_median "${VD_BATCH_PEAK[@]}")
vd_fast=$(awk -v a="$vd_inter" -v b="$vd_batch" 'BEGIN {print (a < b ? a : b)}')
vd_small=$(awk -v a="$vd_rss" -v b="$vd_peak" 'BEGIN {print (a < b ? a : b)}')

echo "same $CACHED orders: OrderDesk cache vs orders.json ($JSON_MB MiB, from \`orderdesk orders list --json\`); $(vd --version | head -1)"
echo "$(bench_context)"
printf '%-44s %10s   %s\n' "OrderDesk cold start → first full frame" "$od_cold ms" "runs: ${OD_COLD_MS[*]}"
printf '%-44s %10s   %s\n' "VisiData interactive, until all rows loaded" "$vd_inter ms" "runs: ${VD_INTER_MS[*]}"
printf '%-44s %10s   %s\n' "VisiData batch (vd -b), load and exit" "$vd_batch ms" "runs: ${VD_BATCH_MS[*]}"
printf '%-44s %10s   %s\n' "OrderDesk VmRSS, list open" "$od_rss MiB" "runs: ${OD_RSS_MB[*]}"
printf '%-44s %10s   %s\n' "VisiData VmRSS, sheet loaded (interactive)" "$vd_rss MiB" "runs: ${VD_INTER_RSS[*]}"
printf '%-44s %10s   %s\n' "VisiData peak RSS (batch)" "$vd_peak MiB" "runs: ${VD_BATCH_PEAK[*]}"
awk -v vd="$vd_fast" -v od="$od_cold" -v vr="$vd_small" -v orss="$od_rss" 'BEGIN {
    s = vd / od; m = orss / vr
    printf "start-up: VisiData (faster mode, %d ms) / OrderDesk = %.1f×   target ≥ 10×: %s\n", vd, s, (s >= 10 ? "pass" : "MISS")
    printf "memory:   OrderDesk / VisiData (smaller, %.1f MiB) = %.3f   target < 0.333: %s\n", vr, m, (m < 1 / 3 ? "pass" : "MISS")
    printf "absolute: cold start %.1f ms (target < 200: %s), RSS %.1f MiB (target < 100: %s)\n", od, (od < 200 ? "pass" : "MISS"), orss, (orss < 100 ? "pass" : "MISS")
}'
