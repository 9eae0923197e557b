#!/usr/bin/env bash
# Sourced by scripts/test-all: builds TimescaleDB from the source tarball
# named by TIMESCALEDB_TARBALL (checked against the SHA256SUMS beside it, if
# any) against the installed PostgreSQL, unless that version is installed
# already, then starts a throwaway cluster that preloads it on a free
# loopback port and exports CRYPTODESK_TEST_TSDB. Without a tarball the
# TimescaleDB tier is skipped, with a message. The cluster stops when the
# calling script exits (tsdb_stop).
# shellcheck shell=bash

TSDB_VERSION=2.28.3

tsdb_setup() {
  if [ -z "${TIMESCALEDB_TARBALL:-}" ]; then
    log "SKIPPING the TimescaleDB tier: no TIMESCALEDB_TARBALL given (the source tarball timescaledb-$TSDB_VERSION.tar.gz)"
    return 0
  fi
  [ -f "$TIMESCALEDB_TARBALL" ] || die "TIMESCALEDB_TARBALL=$TIMESCALEDB_TARBALL does not exist"
  local tarball pgver bindir
  tarball="$(cd "$(dirname "$TIMESCALEDB_TARBALL")" && pwd)/$(basename "$TIMESCALEDB_TARBALL")"
  local sums
  sums="$(dirname "$tarball")/SHA256SUMS"
  if [ -f "$sums" ]; then
    (cd "$(dirname "$tarball")" && grep " $(basename "$tarball")\$" SHA256SUMS | sha256sum -c --quiet -) \
      || die "checksum mismatch for $tarball"
  fi
  pgver="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
  bindir="/usr/lib/postgresql/$pgver/bin"
  if ! ls "/usr/share/postgresql/$pgver/extension/timescaledb--$TSDB_VERSION.sql" >/dev/null 2>&1; then
    log "building TimescaleDB $TSDB_VERSION for PostgreSQL $pgver (about 3 minutes)"
    local server
    server="$(dpkg-query -W -f='${Version}' "postgresql-$pgver")"
    if ! dpkg-query -W -f='${Status}' "postgresql-server-dev-$pgver" 2>/dev/null | grep -q "install ok installed"; then
      as_root apt-get update -qq
      # The headers of the running server's version; a mirror that no
      # longer has it gets the current ones (same major version).
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        "postgresql-server-dev-$pgver=$server" cmake build-essential >/dev/null 2>&1 \
        || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
          "postgresql-server-dev-$pgver" cmake build-essential >/dev/null
    fi
    ensure_packages cmake build-essential
    local src
    src="$(mktemp -d)"
    tar -xzf "$tarball" -C "$src"
    (
      cd "$src/timescaledb-$TSDB_VERSION"
      ./bootstrap -DCMAKE_BUILD_TYPE=Release -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF \
        -DWARNINGS_AS_ERRORS=OFF -DLINTER=OFF -DUSE_OPENSSL=OFF \
        -DSEND_TELEMETRY_DEFAULT=OFF -DPG_CONFIG="$bindir/pg_config"
      make -C build -j"$(nproc)"
      as_root make -C build install
    ) >"$src/build.log" 2>&1 || { tail -40 "$src/build.log"; die "building TimescaleDB failed"; }
    rm -rf "$src"
  fi
  # A throwaway cluster that preloads the extension, run as postgres.
  TSDB_DIR="$(mktemp -d)"
  TSDB_BINDIR="$bindir"
  as_root chown postgres "$TSDB_DIR"
  local port=5433
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  as_root runuser -u postgres -- "$bindir/initdb" -D "$TSDB_DIR/data" -A trust -U postgres >/dev/null
  # The data folder belongs to postgres (0700): write as root.
  as_root tee -a "$TSDB_DIR/data/postgresql.conf" >/dev/null <<CONF
shared_preload_libraries = 'timescaledb'
timescaledb.telemetry_level = off
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$TSDB_DIR'
max_worker_processes = 16
CONF
  as_root runuser -u postgres -- "$bindir/pg_ctl" -D "$TSDB_DIR/data" -l "$TSDB_DIR/log" -w start >/dev/null \
    || { cat "$TSDB_DIR/log"; die "the TimescaleDB test cluster did not start"; }
  export CRYPTODESK_TEST_TSDB="postgres://postgres@127.0.0.1:$port/postgres"
  log "TimescaleDB $TSDB_VERSION test cluster on 127.0.0.1:$port"
}

tsdb_stop() {
  # $TSDB_DIR is postgres's (0700), so only the variable says it was started.
  if [ -n "${TSDB_DIR:-}" ] && [ -n "${TSDB_BINDIR:-}" ]; then
    as_root runuser -u postgres -- "$TSDB_BINDIR/pg_ctl" -D "$TSDB_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    as_root rm -rf "$TSDB_DIR"
  fi
}
