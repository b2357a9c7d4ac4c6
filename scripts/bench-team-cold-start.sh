#!/usr/bin/env bash
# Issue 15, "Cost": cold start to the first full frame at ORDERS cached orders, team mode beside
# the embedded mode in one run. Both profiles hold the same cache; the team one was filled in team
# mode (so its orders are also in the team's feed) and starts with --database-url: the list comes
# from its local cache, the connection and the team's news come beside it.
# Usage: scripts/with-postgres.sh scripts/bench-team-cold-start.sh [RUNS]
#   (ORDERS=100000; ORDERDESK=path to skip the release build)
source "$(dirname "$0")/bench-common.sh"
RUNS=${1:-5}
ORDERS=${ORDERS:-100000}
: "${ORDERDESK_TEST_DATABASE_URL:?run through scripts/with-postgres.sh}"

echo "sandbox with $ORDERS orders …" >&2
bench_start_sandbox "$ORDERS"

echo "embedded: filling the cache, then $RUNS cold starts …" >&2
export XDG_STATE_HOME="$WORK/embedded"
bench_fill_cache
bench_orderdesk_tui "$RUNS"
EMBEDDED_MS=("${OD_COLD_MS[@]}") EMBEDDED_RSS=("${OD_RSS_MB[@]}")

echo "team: filling the cache in team mode (published to the team's feed), then $RUNS cold starts …" >&2
export XDG_STATE_HOME="$WORK/team" ORDERDESK_DATABASE_URL="$ORDERDESK_TEST_DATABASE_URL"
export ORDERDESK_DATABASE_PASSWORD="${ORDERDESK_TEST_DATABASE_PASSWORD:-}"
started=$(date +%s.%N)
bench_fill_cache
echo "team fill (two report imports, published to the feed): $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s" >&2
bench_orderdesk_tui "$RUNS"

echo "orderdesk ($BIN) — $ORDERS cached orders, tmux 120×40, $RUNS runs each; $(bench_context)"
echo "embedded: cold start → first full frame (ms): median $(bench_median "${EMBEDDED_MS[@]}") of ${EMBEDDED_MS[*]}; RSS MiB median $(bench_median "${EMBEDDED_RSS[@]}")"
echo "team:     cold start → first full frame (ms): median $(bench_median "${OD_COLD_MS[@]}") of ${OD_COLD_MS[*]}; RSS MiB median $(bench_median "${OD_RSS_MB[@]}")"
awk -v e="$(bench_median "${EMBEDDED_MS[@]}")" -v t="$(bench_median "${OD_COLD_MS[@]}")" \
    'BEGIN {printf "team / embedded: %.2f× (target ≤ 2×)\n", t / e}'
