#!/usr/bin/env bash
# Installs what tests/browser/check-site.mjs needs, on Debian (12 or later),
# non-interactively and idempotently. Run as root (or with password-less sudo).
#
#   - Debian's chromium at /usr/bin/chromium (never a browser download)
#   - fonts-dejavu-core + fonts-liberation (same fonts everywhere, so layout
#     and reflow results do not depend on what a machine happens to have)
#   - a Java runtime >= 17 for the Nu HTML Checker (default-jre-headless)
#   - Node.js >= 20 and npm (checked; installed from Debian if missing)
#   - node_modules from package-lock.json via `npm ci` (skipped when a stamp
#     shows node_modules already matches the lock file and this node version)
#
# Exits non-zero with a message naming what is missing if anything cannot be
# installed; it never passes silently.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CHROMIUM=/usr/bin/chromium
MIN_NODE_MAJOR=20
MIN_JAVA_MAJOR=17
export DEBIAN_FRONTEND=noninteractive

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: ERROR: %s\n' "$*" >&2; exit 1; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  fi
fi
need_root() {
  if [ "$(id -u)" -ne 0 ] && [ ${#SUDO[@]} -eq 0 ]; then
    die "$1 is missing and installing it needs root (apt-get); run install.sh as root"
  fi
}

# apt-get with retries while another apt/dpkg holds its locks (apt-get update
# does not honour DPkg::Lock::Timeout for the lists lock).
apt_run() {
  local out rc tries=0
  while :; do
    set +e
    out="$("${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 "$@" 2>&1)"
    rc=$?
    set -e
    if [ $rc -eq 0 ]; then return 0; fi
    if printf '%s' "$out" | grep -qE 'Could not get lock|Unable to lock|is another process using it'; then
      tries=$((tries + 1))
      if [ $tries -gt 120 ]; then
        printf '%s\n' "$out" | tail -n 20 >&2
        return $rc
      fi
      [ $tries -eq 1 ] && say "apt is busy (another apt/dpkg runs); waiting for its lock..."
      sleep 5
      continue
    fi
    printf '%s\n' "$out" | tail -n 30 >&2
    return $rc
  done
}

APT_UPDATED=0
apt_install() {
  need_root "$*"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: cannot install $* (this script targets Debian)"
  if [ $APT_UPDATED -eq 0 ]; then
    say "apt-get update"
    apt_run update || die "apt-get update failed; cannot install $*"
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  apt_run install -y --no-install-recommends "$@" || die "apt-get install $* failed"
}

pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# ---------------------------------------------------------------- chromium + fonts
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
for p in fonts-dejavu-core fonts-liberation; do
  pkg_installed "$p" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
fi
[ -x "$CHROMIUM" ] || die "$CHROMIUM still missing after installing the chromium package"
chromium_version="$("$CHROMIUM" --version 2>/dev/null | grep -Eo 'Chromium [0-9.]+' || true)"
[ -n "$chromium_version" ] || die "$CHROMIUM does not run ('$CHROMIUM --version' failed)"

# ---------------------------------------------------------------- java
java_major() {
  # `java -version` prints e.g.: openjdk version "17.0.15" 2025-04-15
  local v
  v="$(java -version 2>&1 | sed -nE 's/.*version "([0-9]+)(\.[0-9]+)*.*".*/\1/p' | head -n 1)"
  [ "$v" = 1 ] && v=8   # "1.8.0_..." style
  printf '%s' "${v:-0}"
}
if ! command -v java >/dev/null 2>&1 || ! java -version >/dev/null 2>&1 || [ "$(java_major)" -lt $MIN_JAVA_MAJOR ]; then
  apt_install default-jre-headless
  hash -r
fi
if ! command -v java >/dev/null 2>&1 || ! java -version >/dev/null 2>&1; then
  die "java does not run after installing default-jre-headless (the Nu HTML Checker needs Java >= $MIN_JAVA_MAJOR)"
fi
[ "$(java_major)" -ge $MIN_JAVA_MAJOR ] \
  || die "java is version $(java_major); the Nu HTML Checker (vnu.jar) needs Java >= $MIN_JAVA_MAJOR"

# ---------------------------------------------------------------- node + npm
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  pkgs=()
  command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
  command -v npm >/dev/null 2>&1 || pkgs+=(npm)
  apt_install "${pkgs[@]}"
  hash -r
fi
command -v node >/dev/null 2>&1 || die "node not found after installing nodejs"
command -v npm >/dev/null 2>&1 || die "npm not found after installing npm"
[ "$(node_major)" -ge $MIN_NODE_MAJOR ] \
  || die "node $(node -v) is too old: playwright-core needs Node.js >= $MIN_NODE_MAJOR"

# ---------------------------------------------------------------- node_modules
cd "$HERE"
[ -f package-lock.json ] || die "$HERE/package-lock.json missing"
stamp_file=node_modules/.insyn-install-stamp
stamp="$(sha256sum package-lock.json | cut -d' ' -f1) node-$(node -v)"
have_files() {
  [ -f node_modules/playwright-core/package.json ] &&
  [ -f node_modules/axe-core/axe.min.js ] &&
  [ -f node_modules/vnu-jar/build/dist/vnu.jar ]
}
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ] && have_files; then
  say "node_modules up to date with package-lock.json"
else
  say "npm ci"
  # --ignore-scripts: vnu-jar's postinstall would try to download a Java
  # runtime when it finds none; the jar itself is in the npm tarball and Java
  # comes from Debian (above). No package here needs an install script.
  npm ci --no-audit --no-fund --ignore-scripts \
    || die "npm ci failed in $HERE (is the npm registry reachable?)"
  have_files || die "npm ci finished but playwright-core, axe-core or vnu.jar is missing from node_modules"
  printf '%s\n' "$stamp" > "$stamp_file"
fi

say "ready: $chromium_version, java $(java_major), node $(node -v), $(node -p "'playwright-core ' + require('playwright-core/package.json').version + ', axe-core ' + require('axe-core/package.json').version + ', vnu-jar ' + require('vnu-jar/package.json').version")"
