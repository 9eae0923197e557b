#!/usr/bin/env bash
# Starts Xvfb, a session bus, the fake exchange and tauri-driver, then runs
# the WebDriver smoke test against the debug build of the app.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
APP="$ROOT/target/debug/cryptodesk-app"
[ -x "$APP" ] || { echo "build the app first: cargo build -p cryptodesk-app" >&2; exit 1; }
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# A free display number.
DISPLAY_NUM=99
while [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] || [ -e "/tmp/.X$DISPLAY_NUM-lock" ]; do DISPLAY_NUM=$((DISPLAY_NUM + 1)); done
Xvfb ":$DISPLAY_NUM" -screen 0 1280x860x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
PIDS+=($!)
export DISPLAY=":$DISPLAY_NUM"
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] && break; sleep 0.1; done

"$ROOT/target/debug/fake-exchange" --port 0 >"$WORK/fake.url" 2>"$WORK/fake.log" &
PIDS+=($!)
for _ in $(seq 1 50); do [ -s "$WORK/fake.url" ] && break; sleep 0.1; done
FAKE_API="$(head -n1 "$WORK/fake.url")"

export APP
export FAKE_EXCHANGE="${FAKE_API%/api/v3}"
export BINANCE_API_URL="$FAKE_API"
export CRYPTODESK_DATA_DIR="$WORK/data"
export CRYPTODESK_KEYRING=off
export CRYPTODESK_POLL_SECONDS=1
export SCREENSHOT="${SCREENSHOT:-$ROOT/target/desktop-screenshot.png}"
unset DATABASE_URL REDIS_URL

# tauri-driver, the app and a fake tray host share a private session bus.
dbus-run-session -- bash -c '
  "'"$ROOT"'/target/debug/fake-tray-host" >"'"$WORK"'/tray.log" 2>&1 &
  TRAY=$!
  for _ in $(seq 1 50); do grep -q "tray host ready" "'"$WORK"'/tray.log" 2>/dev/null && break; sleep 0.1; done
  tauri-driver --port 4444 >"'"$WORK"'/driver.log" 2>&1 &
  DRIVER=$!
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/4444) 2>/dev/null && break; sleep 0.1; done
  status=0
  node "'"$ROOT"'/tests/desktop/webdriver.mjs" || status=$?
  kill $DRIVER $TRAY 2>/dev/null || true
  exit $status
' || { echo "--- tauri-driver log"; cat "$WORK/driver.log"; exit 1; }
# The app put its icon in the tray (an AppIndicator registered with the host).
grep -q "registered item" "$WORK/tray.log" || { echo "the tray icon never registered:"; cat "$WORK/tray.log"; exit 1; }
echo "tray icon registered with the tray host"
echo "screenshot: $SCREENSHOT"
