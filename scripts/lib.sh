# Shared set-up steps for scripts/run-app and scripts/test-all.
# Each step checks first and only installs or starts what is missing.
# shellcheck shell=bash

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

BUILD_PKGS=(build-essential pkg-config curl libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev
  libayatana-appindicator3-dev librsvg2-dev nodejs npm)
TEST_PKGS=(xvfb webkit2gtk-driver dbus gnome-keyring chromium postgresql postgresql-client redis-server procps x11-utils
  rpm desktop-file-utils)

# Installs the Debian/Ubuntu packages that are not installed yet.
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # Node from another source (nvm, NodeSource) is fine too.
  if command -v node >/dev/null && command -v npm >/dev/null; then
    local keep=()
    for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || keep+=("$p"); done
    missing=("${keep[@]}")
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get; install them by hand"
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_rust() {
  if ! command -v cargo >/dev/null; then
    [ -x "$HOME/.cargo/bin/cargo" ] || {
      log "installing Rust with rustup"
      curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    }
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  export PATH="$HOME/.cargo/bin:$PATH"
}

# Node 20.19+ or 22.12+ (what Vite 8 needs). Debian 12 ships Node 18: then a
# current Node comes from the npm registry (the node-linux-<arch> package)
# into ~/.cache/cryptodesk/node, and is put first on PATH.
node_ok() {
  command -v node >/dev/null && node -e '
    const [a, b] = process.versions.node.split(".").map(Number);
    process.exit((a === 20 && b >= 19) || (a === 22 && b >= 12) || a >= 23 ? 0 : 1);'
}

ensure_node() {
  node_ok && return 0
  local arch dir
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "Node 20.19 or later is needed; install it for $(uname -m) by hand" ;;
  esac
  dir="${XDG_CACHE_HOME:-$HOME/.cache}/cryptodesk/node"
  if [ ! -x "$dir/node_modules/node-linux-$arch/bin/node" ]; then
    log "installing Node 22 from the npm registry (the system's Node is older than 20.19)"
    npm install --prefix "$dir" --no-audit --no-fund "node-linux-$arch@22" >/dev/null
  fi
  export PATH="$dir/node_modules/node-linux-$arch/bin:$PATH"
  node_ok || die "Node 20.19 or later is needed (found $(node --version))"
}

ensure_ui() {
  ensure_node
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    log "installing UI packages"
    npm --prefix ui ci --no-audit --no-fund >/dev/null
  fi
  log "building the UI"
  npm --prefix ui run build >/dev/null
}

# PostgreSQL on 127.0.0.1:5432: started if installed but stopped; exports
# CRYPTODESK_TEST_PG with a role allowed to create databases.
ensure_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    log "starting PostgreSQL"
    local started=0
    for v in $(ls /etc/postgresql 2>/dev/null); do
      as_root pg_ctlcluster --skip-systemctl-redirect "$v" main start 2>/dev/null && started=1
    done
    [ $started -eq 1 ] || as_root service postgresql start >/dev/null 2>&1 || true
    for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
    pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL does not answer on 127.0.0.1:5432"
  fi
  if [ -z "${CRYPTODESK_TEST_PG:-}" ]; then
    if psql "postgres://postgres@127.0.0.1:5432/postgres" -Atqc 'select 1' >/dev/null 2>&1; then
      export CRYPTODESK_TEST_PG="postgres://postgres@127.0.0.1:5432/postgres"
    else
      # Fresh Debian: password auth on TCP; create a test role through the local socket.
      log "creating the PostgreSQL role cryptodesk_test"
      as_root runuser -u postgres -- psql -q -c "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cryptodesk_test') THEN
          CREATE ROLE cryptodesk_test LOGIN CREATEDB PASSWORD 'cryptodesk_test';
        END IF; END \$\$;" >/dev/null
      export CRYPTODESK_TEST_PG="postgres://cryptodesk_test:cryptodesk_test@127.0.0.1:5432/postgres"
    fi
  fi
}

# Redis on 127.0.0.1:6379: started if installed but stopped.
ensure_redis() {
  if ! redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
    log "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    for _ in $(seq 1 40); do redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && break; sleep 0.25; done
  fi
  export CRYPTODESK_TEST_REDIS="${CRYPTODESK_TEST_REDIS:-redis://127.0.0.1:6379}"
}

ensure_tauri_driver() {
  command -v tauri-driver >/dev/null && return 0
  log "installing tauri-driver"
  cargo install tauri-driver --locked --version '^2' >/dev/null 2>&1
}
