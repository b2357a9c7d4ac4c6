#!/usr/bin/env bash
# Sends each JSON request example of the seed pages with curl to a running `orderdesk sandbox`
# and checks the answer has the documented shape (status code and keys).
# Usage: scripts/seed-examples-curl.sh        (ORDERDESK=path/to/orderdesk to override)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${ORDERDESK:-$(cd "$ROOT" && swift build --product orderdesk >/dev/null && swift build --show-bin-path)/orderdesk}
FIX="$ROOT/Tests/OrderKitTests/Fixtures"
WORK=$(mktemp -d)
"$BIN" sandbox --port 0 >"$WORK/sandbox.log" 2>&1 &
SANDBOX=$!
trap 'kill $SANDBOX 2>/dev/null || true; rm -rf "$WORK"' EXIT
until grep -q listening "$WORK/sandbox.log" 2>/dev/null; do sleep 0.2; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/sandbox.log")
echo "sandbox at $URL"
FAILED=0

# check NAME EXPECTED_STATUS PYTHON_ASSERTION -- curl arguments...
check() {
    local name=$1 expected=$2 assertion=$3
    shift 4
    local status
    status=$(curl -s -o "$WORK/body" -w '%{http_code}' "$@")
    if [ "$status" = "$expected" ] && python3 -c "import json,sys; b=json.load(open('$WORK/body')); assert $assertion, b" 2>"$WORK/err"; then
        echo "ok    $name → $status $(head -c 160 "$WORK/body")"
    else
        echo "FAIL  $name → $status (wanted $expected) $(head -c 300 "$WORK/body") $(tail -1 "$WORK/err" 2>/dev/null)"
        FAILED=1
    fi
    sleep 0.6   # stay under Yuju's 2 req/s
}
Y=(-H "Authorization: sandbox-token" -H "Content-Type: application/json")

RECORD="set(r) >= {'order_int_external_pk','status','message','type','reference','actions','created_at','updated_at'} and all(isinstance(a['params'], str) for a in r['actions'])"
check "seed 000 POST outbound" 200 "(lambda r: $RECORD)(b)" -- \
    "${Y[@]}" -X POST "$URL/yuju/orders/outbounds?id_channel=4301&id_order=50032" --data @"$FIX/seed000_outbound_request.json"
check "seed 000 GET outbounds" 200 "isinstance(b, list) and b and all((lambda r: $RECORD)(r) for r in b)" -- \
    "${Y[@]}" "$URL/yuju/orders/outbounds?id_channel=4301&id_order=50032"
check "seed 001 PUT status" 200 "b == {'ok': 1, 'message': 'ok'}" -- \
    "${Y[@]}" -X PUT "$URL/yuju/orders/status" --data @"$FIX/seed001_status_request.json"
# The example above moves one item only; the order follows its least advanced item, so move
# them all before the minimal example asks for shipped (pending → shipped is refused).
check "PUT status, every item" 200 "b == {'ok': 1, 'message': 'ok'}" -- \
    "${Y[@]}" -X PUT "$URL/yuju/orders/status" --data '{"id_order":"12345","id_channel":4308,"status":"ready_to_ship"}'
check "seed 001 PUT status (minimal)" 200 "b == {'ok': 1, 'message': 'ok'}" -- \
    "${Y[@]}" -X PUT "$URL/yuju/orders/status" --data @"$FIX/seed001_status_request_minimal.json"
check "seed 001 PUT status without id_order" 400 "b == {'message': 'El campo id_order es requerido.'}" -- \
    "${Y[@]}" -X PUT "$URL/yuju/orders/status" --data '{"id_channel":4308,"status":"shipped"}'
check "seed 002 POST report (range)" 201 "set(b) == {'id_report','message'} and len(b['id_report']) == 32" -- \
    "${Y[@]}" -X POST "$URL/yuju/std-orders-report?return_type=complete" --data @"$FIX/seed002_report_range.json"
check "seed 002 POST report (ids)" 201 "set(b) == {'id_report','message'}" -- \
    "${Y[@]}" -X POST "$URL/yuju/std-orders-report?return_type=basic" --data @"$FIX/seed002_report_ids.json"
check "seed 002 POST report (bad filter)" 400 "'180' in b['message']" -- \
    "${Y[@]}" -X POST "$URL/yuju/std-orders-report" --data '{"filters":{"payment_accredited_at":{"from":"2025-01-01T00:00:00","to":"2025-12-31T00:00:00"}}}'

TOKEN=$(curl -s -X POST "$URL/bridge/auth/login" -H "Content-Type: application/json" \
    --data '{"clientId":"sandbox","clientSecret":"sandbox-secret"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
B=(-H "x-access-token: $TOKEN" -H "Content-Type: application/json")
check "seed 003 change (internal)" 200 "set(b) == {'ack','message'}" -- \
    "${B[@]}" -X POST "$URL/bridge/order/change-status/state/change" --data @"$FIX/seed003_change_internal.json"
check "seed 003 change (external)" 200 "set(b) == {'ack','message'}" -- \
    "${B[@]}" -X POST "$URL/bridge/order/change-status/state/change" --data @"$FIX/seed003_change_external.json"
check "seed 003 change without state" 200 "b['ack'] == 1040" -- \
    "${B[@]}" -X POST "$URL/bridge/order/change-status/state/change" --data '{"internalNumber":"bridge0000000001"}'
# The first BRIDGE order of the sandbox's mirror.
NUMBER=$(for n in $(seq 1 40); do
    printf -v candidate 'bridge%010d' "$n"
    if curl -s "${B[@]}" -X POST "$URL/bridge/order/status" --data "{\"internalOrderNumber\":\"$candidate\"}" | grep -q '"ack":0'; then echo "$candidate"; break; fi
done)
check "seed 003 status" 200 "b['ack'] == 0 and 'currentStatus' in b and isinstance(b.get('history'), list)" -- \
    "${B[@]}" -X POST "$URL/bridge/order/status" --data "{\"internalOrderNumber\":\"$NUMBER\"}"

check "seed 004 add orders" 200 "b == {'result': 'success'}" -- \
    -H "Content-Type: application/json" -X POST "$URL/datacrush/ecommerce/v1/order/add?portal_id=1&api_key=sandbox-key" --data @"$FIX/seed004_orders.json"
python3 -c "import json; o=json.load(open('$FIX/seed004_orders.json')); o[0]['items']=[]; json.dump(o, open('$WORK/noitems.json','w'))"
check "seed 004 add with no items" 400 "b.get('result') == 'fail' and b['error']['message']" -- \
    -H "Content-Type: application/json" -X POST "$URL/datacrush/ecommerce/v1/order/add?portal_id=1&api_key=sandbox-key" --data @"$WORK/noitems.json"

[ "$FAILED" = 0 ] && echo "every seed example answered with its documented shape" || { echo "some examples failed"; exit 1; }
