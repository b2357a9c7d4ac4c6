#!/usr/bin/env bash
# quality.md: "secrets (token, client secret, api_key) never in logs, errors, screen, --json,
# crash output". `swift test` covers the commands that use each credential
# (CLISecretsAndHostileTextTests), the screen (HostileDataTests) and the services' logs
# (ServiceVendorTests); this script sweeps every other command and the crash output.
#
# A configured profile (config file with the three credentials) against `orderdesk sandbox`.
# 1. Every subcommand at --log-level trace, with and without faults and forced 429s; then the
#    terminal UI at trace (its orderdesk.log and its screen).
# 2. A bulk status change with BRIDGE mirror (all three credentials are in memory: the config
#    is loaded) crashed mid-run with SIGSEGV, SIGABRT, SIGBUS and SIGILL, with the Swift
#    runtime's default crash report and with SWIFT_BACKTRACE=preset=full (registers, images).
# All output is searched for each credential as text, percent-encoded, base64, and as the
# little-endian hex a register dump would show, and for BRIDGE session tokens.
# Usage: scripts/reliability-secrets.sh   (ORDERDESK=path to skip the build)
source "$(dirname "$0")/reliability-common.sh"
machine
start_sandbox 3000 5
mkdir -p "$XDG_CONFIG_HOME/orderdesk"
BASE=$ORDERDESK_SANDBOX_URL
unset ORDERDESK_SANDBOX_URL          # the config file, not the sandbox shortcut
cat >"$XDG_CONFIG_HOME/orderdesk/config.toml" <<TOML
[yuju]
base_url = "$BASE/yuju"
token = "sandbox-token"
[bridge]
base_url = "$BASE/bridge"
client_id = "sandbox"
client_secret = "sandbox-secret"
channel_codes = { "4301" = "YJ4301", "4308" = "YJ4308", "4312" = "YJ4312", "1311" = "YJ1311" }
[datacrush]
base_url = "$BASE/datacrush"
portal_id = 1
api_key = "sandbox-key"
TOML
chmod 600 "$XDG_CONFIG_HOME/orderdesk/config.toml"
"$BIN" report run --from "$(date -u -d '-179 days' +%Y-%m-%dT%H:%M:%S)" --to "$(date -u +%Y-%m-%dT%H:%M:%S)" --wait >/dev/null 2>"$WORK/report.log"
pending_csv 200 "$WORK/changes.csv" 0

# Every form a credential could take in a crash report or a log.
PATTERNS=$(python3 - <<'PY'
import base64, urllib.parse
forms = set()
for secret in ["sandbox-token", "sandbox-secret", "sandbox-key"]:
    forms |= {secret, urllib.parse.quote(secret, safe=""), base64.b64encode(secret.encode()).decode().rstrip("=")}
    raw = secret.encode()
    for start in range(0, len(raw) - 7):            # any 8-byte window as a little-endian register
        forms.add(raw[start:start + 8][::-1].hex())
forms.add("sbx.")                                      # BRIDGE session tokens
print("\n".join(sorted(forms)))
PY
)
echo "$PATTERNS" >"$WORK/patterns"
echo "looking for $(wc -l <"$WORK/patterns") forms of the three credentials (text, %-encoded, base64, LE hex) and BRIDGE session tokens"

leaks_in() { grep -a -F -i -f "$WORK/patterns" "$@" | head -3 || true; }

