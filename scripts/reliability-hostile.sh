#!/usr/bin/env bash
# quality.md: "hostile strings in any remote field (CSI, OSC 52, OSC 8, C1, bidi, NUL, 10 kB
# lines) → nothing but printable, width-correct text reaches the terminal".
#
# A randomised sweep through the real binary (`swift test` has the fixed set: HostileDataTests).
# ORDERS pending orders get random hostile strings, written through the sandbox's Yuju API: every
# field of a new outbound record (status, message, reference, module_name, extra keys and values,
# an action's name, message and params) and the carrier of a status change. The TUI runs under
# util-linux `script`, which records every byte it writes, inside tmux at 120×40; it shows each
# order's row (filtered by id) and its detail with the outbound history fetched.
# Pass: in the recorded bytes, no escape sequence but the ones curses writes (CSI cursor, erase,
# modes, SGR; charset; a few ESC commands), no other control byte, no C1, no bidi or invisible
# format character; on every screen (`capture-pane -e`, tmux's SGR removed) no line wider than
# 120 columns and the status bar on the last line; `q` exits 0.
# Usage: scripts/reliability-hostile.sh [ORDERS]   (ORDERDESK=path to skip the build; SEED=n)
source "$(dirname "$0")/reliability-common.sh"
ORDERS=${1:-12}
SEED=${SEED:-$RANDOM}
machine
echo "random seed: $SEED (SEED=$SEED $0 $ORDERS replays the strings), $ORDERS orders"
start_sandbox 500 9
fill_cache

# 1. Hostile strings into the sandbox, paced under Yuju's 2 requests a second.
"$BIN" orders list --status pending --json >"$WORK/pending.json"
python3 - "$WORK/pending.json" "$SEED" "$ORDERS" "$SANDBOX_URL" "$WORK/targets.txt" <<'PY'
import json, random, sys, time, urllib.request, urllib.error
orders, rnd, n, base, out = json.load(open(sys.argv[1])), random.Random(int(sys.argv[2])), int(sys.argv[3]), sys.argv[4], sys.argv[5]
ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"
pieces = [
    lambda: ESC + "[" + ";".join(str(rnd.randint(0, 99)) for _ in range(rnd.randint(0, 3))) + rnd.choice("mHJKABCDsuhlr"),
    lambda: ESC + "]52;c;ZWNobyBwd25lZA==" + rnd.choice([BEL, ST]),               # clipboard write
    lambda: ESC + "]8;;https://evil.example/" + ST + "link" + ESC + "]8;;" + ST,  # hyperlink
    lambda: ESC + "]0;window title" + BEL,
    lambda: ESC + "P" + "q#0;2;0;0;0#0~~" + ST,                                   # DCS (sixel)
    lambda: ESC + rnd.choice("c78=>(0)0N"),                                        # reset, save, charsets
    lambda: chr(rnd.randint(0x80, 0x9F)),                                          # C1, e.g. U+009B CSI
    lambda: chr(rnd.choice([0, 7, 8, 9, 10, 11, 12, 13, 0x7F])),
    lambda: rnd.choice(["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"]),
    lambda: rnd.choice(["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad"]),
    lambda: rnd.choice(["日本語の顧客", "한국어", "👩🏽‍💻", "🇦🇷", "e\u0301", "a\u0308\u0323", "ｆｕｌｌ", "Ñandú"]),
    lambda: "x" * rnd.choice([1, 80, 10_000]),
    lambda: "texto ",
]
def hostile():
    return "".join(rnd.choice(pieces)() for _ in range(rnd.randint(1, 6)))

def call(method, path, body):
    for attempt in range(10):
        request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method=method,
                                         headers={"Content-Type": "application/json", "Authorization": "sandbox-token"})
        try:
            with urllib.request.urlopen(request) as answer:
                time.sleep(0.6)
                return answer.status
        except urllib.error.HTTPError as error:
            if error.code != 429:
                return error.code
            time.sleep(1.2)
    return 429

chosen = orders[:n]
assert len(chosen) == n, f"only {len(chosen)} pending orders"
accepted = 0
with open(out, "w") as targets:
    for order in chosen:
        key = f"id_channel={order['id_channel']}&id_order={order['id_order']}"
        outbound = {"status": hostile(), "message": hostile(), "type": "order", "reference": hostile(),
                    "channel_id": order["id_channel"], "module_name": hostile(), "extra": {hostile(): hostile()},
                    "actions": [{"message": hostile(), "params": {"a": hostile()}, "name": hostile()}]}
        change = {"id_order": order["id_order"], "id_channel": order["id_channel"], "status": "ready_to_ship", "carrier": hostile()}
        codes = (call("POST", "/yuju/orders/outbounds?" + key, outbound), call("PUT", "/yuju/orders/status", change))
        accepted += sum(1 for code in codes if 200 <= code < 300)
        if codes[0] >= 300 or codes[1] >= 300:
            print(f"  {order['id_order']}: outbound {codes[0]}, status {codes[1]}")
        targets.write(f"{order['id_order']} {order['id_channel']}\n")
print(f"hostile strings written: {accepted} of {2 * n} calls accepted (an outbound record and a carrier per order)")
PY
while read -r id channel; do
    "$BIN" orders refresh "$id" --channel "$channel" >/dev/null 2>>"$WORK/refresh.log" || { echo "refresh $id failed:"; tail -2 "$WORK/refresh.log"; }
