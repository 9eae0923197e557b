#!/usr/bin/env bash
# Imports a generated 100,000-row Binance spot trade history with the release
# `cryptodesk` into a fresh SQLite file and (when reachable) a fresh
# PostgreSQL database, against the test kit's fake exchange and FX services,
# and prints rows per second for each. Run from the repository root:
#   cargo build --release -p cryptodesk-cli -p cryptodesk-testkit && bench/portfolio-import.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'kill "${FAKE_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
python3 - "$WORK/big.csv" <<'PY'
import sys
rows = ["\ufeffDate(UTC),Pair,Side,Price,Executed,Amount,Fee"]
for i in range(100_000):
    day, month = 1 + i % 28, 1 + (i // 28) % 12
    rows.append(f"2024-{month:02d}-{day:02d} 10:{(i // 60) % 60:02d}:{i % 60:02d},SOLUSDT,BUY,"
                f"{100 + i % 50}.{i % 100:02d},0.{1 + i % 9999:04d}SOL,1USDT,0.001USDT")
open(sys.argv[1], "w").write("\r\n".join(rows) + "\r\n")
PY
"$ROOT/target/release/fake-exchange" --port 0 >"$WORK/fake.url" 2>/dev/null &
FAKE_PID=$!
for _ in $(seq 1 50); do [ -s "$WORK/fake.url" ] && break; sleep 0.1; done
API="$(head -n1 "$WORK/fake.url")"; BASE="${API%/api/v3}"
run() { # name, then env assignments
    local name="$1"; shift
    mkdir -p "$WORK/$name"
    local start end
    start=$(date +%s.%N)
    env HOME="$WORK/$name" XDG_CONFIG_HOME="$WORK/$name" XDG_DATA_HOME="$WORK/$name" \
        CRYPTODESK_DATA_DIR="$WORK/$name" CRYPTODESK_KEYRING=off BINANCE_API_URL="$API" \
        CURRENCY_API_URL="$BASE/v4/latest/USD" CURRENCY_HISTORY_URL="$BASE/v1" "$@" \
        "$ROOT/target/release/cryptodesk" portfolio import "$WORK/big.csv" >/dev/null
    end=$(date +%s.%N)
    python3 -c "s=$end-$start; print(f'$name: 100,000 rows in {s:.2f} s = {100000/s:,.0f} rows/s')"
}
run sqlite
if psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS cd_bench_import" \
        -c "CREATE DATABASE cd_bench_import" >/dev/null 2>&1; then
    run postgresql DATABASE_URL=postgres://postgres@127.0.0.1:5432/cd_bench_import
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE cd_bench_import" >/dev/null
fi
