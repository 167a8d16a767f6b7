#!/usr/bin/env bash
# Runs the same selection twice, on all cores and pinned to one core (taskset -c 0), and
# renders one report with both side by side: cross-CPU wake-ups are part of what a hand-off
# costs, and pinning shows how much.
#   scripts/run-pinned.sh [JMH options and benchmark regex]   (default: IncrementBenchmark)
set -euo pipefail
case "${1:-}" in -h|--help)
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
command -v taskset >/dev/null || { echo "run-pinned: taskset not found (package util-linux)" >&2; exit 2; }
cd "$(dirname "$0")/.."
[ -f target/benchmarks.jar ] || mvn -B -q package -DskipTests
[ $# -gt 0 ] || set -- IncrementBenchmark
out="results/runs/pinning-$(date +%Y%m%d-%H%M%S)"
# a new folder of the report's own, so the report may write its page beside the JSON files
java -jar target/benchmarks.jar report --new-folder "$out" > /dev/null
java -jar target/benchmarks.jar "$@" -rf json -rff "$out/unpinned.json"
taskset -c 0 java -jar target/benchmarks.jar "$@" -rf json -rff "$out/pinned.json"
exec java -jar target/benchmarks.jar report "$out/unpinned.json" "$out/pinned.json" \
  --label unpinned --label "pinned (taskset -c 0)" -o "$out"
