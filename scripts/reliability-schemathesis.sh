#!/usr/bin/env bash
# quality.md: "sandbox under schemathesis with its own OpenAPI document → no 5xx, every response
# matches the document".
#
# Runs schemathesis (pip install schemathesis, if missing) against `orderdesk sandbox`, loading
# the document the sandbox serves at /_sandbox/openapi.yaml, with the sandbox's credentials
# (Yuju token, a BRIDGE session token from /auth/login, Datacrush's portal_id/api_key as fixed
# query values). Checks: not_a_server_error, status_code_conformance,
# content_type_conformance, response_headers_conformance, response_schema_conformance.
# Three runs: (1) every route at full speed (Yuju then mostly answers 429), except
# `POST /_sandbox/faults`, whose purpose is to make vendor routes answer 500 and drop
# connections (it would fail "no 5xx" by design) and `POST /_sandbox/reset` (it ends the BRIDGE
# session the other routes use); (2) the Yuju routes paced at 2 requests a second, so generated
# data gets past the rate limit to the validation behind it; (3) reset.
# Usage: scripts/reliability-schemathesis.sh [MAX_EXAMPLES]
#        (ORDERDESK=path; SEED=n; YUJU_EXAMPLES=n for run 2, default 3: its coverage phase alone makes ~500 cases, 4–5 min at 2/s; RATE=off skips run 2)
source "$(dirname "$0")/reliability-common.sh"
MAX_EXAMPLES=${1:-100}
YUJU_EXAMPLES=${YUJU_EXAMPLES:-3}
SEED=${SEED:-$RANDOM}
RATE=${RATE:-2/s}
command -v st >/dev/null || pip install --quiet schemathesis
machine
echo "schemathesis: $(st --version 2>&1 | head -1); max examples per operation: $MAX_EXAMPLES; seed: $SEED"
start_sandbox 500 4

BRIDGE_TOKEN=$(curl -s -X POST "$ORDERDESK_SANDBOX_URL/bridge/auth/login" -H 'Content-Type: application/json' \
    -d '{"clientId":"sandbox","clientSecret":"sandbox-secret"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# Datacrush's credentials as fixed parameter values, so generation spends its examples on the rest.
cat >"$WORK/schemathesis.toml" <<TOML
[parameters]
"query.api_key" = "sandbox-key"
"query.portal_id" = 1
TOML
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
STATUS=0
# st_run LABEL MAX_EXAMPLES [OPTIONS...]: one schemathesis run; its summary and any failures.
st_run() {
    local label=$1 examples=$2; shift 2
    set +e
    # From $WORK: hypothesis keeps its example database in the working directory.
    (cd "$WORK" && st --config-file "$WORK/schemathesis.toml" run "$ORDERDESK_SANDBOX_URL/_sandbox/openapi.yaml" --url "$ORDERDESK_SANDBOX_URL" \
        -H "Authorization: sandbox-token" -H "x-access-token: $BRIDGE_TOKEN" --generation-with-security-parameters false \
        --checks "$CHECKS" --max-examples "$examples" --seed "$SEED" --workers 1 --no-color "$@") >"$WORK/st-$label.log" 2>&1
    local status=$?
    set -e
    echo "--- $label (max $examples examples per operation): exit $status"
    grep -E "Selected:|Tested:|generated,|Errors:|Failures:|🚫|❌|⚠️" "$WORK/st-$label.log" | sed 's/^ */  /'
    if [ "$status" != 0 ]; then sed -n '/FAILURES/,/SUMMARY/p;/ERRORS/,/SUMMARY/p' "$WORK/st-$label.log" | head -120; STATUS=1; fi
}
# 1. Every route but the control routes that change the others' behaviour (faults: 500s by
#    design; reset: drops the BRIDGE session), at full speed: Yuju mostly answers 429 here.
st_run all "$MAX_EXAMPLES" --exclude-path /_sandbox/faults --exclude-path /_sandbox/reset
# 2. Yuju alone, no faster than its 2 requests a second, so generated data reaches the logic.
[ "$RATE" = off ] || st_run yuju-paced "$YUJU_EXAMPLES" --include-path-regex '^/yuju/' --rate-limit "$RATE"
echo "sandbox counters: $(control GET /_sandbox/stats | python3 -c 'import json,sys; s=json.load(sys.stdin); print(sum(s["requests"].values()), "vendor requests,", sum(s["rate_limited"].values()), "answered 429,", s["report_runs"], "report runs")')"
# 3. Reset last.
st_run reset 20 --include-path /_sandbox/reset
[ "$STATUS" = 0 ] && echo "RESULT: pass" || { echo "RESULT: FAIL"; exit 1; }
