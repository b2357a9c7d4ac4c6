#!/usr/bin/env bash
# Validates the sandbox's own OpenAPI document and checks it names every route the server has.
# Usage: scripts/openapi-validate.sh        (ORDERDESK=path/to/orderdesk to override)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${ORDERDESK:-$(cd "$ROOT" && swift build --product orderdesk >/dev/null && swift build --show-bin-path)/orderdesk}
python3 -c 'import openapi_spec_validator, yaml' 2>/dev/null || pip install -q openapi-spec-validator pyyaml
WORK=$(mktemp -d)
"$BIN" sandbox --port 0 --orders 50 >"$WORK/sandbox.log" 2>&1 &
SANDBOX=$!
trap 'kill $SANDBOX 2>/dev/null || true; rm -rf "$WORK"' EXIT
until grep -q listening "$WORK/sandbox.log" 2>/dev/null; do sleep 0.2; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/sandbox.log")
curl -sf "$URL/_sandbox/openapi.yaml" >"$WORK/openapi.yaml"
python3 - "$WORK/openapi.yaml" <<'PY'
import sys, yaml
from openapi_spec_validator import validate
doc = yaml.safe_load(open(sys.argv[1]))
validate(doc)
paths = doc["paths"]
print(f"valid OpenAPI {doc['openapi']}: {len(paths)} paths, {sum(len([m for m in p if m in ('get','put','post','delete')]) for p in paths.values())} operations")
# Every route the sandbox registers (Sources/OrderSandbox/*/*Routes.swift); keep in step.
expected = [
    ("post", "/yuju/auth-generate-token"), ("put", "/yuju/orders/status"), ("get", "/yuju/orders/"),
    ("post", "/yuju/orders/outbounds"), ("get", "/yuju/orders/outbounds"), ("put", "/yuju/orders/outbounds"),
    ("post", "/yuju/std-orders-report"), ("get", "/yuju/std-orders-report/{id_report}"),
    ("post", "/yuju/orders-report"), ("get", "/yuju/orders-report/{id_report}"), ("get", "/files/reports/{file}"),
    ("post", "/bridge/auth/login"), ("post", "/bridge/order/change-status/state/change"), ("post", "/bridge/order/status"),
    ("post", "/datacrush/ecommerce/v1/order/add"),
    ("post", "/_sandbox/reset"), ("post", "/_sandbox/clock"), ("post", "/_sandbox/faults"), ("get", "/_sandbox/stats"), ("get", "/_sandbox/openapi.yaml"),
    ("post", "/_sandbox/orders"), ("post", "/_sandbox/webhooks"),
]
missing = [f"{m.upper()} {p}" for m, p in expected if m not in paths.get(p, paths.get(p.rstrip("/"), {}))]
print("every route documented" if not missing else f"MISSING: {missing}")
sys.exit(1 if missing else 0)
PY
