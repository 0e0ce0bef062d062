#!/usr/bin/env bash
# The build benchmark (see BENCHMARKS.md): installs Hugo for the side-by-side
# run when it is missing, then runs `cargo bench --bench build` with any
# options given, e.g. `scripts/bench.sh --quick` or `scripts/bench.sh --sizes 10000`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v hugo >/dev/null 2>&1; then
    echo "== installing hugo (Debian package) for the side-by-side run"
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && apt-get install -y -qq hugo
    else
        sudo apt-get update -qq && sudo apt-get install -y -qq hugo
    fi
fi
exec cargo bench --bench build -- "$@"
