#!/usr/bin/env bash
# quality.md: "malformed / truncated / huge responses (fuzzed) → a clear error, never a crash",
# at scale: the fuzz suites of `swift test` with ITERATIONS seeded mutations per decoder (400 in
# `swift test`) and a fresh seed, plus every truncation, extreme values, huge/deep bodies, every
# client call against a scripted server sending bad answers, report-file imports (ITERATIONS/10),
# and junk to every sandbox route. A trap anywhere ends the test process: the run fails.
# Usage: scripts/reliability-fuzz.sh [ITERATIONS]   (SEED=n to replay; FUZZ_LOG=file keeps the
#        whole `swift test` output, which is otherwise removed)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ITERATIONS=${1:-20000}
SEED=${SEED:-$RANDOM$RANDOM}
cd "$ROOT"
echo "machine: $(nproc) cores, $(uname -sr), $(swift --version 2>/dev/null | head -1 | sed 's/ (.*//')"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "iterations per decoder: $ITERATIONS, seed: $SEED (SEED=$SEED $0 $ITERATIONS replays)"
swift build --build-tests 2>&1 | grep -E "error|Build complete" | tail -2
START=$(date +%s)
set +e
ORDERDESK_FUZZ_ITERATIONS=$ITERATIONS ORDERDESK_FUZZ_SEED=$SEED \
    swift test --skip-build --filter "FuzzedDecoderTests|FuzzedResponseTests|SandboxRobustnessTests" >"${FUZZ_LOG:-/tmp/od-fuzz.$$}" 2>&1
STATUS=$?
set -e
grep -E "✘|Fatal error|crashed|Test run with|Executed [0-9]+ tests" "${FUZZ_LOG:-/tmp/od-fuzz.$$}" | head -20
echo "took $(( $(date +%s) - START )) s"
[ -n "${FUZZ_LOG:-}" ] || rm -f /tmp/od-fuzz.$$
[ "$STATUS" = 0 ] && echo "RESULT: pass" || { echo "RESULT: FAIL"; exit 1; }
