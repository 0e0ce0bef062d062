#!/usr/bin/env bash
# Usage: tests/browser/run.sh [check-site options] <site-dir> [<site-dir> ...]
# Installs what is needed (install.sh), then checks each built site in
# Chromium (axe-core, 320 px reflow, foreign requests, console errors, failed
# requests, chart text of at least 12 CSS px at 320 and 375 px) and with the
# Nu HTML Checker. Exit status is non-zero on any finding.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ $# -eq 0 ]; then
  echo "usage: $0 [--no-dark] [--no-css] [--no-svg] [--vnu-filter REGEX] [--jobs N] [--verbose] <site-dir> [<site-dir> ...]" >&2
  echo "0 passed, 1 failed"
  exit 2
fi

if ! bash "$HERE/install.sh"; then
  echo "run.sh: install.sh failed; browser checks not run" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# Site paths stay as given (relative to the caller's directory).
exec node "$HERE/check-site.mjs" "$@"
