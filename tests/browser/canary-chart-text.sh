#!/usr/bin/env bash
# Usage: tests/browser/canary-chart-text.sh <built-site-dir>
# Shows that the chart-text check fails when a chart label is too small: copies
# the built site into a scratch folder, shrinks the 12-unit labels of one of
# the overview's phone charts to 6 units, runs the browser check on that copy,
# and passes only if the check fails naming that chart at 320 and 375 px. The
# built site itself is not changed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
site="${1:?usage: $0 <built-site-dir>}"
chart="incidents-by-period-narrow.svg"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
canary="$scratch/site"
cp -r "$site" "$canary"
grep -q 'font-size="12"' "$canary/$chart" || { echo "canary: $chart has no 12-unit label to shrink" >&2; exit 1; }
sed -i 's/font-size="12"/font-size="6"/g' "$canary/$chart"

status=0
bash "$HERE/run.sh" --no-css --no-svg --no-dark "$canary" >"$scratch/report" 2>&1 || status=$?
if [ "$status" -ne 0 ] && grep -q "\[chart text\] at 320px: /$chart" "$scratch/report" \
  && grep -q "\[chart text\] at 375px: /$chart" "$scratch/report"; then
  grep "\[chart text\]" "$scratch/report"
  echo "canary: the chart-text check failed on the shrunk labels, as it must"
  exit 0
fi
echo "canary: the chart-text check did not report the shrunk labels of $chart (exit $status):" >&2
cat "$scratch/report" >&2
exit 1
