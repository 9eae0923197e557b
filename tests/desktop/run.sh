#!/usr/bin/env bash
# Starts Xvfb, a private session bus with a fake tray host and a fake
# notification server, the fake exchange and tauri-driver, then runs the
# WebDriver test of the real window against the debug build of the app.
# HOME and the XDG folders are temporary: the test never touches the user's
# files. Screenshots of every page go to docs/screenshots/ (SCREENSHOTS=dir
# to put them elsewhere).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
APP="${APP:-$ROOT/target/debug/cryptodesk-app}"
[ -x "$APP" ] || { echo "build the app first: cargo build -p cryptodesk-app" >&2; exit 1; }
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  # The desktop portal may leave its document FUSE mount under the test HOME.
  for m in $(awk -v w="$WORK" 'index($2, w) == 1 {print $2}' /proc/mounts); do
    fusermount -uz "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
  rm -rf "$WORK" 2>/dev/null || true
}
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

mkdir -p "$WORK/home" "$WORK/config" "$WORK/data"
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
export APP
export FAKE_EXCHANGE="${FAKE_API%/api/v3}"
export BINANCE_API_URL="$FAKE_API"
export CURRENCY_API_URL="$FAKE_EXCHANGE/v4/latest/USD" CURRENCY_HISTORY_URL="$FAKE_EXCHANGE/v1"
export CRYPTODESK_KEYRING=off
export CRYPTODESK_POLL_SECONDS=1
export LANG=en_US.UTF-8 TZ=UTC
export NOTIFICATIONS_LOG="$WORK/notifications.jsonl"
export CONFIG_FILE="$XDG_CONFIG_HOME/cryptodesk/config.env"
export SCREENSHOTS="${SCREENSHOTS:-$ROOT/docs/screenshots}"
mkdir -p "$SCREENSHOTS"
unset DATABASE_URL REDIS_URL CRYPTODESK_DATA_DIR

# tauri-driver, the app, a fake tray host and a fake notification server
# share a private session bus.
dbus-run-session -- bash -c '
  "'"$ROOT"'/target/debug/fake-tray-host" >"'"$WORK"'/tray.log" 2>&1 &
  TRAY=$!
  "'"$ROOT"'/target/debug/fake-notifier" >"$NOTIFICATIONS_LOG" 2>"'"$WORK"'/notifier.log" &
  NOTIFIER=$!
  for _ in $(seq 1 50); do grep -q "tray host ready" "'"$WORK"'/tray.log" 2>/dev/null && grep -q "ready" "'"$WORK"'/notifier.log" 2>/dev/null && break; sleep 0.1; done
  tauri-driver --port 4444 >"'"$WORK"'/driver.log" 2>&1 &
  DRIVER=$!
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/4444) 2>/dev/null && break; sleep 0.1; done
  status=0
  node "'"$ROOT"'/tests/desktop/webdriver.mjs" || status=$?
  kill $DRIVER $TRAY $NOTIFIER 2>/dev/null || true
  exit $status
' || { echo "--- tauri-driver log"; cat "$WORK/driver.log"; echo "--- app log"; cat "$WORK"/data/cryptodesk/logs/* 2>/dev/null | tail -50; exit 1; }
# The app put its icon in the tray (an AppIndicator registered with the host).
grep -q "registered item" "$WORK/tray.log" || { echo "the tray icon never registered:"; cat "$WORK/tray.log"; exit 1; }
echo "tray icon registered with the tray host"
# Quitting stopped the poll loop and waited for it.
grep -q "quit: poller stopped and database closed" "$WORK"/data/cryptodesk/logs/* || { echo "the poller was not stopped on quit:"; tail -20 "$WORK"/data/cryptodesk/logs/*; exit 1; }
# The second launch handed over to the running app.
grep -q "second launch: focusing the running window" "$WORK"/data/cryptodesk/logs/* || { echo "the second launch did not reach the first"; exit 1; }
echo "quit stopped the poller"

# Start minimised: with the setting the window stays in the tray, without it
# the window shows (a tray host is present in both runs). Quit from the tray.
window_state() { # env assignments; writes whether the main window is viewable to $WORK/winstate
  "$ROOT/target/debug/fake-tray-host" >"$WORK/tray2.log" 2>&1 &
  local tray=$!
  for _ in $(seq 1 50); do grep -q "tray host ready" "$WORK/tray2.log" && break; sleep 0.1; done
  env "$@" "$APP" >"$WORK/min.log" 2>&1 &
  local app=$!
  for _ in $(seq 1 150); do grep -q "registered item" "$WORK/tray2.log" && break; sleep 0.1; done
  sleep 2
  if xwininfo -name Cryptodesk 2>/dev/null | grep -q "IsViewable"; then echo shown; else echo hidden; fi >"$WORK/winstate"
  dbus-send --session --print-reply --dest=org.kde.StatusNotifierWatcher /StatusNotifierWatcher \
    app.cryptodesk.FakeTray.Click string:Quit >/dev/null
  for _ in $(seq 1 100); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
  kill "$app" "$tray" 2>/dev/null || true
}
export -f window_state
export ROOT WORK
dbus-run-session -- bash -c 'window_state CRYPTODESK_START_MINIMIZED=on' >/dev/null 2>&1
[ "$(cat "$WORK/winstate")" = hidden ] || { echo "started minimised, yet the window shows"; exit 1; }
dbus-run-session -- bash -c 'window_state CRYPTODESK_START_MINIMIZED=off' >/dev/null 2>&1
[ "$(cat "$WORK/winstate")" = shown ] || { echo "the window does not show at a normal start"; exit 1; }
echo "start minimised: the window stays in the tray"

# A start-up failure shows a native error dialog with the reason and the log
# folder, and exits non-zero: an unreadable config file, then an unreachable
# database.
startup_dialog() { # $1 = what, then env assignments
  local what="$1"; shift
  env "$@" "$APP" >"$WORK/fail.out" 2>"$WORK/fail.err" &
  local pid=$! found=0
  for _ in $(seq 1 150); do
    if xwininfo -root -tree 2>/dev/null | grep -q '"Cryptodesk cannot start"'; then found=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ "$found" = 1 ] || { echo "no error dialog for $what:"; cat "$WORK/fail.err"; exit 1; }
  echo "start-up failure ($what): error dialog shown; $(grep -m1 'cannot start' "$WORK/fail.err")"
}
export -f startup_dialog
printf 'CRYPTODESK_THEME=blue\n' >"$CONFIG_FILE"
dbus-run-session -- bash -c 'startup_dialog "unreadable config" CRYPTODESK_DATA_DIR="$WORK/fail1"'
grep -q "CRYPTODESK_THEME" "$WORK/fail.err" || { echo "the reason is not named"; cat "$WORK/fail.err"; exit 1; }
rm -f "$CONFIG_FILE"
dbus-run-session -- bash -c 'startup_dialog "unreachable database" CRYPTODESK_DATA_DIR="$WORK/fail2" DATABASE_URL=postgres://nobody@127.0.0.1:1/nothing'
grep -q "Cryptodesk cannot start: database error" "$WORK/fail.err" || { echo "the reason is not named"; cat "$WORK/fail.err"; exit 1; }
echo "screenshots: $SCREENSHOTS"
