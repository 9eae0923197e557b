#!/usr/bin/env bash
# History import benchmark, one run, ratios against a baseline in the same run:
#  - `cryptodesk history import` of N candles (default 1,000,000) into
#    PostgreSQL against a raw `psql \copy` of the same rows into an
#    equivalent table (`LIKE candles INCLUDING ALL`); three rounds, each on
#    a new symbol (so each import takes the direct COPY path), medians;
#  - the same import into a fresh SQLite file: rows per second.
# Wall times of the whole commands (process start, connect, parse, write).
# Usage: bench/history.sh   (N=1000000; PostgreSQL on 127.0.0.1:5432)
source "$(dirname "$0")/../scripts/lib.sh"
ensure_postgres
N="${N:-1000000}"
cargo build --release --locked -p cryptodesk-cli 2>&1 | tail -1
BIN="$ROOT/target/release/cryptodesk"
WORK="$(mktemp -d)"
DB="cd_bench_$$"
cleanup() {
  psql "$CRYPTODESK_TEST_PG" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/home" "$WORK/config" "$WORK/data"
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
export CRYPTODESK_KEYRING=off CRYPTODESK_NOTIFICATIONS=off CRYPTODESK_DATA_DIR="$WORK/data"

"$BIN" synth-candles --rows "$N" >"$WORK/candles.csv"
psql "$CRYPTODESK_TEST_PG" -qc "CREATE DATABASE $DB" >/dev/null
PG="${CRYPTODESK_TEST_PG%/*}/$DB"
DATABASE_URL="$PG" "$BIN" db migrate 2>/dev/null
psql "$PG" -qc "CREATE TABLE candles_raw (LIKE candles INCLUDING ALL)" >/dev/null

secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }'; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }

ours=() raw=()
for sym in BTC ETH SOL; do
  ours+=("$(DATABASE_URL="$PG" secs "$BIN" history import --candles "$WORK/candles.csv" --symbol "$sym" --interval 1h)")
  # The same rows as the import's COPY sends: pair, interval, time, prices.
  awk -v p="${sym}USDT" 'NR > 1 { print p ",1h," $0 }' "$WORK/candles.csv" >"$WORK/raw.csv"
  psql "$PG" -qc "TRUNCATE candles_raw" >/dev/null
  raw+=("$(secs psql "$PG" -qc "\\copy candles_raw (symbol, interval, open_time, open, high, low, close, volume) FROM '$WORK/raw.csv' WITH (FORMAT csv)")")
done
o=$(median "${ours[@]}") r=$(median "${raw[@]}")
sqlite=$(CRYPTODESK_DATA_DIR="$WORK/sqlite" secs "$BIN" history import --candles "$WORK/candles.csv" --symbol BTC --interval 1h)
{
  echo "rows: $N"
  echo "postgres import (median of 3): ${o}s = $(calc %d "$N / $o") rows/s; runs: ${ours[*]}"
  echo "psql \\copy, same rows (median of 3): ${r}s = $(calc %d "$N / $r") rows/s; runs: ${raw[*]}"
  echo "import rate / raw rate: $(calc %.3f "$r / $o") (goal >= 0.70)"
  echo "sqlite import: ${sqlite}s = $(calc %d "$N / $sqlite") rows/s"
} | tee "${OUT:-/dev/stderr}"