done <"$WORK/targets.txt"

# 2. The TUI, recorded byte for byte, showing each order's row and detail.
exports="export XDG_STATE_HOME='$XDG_STATE_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' HOME='$HOME' LANG=C.UTF-8 LC_ALL=C.UTF-8 ORDERDESK_SANDBOX_URL='$ORDERDESK_SANDBOX_URL' NO_COLOR=;"
tm start-server \; set-option -g remain-on-exit on \; new-session -d -s hostile -x 120 -y 40 \
    "$exports script -q -f -e --log-out '$WORK/bytes.log' -c '$BIN' 2>'$WORK/hostile.stderr'; echo \$? > '$WORK/hostile.status'"
wait_loaded hostile
shown=0
while read -r id channel; do
    tm send-keys -t hostile Escape; sleep 0.2
    tm send-keys -t hostile /; tm send-keys -t hostile -l "$id"; tm send-keys -t hostile Enter
    sleep 0.5
    screen_e hostile >"$WORK/screen-$id-list.txt"
    tm send-keys -t hostile Enter
    wait_for hostile "$channel/$id" 20 >/dev/null && wait_for hostile "Outbound" 20 >/dev/null
    sleep 1.5   # the outbound history is fetched when the detail opens
    screen_e hostile >"$WORK/screen-$id-detail.txt"
    tm send-keys -t hostile Escape; sleep 0.3
    shown=$((shown + 1))
done <"$WORK/targets.txt"
tm send-keys -t hostile Escape; sleep 0.2; tm send-keys -t hostile q
status=$(wait_exit hostile 20 || echo "no exit")

python3 - "$WORK" "$status" "$shown" <<'PY'
import glob, os, re, sys, unicodedata
work, status, shown = sys.argv[1], sys.argv[2].strip(), int(sys.argv[3])
data = open(os.path.join(work, "bytes.log"), "rb").read()
if data.startswith(b"Script started"):
    data = data[data.index(b"\n") + 1:]
end = data.rfind(b"\nScript done")
if end >= 0:
    data = data[:end + 1]
# The same rules as Tests/EndToEndTests/TerminalBytes.swift.
CSI_FINALS, ESC_COMMANDS, CONTROLS = set(b"@ABCDEFGHIJKLMPSTXZ`abcdefghlmnrst"), set(b"=>78DEHMNOcZ"), {0x07, 0x08, 0x0A, 0x0D, 0x0E, 0x0F}
problems, i = [], 0
while i < len(data):
    b = data[i]
    if b == 0x1B:
        nxt = data[i + 1] if i + 1 < len(data) else None
        if nxt == ord("["):
            j = i + 2
            while j < len(data) and 0x30 <= data[j] <= 0x3F: j += 1
            while j < len(data) and 0x20 <= data[j] <= 0x2F: j += 1
            if j >= len(data) or data[j] not in CSI_FINALS: problems.append("CSI " + repr(data[i:j + 1]))
            i = j + 1
        elif nxt in (ord("("), ord(")")):
            if i + 2 >= len(data) or data[i + 2] not in b"B0U": problems.append("charset " + repr(data[i:i + 3]))
            i += 3
        elif nxt in ESC_COMMANDS:
            i += 2
        else:
            problems.append("ESC " + repr(data[i:i + 12])); i += 2
        continue
    if (b < 0x20 and b not in CONTROLS) or b == 0x7F: problems.append(f"control 0x{b:02x}")
    i += 1
for ch in data.decode("utf-8", "replace"):
    if 0x80 <= ord(ch) <= 0x9F: problems.append(f"C1 U+{ord(ch):04X}")
    if unicodedata.category(ch) in ("Cf", "Zl", "Zp", "Cn"): problems.append(f"invisible U+{ord(ch):04X}")

def columns(line):
    width = 0
    for ch in line:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"): continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width
screens = sorted(glob.glob(os.path.join(work, "screen-*.txt")))
bad_screens = []
for path in screens:
    text = re.sub(r"\x1b\[[0-9;:]*m", "", open(path, encoding="utf-8", errors="replace").read())
    lines = text.rstrip("\n").split("\n")
    wide = [l for l in lines if columns(l) > 120]
    leftovers = [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F]
    if wide or leftovers or not lines[-1].startswith(" SANDBOX"):
        bad_screens.append(f"{os.path.basename(path)}: {len(wide)} lines over 120, {len(leftovers)} controls, last line {lines[-1][:30]!r}")
print(f"TUI: {shown} orders shown (row and detail), {len(screens)} screens, {len(data):,} bytes written to the terminal, exit status {status}")
print(f"bytes: {len(problems)} problems" + (": " + "; ".join(sorted(set(problems))[:8]) if problems else ""))
print(f"screens: {len(bad_screens)} of {len(screens)} wrong" + (": " + "; ".join(bad_screens[:4]) if bad_screens else ""))
ok = not problems and not bad_screens and status == "0" and shown > 0 and len(screens) == 2 * shown
print("RESULT: " + ("pass" if ok else "FAIL"))
sys.exit(0 if ok else 1)
PY
