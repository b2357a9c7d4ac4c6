#!/usr/bin/env bash
# OrderDesk's own process-level figures for BENCHMARKS.md: cold start to the first full frame
# (release binary, 100,000 cached orders), resident memory with the list open, and the bytes a
# real pty receives for a one-row cursor move. Runs the TUI in tmux on a private socket.
# Usage: scripts/bench-tui.sh [RUNS]   (ORDERS=100000, also 1000000; ORDERDESK=path to skip the release
#        build; BENCH_RSS_DELAY=3 reads VmRSS 3 s after the first frame instead of 1.5 s)
source "$(dirname "$0")/bench-common.sh"
RUNS=${1:-7}
ORDERS=${ORDERS:-100000}

echo "sandbox with $ORDERS orders, filling the cache with two report runs …" >&2
bench_start_sandbox "$ORDERS"
bench_fill_cache
CACHED=$(bench_cached_count)
[ "$CACHED" = "$ORDERS" ] || { echo "cache holds $CACHED orders, not $ORDERS" >&2; exit 1; }

echo "orderdesk TUI: $RUNS cold starts …" >&2
bench_orderdesk_tui "$RUNS"
echo "orderdesk release — $CACHED cached orders, tmux 120×40, $RUNS runs; $(bench_context)"
echo "cold start → first full frame (ms): median $(bench_median "${OD_COLD_MS[@]}") of ${OD_COLD_MS[*]}   target < 200"
echo "VmRSS with the list open (MiB):     median $(bench_median "${OD_RSS_MB[@]}") of ${OD_RSS_MB[*]}   target < 100"
echo "VmHWM, peak (MiB):                  median $(bench_median "${OD_HWM_MB[@]}") of ${OD_HWM_MB[*]}"
echo "bytes on the pty per one-row move:  median $(bench_median "${OD_MOVE_BYTES[@]}") of ${OD_MOVE_BYTES[*]}"
echo "bytes on the pty for a full redraw (resize to 120×41): $OD_FULL_BYTES"
echo "filling the cache (two report run --wait: download + import), s: ${FILL_S[*]}; store on disk: $(bench_store_bytes) bytes ($(bench_store_files))"
