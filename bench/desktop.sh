#!/usr/bin/env bash
# Desktop benchmarks of the release build, median of RUNS (default 5):
#  - cold start to first paint: from just before the process is spawned to
#    the wall-clock time the UI reports its first render (the app logs it);
#  - idle memory: PSS (from /proc/<pid>/smaps_rollup) of the app process and
#    every process under it (WebKit's web and network processes), after
#    IDLE seconds (default 60) with 20 tracked symbols and a 10 s poll.
# Runs under Xvfb with a private D-Bus and the fake exchange, in temporary
# HOME/XDG folders.  Usage: bench/desktop.sh   (RUNS=5 IDLE=60)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-5}" IDLE="${IDLE:-60}"
cd "$ROOT"
npm --prefix ui run build >/dev/null
cargo build --release --locked -p cryptodesk-app -p cryptodesk-cli -p cryptodesk-testkit --bins 2>&1 | tail -1
REL="$ROOT/target/release"
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

DISPLAY_NUM=120
while [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ]; do DISPLAY_NUM=$((DISPLAY_NUM + 1)); done
Xvfb ":$DISPLAY_NUM" -screen 0 1280x860x24 -nolisten tcp >/dev/null 2>&1 &
PIDS+=($!)
export DISPLAY=":$DISPLAY_NUM"
sleep 1
"$REL/fake-exchange" --port 0 >"$WORK/fake.url" 2>/dev/null &
PIDS+=($!)
for _ in $(seq 1 50); do [ -s "$WORK/fake.url" ] && break; sleep 0.1; done
API="$(head -n1 "$WORK/fake.url")"
BASE="${API%/api/v3}"
# 16 more listed pairs, so 20 trading symbols can be tracked (SRM is not trading).
EXTRA=(ADA XRP DOGE DOT AVAX LINK LTC TRX ATOM UNI XLM ETC FIL APT NEAR ARB)
for s in "${EXTRA[@]}"; do curl -s -X POST "$BASE/_control/price?symbol=${s}USDT&price=1.2345" >/dev/null; done

export CURRENCY_API_URL="$BASE/v4/latest/USD" CURRENCY_HISTORY_URL="$BASE/v1"
export BINANCE_API_URL="$API" CRYPTODESK_KEYRING=off CRYPTODESK_NOTIFICATIONS=off CRYPTODESK_POLL_SECONDS=10
unset DATABASE_URL REDIS_URL CRYPTODESK_DATA_DIR

pss_kb() { # sum of PSS over a process tree
  local total=0 pid
  for pid in "$@"; do
    local kb
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
    local kids
    kids=$(pgrep -P "$pid" || true)
    [ -n "$kids" ] && total=$((total + $(pss_kb $kids)))
  done
  echo "$total"
}

pss_each() { # "name MB" per process of the tree
  local pid
  for pid in "$@"; do
    echo "$(cat "/proc/$pid/comm" 2>/dev/null) $(( $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0) / 1024 ))"
    local kids
    kids=$(pgrep -P "$pid" || true)
    [ -n "$kids" ] && pss_each $kids
  done
}

export -f pss_kb pss_each
STARTS=() MEMS=()
for run in $(seq 1 "$RUNS"); do
  R="$WORK/run$run"; mkdir -p "$R/home" "$R/config" "$R/data"
  export HOME="$R/home" XDG_CONFIG_HOME="$R/config" XDG_DATA_HOME="$R/data"
  for s in BTC ETH BNB SOL "${EXTRA[@]}"; do
    "$REL/cryptodesk" portfolio add --symbol "$s" --amount 1 --price 1 >/dev/null
  done
  dbus-run-session -- bash -c '
    t0=$(date +%s%3N)
    CRYPTODESK_LOG=info "'"$REL"'/cryptodesk-app" >"'"$R"'/app.log" 2>&1 &
    app=$!
    for _ in $(seq 1 300); do grep -q "first paint" "'"$R"'/app.log" && break; sleep 0.05; done
    painted=$(grep -o "unix_ms=[0-9]*" "'"$R"'/app.log" | head -1 | cut -d= -f2)
    sleep '"$IDLE"'
    echo "$((painted - t0)) $(pss_kb $app)" >"'"$R"'/result"
    pss_each $app | grep -v " 0$" | paste -sd, >"'"$R"'/each"
    if [ -n "${SMAPS_DIR:-}" ]; then for p in $app $(pgrep -P $app); do cp /proc/$p/smaps "$SMAPS_DIR/$(cat /proc/$p/comm).smaps"; done; fi
    kill $app; wait $app 2>/dev/null || true
  ' >/dev/null 2>&1
  read -r start mem <"$R/result"
  STARTS+=("$start"); MEMS+=("$mem")
  echo "run $run: first paint after ${start} ms, idle PSS $((mem / 1024)) MB ($(cat "$R/each"))"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median cold start to first paint: $(median "${STARTS[@]}") ms (goal < 1500)"
echo "median idle PSS (app + WebKit processes, 20 symbols, ${IDLE}s): $(( $(median "${MEMS[@]}") / 1024 )) MB (goal < 200)"
