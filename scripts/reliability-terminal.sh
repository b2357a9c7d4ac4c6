#!/usr/bin/env bash
# quality.md: "terminal 60×15, resize storms, TERM=xterm, screen, vt100, NO_COLOR → draws
# correctly, no crash".
#
# For each terminal type: start the TUI at 60×15 on a filled cache, then RESIZES window resizes
# back to back (random sizes from 1×1 to 250×80, no waiting for a frame) with a random key
# (move, page, open/close detail, help, budgets, activity, facets, sort) after every few, then
# RESIZES/3 more one every 30 ms (so most of them get drawn), then 60×15 again. Pass: the process is alive throughout, a whole 60×15 frame (title on top,
# budgets bar at the bottom, no line wider than 60) comes back, no colour without colours,
# `q` exits 0 and nothing was written to stderr (no crash report).
# Usage: scripts/reliability-terminal.sh [RESIZES]   (ORDERDESK=path to skip the build; SEED=n)
source "$(dirname "$0")/reliability-common.sh"
RESIZES=${1:-300}
SEED=${SEED:-$RANDOM}
machine
echo "random seed: $SEED, $RESIZES resizes per terminal type"
start_sandbox 3000 3
fill_cache

run_variant() {
    local label=$1; shift
    local name="t$RANDOM"
    tui_start "$name" 60 15 "$@"
    wait_for "$name" "SANDBOX" >/dev/null
    wait_loaded "$name" >/dev/null
    python3 - "$TMUX_SOCKET" "$name" "$RESIZES" "$SEED" "$label" "$(tui_pid "$name")" <<'PY'
import random, re, subprocess, sys, time, os
socket, name, resizes, seed, label, pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
rng = random.Random(seed)
def tmux(*args):
    return subprocess.run(["tmux", "-S", socket, *args], capture_output=True, text=True).stdout
def alive():
    try: os.kill(pid, 0); return True
    except OSError: return False
def columns(line):
    import unicodedata
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
def whole_frame(screen, width, height):
    # Title on the first row, the budgets bar on the last one (not a smaller, older frame
    # that tmux kept), nothing wider than the window.
    lines = screen.rstrip("\n").split("\n")
    return (len(lines) == height and lines[0].startswith(" OrderDesk") and lines[-1].startswith(" SANDBOX")
            and all(columns(l) <= width for l in lines))
keys = ["j", "k", "G", "g", "PageDown", "PageUp", "Enter", "Escape", "?", "b", "a", "f", "s", "Space"]
sent_keys = 0
started = time.monotonic()
for i in range(resizes):
    w, h = rng.choice([(rng.randint(1, 250), rng.randint(1, 80)), (rng.randint(1, 10), rng.randint(1, 5)), (60, 15), (59, 14)])
    tmux("resize-window", "-t", name, "-x", str(w), "-y", str(h))
    if i % 3 == 0:
        tmux("send-keys", "-t", name, rng.choice(keys)); sent_keys += 1
    if i % 50 == 0 and not alive():
        print(f"{label}: DIED after {i} resizes"); sys.exit(1)
# Then a slower storm: one resize every 30 ms, so most sizes get drawn (the TUI polls every 50 ms).
for i in range(resizes // 3):
    w, h = rng.randint(1, 250), rng.randint(1, 80)
    tmux("resize-window", "-t", name, "-x", str(w), "-y", str(h))
    if i % 4 == 0:
        tmux("send-keys", "-t", name, rng.choice(keys)); sent_keys += 1
    time.sleep(0.03)
    if i % 20 == 0 and not alive():
        print(f"{label}: DIED in the slow storm after {i} resizes"); sys.exit(1)
storm = time.monotonic() - started
resizes += resizes // 3
def redrawn(screen, width, height):
    # Any screen (list, detail, a panel) drawn for this size: the budgets bar on the last row.
    lines = screen.rstrip("\n").split("\n")
    return len(lines) == height and lines[-1].startswith(" SANDBOX") and all(columns(l) <= width for l in lines)
tmux("resize-window", "-t", name, "-x", "60", "-y", "15")
t0 = time.monotonic()
while time.monotonic() - t0 < 20 and not redrawn(tmux("capture-pane", "-p", "-t", name), 60, 15):
    time.sleep(0.005)
settle = time.monotonic() - t0
# Back to the list (Esc closes panels and details, and clears a filter), which must be whole.
for _ in range(4): tmux("send-keys", "-t", name, "Escape"); time.sleep(0.1)
t1 = time.monotonic()
while time.monotonic() - t1 < 20:
    screen = tmux("capture-pane", "-p", "-t", name)
    if whole_frame(screen, 60, 15): break
    time.sleep(0.05)
ok = redrawn(screen, 60, 15) and whole_frame(screen, 60, 15) and alive()
coloured = bool(re.search(r"\x1b\[[0-9;]*(?:3[0-7]|4[0-7]|9[0-7]|10[0-7]|[34]8;[25];[0-9;]+)m", tmux("capture-pane", "-p", "-e", "-t", name)))
print(f"{label}: {resizes} resizes + {sent_keys} keys in {storm:.1f} s; alive: {alive()}; 60×15 redrawn {settle*1000:.0f} ms after the last resize; whole list frame after Esc: {ok}; colour: {coloured}")
if not ok: print(screen)
open(os.environ.get("WORK", "/tmp") + f"/{name}.coloured", "w").write("yes" if coloured else "no")
sys.exit(0 if ok else 1)
PY
    local result=$?
    tm send-keys -t "$name" q
    local status
    status=$(wait_exit "$name" 10 || echo "none")
    local coloured
    coloured=$(cat "$WORK/$name.coloured" 2>/dev/null || echo "?")
    echo "$label: exit status $status; stderr $(wc -c <"$WORK/$name.stderr") bytes"
    [ -s "$WORK/$name.stderr" ] && head -5 "$WORK/$name.stderr"
    case "$label" in *vt100*|*NO_COLOR*) [ "$coloured" = no ] || { echo "$label: colour without colours"; result=1; } ;; esac
    [ "$result" = 0 ] && [ "$status" = 0 ] && [ ! -s "$WORK/$name.stderr" ]
}

export WORK
run_variant "TERM=xterm-256color" TERM=xterm-256color || FAILED=1
run_variant "TERM=xterm" TERM=xterm || FAILED=1
run_variant "TERM=screen" TERM=screen || FAILED=1
run_variant "TERM=vt100" TERM=vt100 || FAILED=1
run_variant "TERM=xterm-256color NO_COLOR=1" TERM=xterm-256color NO_COLOR=1 || FAILED=1

[ -z "${FAILED:-}" ] && echo "RESULT: pass" || { echo "RESULT: FAIL"; exit 1; }
