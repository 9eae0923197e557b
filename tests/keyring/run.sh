#!/usr/bin/env bash
# The real OS keyring on Linux: a private session bus with an unlocked
# gnome-keyring (Secret Service). A password stored with `cryptodesk secrets
# set` fills a DATABASE_URL that has a user and no password, and is never
# printed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="$ROOT/target/debug/cryptodesk"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" XDG_RUNTIME_DIR="$WORK/run" CRYPTODESK_DATA_DIR="$WORK/cd"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset DATABASE_URL REDIS_URL CRYPTODESK_KEYRING

dbus-run-session -- bash -euo pipefail -c '
  eval "$(printf "test-password" | gnome-keyring-daemon --unlock --components=secrets)"
  printf "s3cr3t-pw" | "'"$BIN"'" secrets set database-password
  out="$(DATABASE_URL=postgres://app@db.invalid:5432/cryptodesk "'"$BIN"'" config show)"
  echo "$out" | grep -q "^DATABASE_URL=postgres://app:\*\*\*@db.invalid:5432/cryptodesk$" \
    || { echo "keyring password not applied: $out" >&2; exit 1; }
  if echo "$out" | grep -q "s3cr3t-pw"; then echo "secret printed" >&2; exit 1; fi
  "'"$BIN"'" secrets delete database-password
  out="$(DATABASE_URL=postgres://app@db.invalid:5432/cryptodesk "'"$BIN"'" config show)"
  echo "$out" | grep -q "^DATABASE_URL=postgres://app@db.invalid:5432/cryptodesk$" \
    || { echo "deleted secret still applied: $out" >&2; exit 1; }
'
echo "keyring test passed"
