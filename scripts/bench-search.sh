#!/usr/bin/env bash
# Measures what the site search adds (issue 20), for BENCHMARKS.md: the
# extra build time (median of 3 builds with the index and 3 without, in
# turns, each after the corpus was read into the page cache), the index's
# size, and per query the bytes fetched and the time from the last keystroke
# to the result list in Chromium (tests/browser/search-bench.mjs).
#
# Usage: scripts/bench-search.sh <insyn-without-search> [size ...]
#   <insyn-without-search>  a release build of the commit the search was
#                           added to (the same code less the index)
#   size                    records; default 10000 100000
# The corpora are those of the build benchmark (cargo bench --bench build --
# generate N DIR), kept under target/tmp/search-bench/; the builds are
# deleted at the end. Needs tests/browser/install.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."

WITHOUT="${1:?usage: scripts/bench-search.sh <insyn-without-search> [size ...]}"
shift
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000)
WITH=target/release/insyn
QUERIES=(Agresso Citr inloggning "certifikatet leverantören" "minnesbrist applikationsservrarna" personuppgift)

cargo build --release --quiet
work=target/tmp/search-bench
mkdir -p "$work"
trap 'rm -rf "$work"/out-*' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for n in "${SIZES[@]}"; do
  corpus="$work/corpus-$n"
  [ -f "$corpus/site.toml" ] || cargo bench --bench build -- generate "$n" "$corpus"
  : > "$work/times-$n"
  for rep in 1 2 3; do
    for which in without with; do
      bin="$WITHOUT"
      [ "$which" = with ] && bin="$WITH"
      out="$work/out-$n-$which-$rep"
      find "$corpus" -type f -exec cat {} + > /dev/null
      # wall s, CPU s (user + system), peak RSS KiB
      /usr/bin/time -f "$which %e %U %S %M" -a -o "$work/times-$n" "$bin" build --root "$corpus" --output "$out" --quiet
      tail -n 1 "$work/times-$n"
    done
  done
  # User CPU apart: system time here is mostly the disk's (see BENCHMARKS.md).
  for what in wall cpu user rss; do
    col='$2'
    [ $what = cpu ] && col='$3 + $4'
    [ $what = user ] && col='$3'
    [ $what = rss ] && col='$5 / 1024'
    without=$(awk "\$1 == \"without\" { print $col }" "$work/times-$n" | median)
    with=$(awk "\$1 == \"with\" { print $col }" "$work/times-$n" | median)
    echo "== $n records, $what (median of 3): without the index $without, with it $with," \
      "+$(echo "scale=3; $with - $without" | bc), +$(echo "scale=1; ($with - $without) * 100 / $without" | bc) %"
  done
  du -sb "$work/out-$n-with-1/sok" | awk '{ printf "   index folder sok/: %.1f MB\n", $1 / 1e6 }'
  node tests/browser/search-bench.mjs "$work/out-$n-with-1" "${QUERIES[@]}"
done
