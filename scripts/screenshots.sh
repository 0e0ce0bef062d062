#!/usr/bin/env bash
# Regenerates the README's screenshots in docs/screenshots/: the overview, the
# period page for 2023-jan-maj, the service page for agresso and the follow-up
# page of the example
# site, each at 1280 CSS px (desktop) and 375 CSS px (phone), full page height
# (up to 7500 px: a longer page is cut there), light colour scheme, in Debian's
# Chromium.
#
#   scripts/screenshots.sh
#
# Builds the example site in release mode into a temporary folder (output/ is
# not touched), opens the pages from disk (no server), and makes the PNGs small
# with pngquant (or optipng). Needs what tests/browser/install.sh installs
# (chromium, fonts, node, playwright-core); it runs that script first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

OUT=docs/screenshots
PAGES=(
  overview=index.html
  period=perioder/2023-jan-maj/index.html
  service=tjanster/agresso/index.html
  follow-up=uppfoljning/index.html
)

say() { printf 'screenshots.sh: %s\n' "$*"; }

if ! install_log="$(bash tests/browser/install.sh 2>&1)"; then
  printf '%s\n' "$install_log" >&2
  say "ERROR: tests/browser/install.sh failed"
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

say "building the example site (release) into $tmp/site"
cargo run --locked --release --quiet -- build --quiet --output "$tmp/site"

mkdir -p "$OUT"
node tests/browser/screenshots.mjs "$tmp/site" "$tmp/png" "${PAGES[@]}"

# Optimise: pngquant (lossy palette, visually the same) or else optipng.
if ! command -v pngquant >/dev/null 2>&1 && ! command -v optipng >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing pngquant"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends pngquant >/dev/null 2>&1 || true
  fi
fi
for png in "$tmp"/png/*.png; do
  name="$(basename "$png")"
  if command -v pngquant >/dev/null 2>&1; then
    pngquant --quality=70-95 --speed 1 --strip --force --output "$OUT/$name" -- "$png" \
      || cp "$png" "$OUT/$name"   # pngquant refuses when it cannot reach the quality: keep the original
  else
    cp "$png" "$OUT/$name"
    if command -v optipng >/dev/null 2>&1; then
      optipng -quiet -o2 -strip all "$OUT/$name"
    else
      say "warning: neither pngquant nor optipng found; $name is not optimised"
    fi
  fi
  say "$OUT/$name: $(( $(stat -c %s "$OUT/$name") / 1024 )) KB"
done
