#!/usr/bin/env bash
# Tests the release bundles scripts/release built: the .deb's file list,
# dependencies and desktop entry, the .rpm's file list against it, the size
# goal, then installs the .deb on this machine, runs the installed binaries
# (the WebDriver smoke test against /usr/bin/cryptodesk-app), removes the
# package and checks that every file it installed is gone and the user's
# data folder stays.
#
# A machine that already has a cryptodesk package installed (a user's own)
# keeps it: the install steps are skipped there with a message.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
fail() { echo "release test: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

DEB="$(ls target/release/bundle/deb/cryptodesk_*_amd64.deb 2>/dev/null | head -n1 || true)"
RPM="$(ls target/release/bundle/rpm/cryptodesk-*.rpm 2>/dev/null | head -n1 || true)"
[ -f "$DEB" ] && [ -f "$RPM" ] || fail "no bundles: run ./scripts/release first"
VERSION="$(dpkg-deb -f "$DEB" Version)"
COMMIT="$(git rev-parse --short HEAD)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# 1. What the .deb holds: both binaries, the icons, the desktop entry; nothing else.
cat >"$WORK/expected" <<'EOF'
/usr/bin/cryptodesk
/usr/bin/cryptodesk-app
/usr/share/applications/Cryptodesk.desktop
/usr/share/icons/hicolor/128x128/apps/cryptodesk-app.png
/usr/share/icons/hicolor/256x256/apps/cryptodesk-app.png
/usr/share/icons/hicolor/32x32/apps/cryptodesk-app.png
/usr/share/icons/hicolor/512x512/apps/cryptodesk-app.png
/usr/share/icons/hicolor/64x64/apps/cryptodesk-app.png
EOF
dpkg-deb -c "$DEB" | awk '$1 !~ /^d/ {sub(/^\./, "", $6); print $6}' | sort >"$WORK/deb-files"
diff -u "$WORK/expected" "$WORK/deb-files" || fail "the .deb's file list differs from the expected one"
echo "deb files: $(wc -l <"$WORK/deb-files") as expected (binaries, icons, desktop entry)"

depends="$(dpkg-deb -f "$DEB" Depends)"
for d in libwebkit2gtk-4.1-0 libgtk-3-0 libayatana-appindicator3-1 librsvg2-2; do
  grep -qw -- "$d" <<<"$depends" || fail "Depends lacks $d: $depends"
done
echo "deb depends: $depends"

mkdir "$WORK/root"
dpkg-deb -x "$DEB" "$WORK/root"
desktop="$WORK/root/usr/share/applications/Cryptodesk.desktop"
desktop-file-validate "$desktop" || fail "the desktop entry is not valid"
grep -q '^Categories=.*Finance;' "$desktop" || fail "the desktop entry is not in the Finance category"
grep -q '^Exec=cryptodesk-app$' "$desktop" || fail "the desktop entry does not start cryptodesk-app"
grep -q '^Icon=cryptodesk-app$' "$desktop" || fail "the desktop entry's icon is not cryptodesk-app"
# No path of the build machine in the package's text files.
if grep -rIl -e "$ROOT" -e "$HOME" "$WORK/root/usr/share"; then fail "build-machine paths in the package"; fi
echo "desktop entry: valid, Finance, Exec=cryptodesk-app"

# 2. The .rpm holds the same files.
rpm -qlp "$RPM" 2>/dev/null | sort >"$WORK/rpm-files"
diff -u "$WORK/deb-files" "$WORK/rpm-files" || fail "the .rpm's file list differs from the .deb's"
echo "rpm files: the same as the deb's"

# 3. The size goal (BENCHMARKS.md): the .deb under 15 MB.
size=$(stat -c %s "$DEB")
[ "$size" -lt 15000000 ] || fail "the .deb is $size bytes, over the 15 MB goal"
echo "deb size: $size bytes (goal < 15000000)"

# 4. Install, run, remove.
if dpkg-query -W -f='${Status}' cryptodesk 2>/dev/null | grep -q "install ok installed"; then
  echo "SKIPPED install/remove: a cryptodesk package is already installed on this machine and is left alone"
  exit 0
fi
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$ROOT/$DEB" >/dev/null
trap 'as_root dpkg -r cryptodesk >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
dpkg -L cryptodesk | while read -r f; do [ -d "$f" ] || echo "$f"; done | sort >"$WORK/installed"
diff -u "$WORK/deb-files" "$WORK/installed" || fail "dpkg -L differs from the package's file list"
[ "$(command -v cryptodesk-app)" = /usr/bin/cryptodesk-app ] || fail "cryptodesk-app is not on PATH"

want="cryptodesk $VERSION ($COMMIT)"
got="$(/usr/bin/cryptodesk --version)"
[ "$got" = "$want" ] || fail "cryptodesk --version says '$got', not '$want'"
/usr/bin/cryptodesk --help | grep -q "headless" || fail "cryptodesk --help"
echo "installed: $got"

# The installed headless binary writes the user's data folder.
mkdir -p "$WORK/home" "$WORK/config" "$WORK/data"
HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" CRYPTODESK_KEYRING=off \
  /usr/bin/cryptodesk portfolio list >/dev/null
data_files="$(find "$WORK/data/cryptodesk" -type f | sort)"
[ -n "$data_files" ] || fail "the installed binary wrote no data"

# The existing WebDriver smoke test, against the installed app.
APP=/usr/bin/cryptodesk-app EXPECT_ABOUT="Cryptodesk $VERSION (commit $COMMIT)" SCREENSHOTS="$WORK/shots" \
  "$ROOT/tests/desktop/run.sh"
echo "WebDriver smoke test passed against /usr/bin/cryptodesk-app"

as_root dpkg -r cryptodesk >/dev/null
while read -r f; do [ ! -e "$f" ] || fail "$f is still there after dpkg -r"; done <"$WORK/installed"
[ "$(find "$WORK/data/cryptodesk" -type f | sort)" = "$data_files" ] || fail "dpkg -r touched the user's data"
echo "removed: every installed file is gone; the user's data folder stays"