# 1. The sweep.
ID=$(sed -n 2p "$WORK/changes.csv" | cut -d, -f1); CH=$(sed -n 2p "$WORK/changes.csv" | cut -d, -f2)
REPORT=$(grep -o 'id_report [0-9a-f]*' "$WORK/report.log" | head -1 | cut -d' ' -f2 || true)
sweep() {
    local n=0
    while IFS= read -r line; do
        [ -z "$line" ] && continue
        n=$((n + 1))
        # shellcheck disable=SC2086
        eval "\"\$BIN\" $line --log-level trace" >"$WORK/sweep-$1-$n.out" 2>"$WORK/sweep-$1-$n.err" </dev/null || true
    done <<CMDS
orders list
orders list --json
orders list --csv
orders show $ID --channel $CH
orders show $ID --channel $CH --json
orders refresh $ID --channel $CH
orders import $WORK/pending.json
report status ${REPORT:-0}
status set $ID --channel $CH --status ready_to_ship --carrier DHL --bridge
status set $ID --channel $CH --status delivered
outbound add $ID --channel $CH --status created --message m --reference R-1 --extra k=v
outbound list $ID --channel $CH
outbound list $ID --channel $CH --json
bridge status bridge0000000001
bridge status bridge0000000001 --json
bridge set-state --internal bridge0000000002 --state cancelled --notes n
datacrush push $ID --channel $CH
budget
budget --json
queue
queue --json
queue show --all --json
queue retry
auth yuju --client-id sandbox --secret-key sandbox-secret --code sandbox-code
auth yuju --client-id sandbox --secret-key wrong --code wrong
CMDS
    echo "$n"
}
count=$(sweep plain)
faults 0 0.5 0.3
sweep faults >/dev/null
control POST /_sandbox/faults '{"force_429": true}' >/dev/null
"$BIN" orders refresh "$ID" --channel "$CH" --log-level trace >"$WORK/sweep-429.out" 2>"$WORK/sweep-429.err" || true
"$BIN" datacrush push "$ID" --channel "$CH" --log-level trace >>"$WORK/sweep-429.out" 2>>"$WORK/sweep-429.err" || true
faults 0 0 0
found=$(leaks_in "$WORK"/sweep-*)
echo "sweep: $count commands × (no faults, 50 % 500 + 30 % drops) + 2 under forced 429, all at --log-level trace: $(cat "$WORK"/sweep-* | wc -c) bytes of output; credentials found: ${found:-none}"
[ -z "$found" ] || FAILED=1

# 1b. The terminal UI at trace level: while it runs, log lines go to orderdesk.log in the state
#     folder, not to the screen. An order's detail fetches its outbound history over HTTP.
tui_start secrets-tui 120 40 ORDERDESK_LOG=trace
wait_loaded secrets-tui
tm send-keys -t secrets-tui Enter
sleep 3
screen_e secrets-tui >"$WORK/tui-screen.txt"
tm send-keys -t secrets-tui Escape
tm send-keys -t secrets-tui q
wait_exit secrets-tui >/dev/null || true
TUI_LOG="$XDG_STATE_HOME/orderdesk/orderdesk.log"
touch "$TUI_LOG"
found=$(leaks_in "$TUI_LOG" "$WORK/tui-screen.txt" "$WORK/secrets-tui.stderr")
echo "terminal UI at trace: orderdesk.log $(wc -c <"$TUI_LOG") bytes ($(grep -c ' trace ' "$TUI_LOG" || true) trace lines), stderr $(wc -c <"$WORK/secrets-tui.stderr") bytes; credentials found: ${found:-none}"
[ -z "$found" ] || FAILED=1

# 2. Crash output.
round=0
for preset in default full; do
    for signal in SEGV ABRT BUS ILL; do
        round=$((round + 1))
        rows=$(( (round - 1) * 25 ))
        sed -n "1p;$((rows + 2)),$((rows + 26))p" "$WORK/changes.csv" >"$WORK/round.csv"
        if [ "$preset" = full ]; then backtrace=(SWIFT_BACKTRACE=preset=full); else backtrace=(); fi
        env "${backtrace[@]}" "$BIN" status set --file "$WORK/round.csv" --bridge --log-level trace >"$WORK/out-$round.txt" 2>"$WORK/err-$round.txt" &
        pid=$!
        sleep $((3 + RANDOM % 4))
        if ! kill -s "$signal" "$pid" 2>/dev/null; then echo "$preset SIG$signal: the run had already ended"; continue; fi
        wait "$pid" 2>/dev/null && status=0 || status=$?
        report=$(grep -c "Program crashed\|Backtracing\|Thread [0-9]" "$WORK/err-$round.txt" || true)
        leaks=$(leaks_in "$WORK/out-$round.txt" "$WORK/err-$round.txt")
        printf '%-7s SIG%-4s exit %3s; stderr %6s bytes, %3s crash-report lines, %5s trace lines; credentials found: %s\n' \
            "$preset" "$signal" "$status" "$(wc -c <"$WORK/err-$round.txt")" "$report" "$(grep -c ' trace ' "$WORK/err-$round.txt" || true)" "${leaks:-none}"
        [ -z "$leaks" ] || FAILED=1
        [ "$report" -gt 0 ] || echo "  (no crash report was written)"
        "$BIN" queue retry >/dev/null 2>&1 || true
    done
done
[ -z "${FAILED:-}" ] && echo "RESULT: pass" || { echo "RESULT: FAIL"; exit 1; }
