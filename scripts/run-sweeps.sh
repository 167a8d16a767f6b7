#!/usr/bin/env bash
# The sweeps of how overhead grows, left out of the default run for time (about 11 minutes
# on 2 cores): task count (10..10000; a JVM per task capped at 1000), task weight (CPU work
# per task 0..1000 us, calibrated per fork), pool size (1..4x cores, trivial and sleeping
# tasks) and parent size (0, 1, 4 GB of touched heap x launch mechanism; needs ~5 GB free).
# Writes results/runs/sweeps-<stamp>/jmh.json (+ env.json) and its report.
#   scripts/run-sweeps.sh [extra JMH options, e.g. -jvm /path/to/java]
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
[ -f target/benchmarks.jar ] || mvn -B -q package -DskipTests
out="results/runs/sweeps-$(date +%Y%m%d-%H%M%S)"
# a new folder of the report's own, so the report may write its page beside the JSON files
java -jar target/benchmarks.jar report --new-folder "$out" > /dev/null
mkdir -p "$out/parts"
jmh() { local name=$1; shift; java -jar target/benchmarks.jar "$@" -rf json -rff "$out/parts/$name.json"; }
quick=(-f 1 -wi 2 -w 500ms -i 5 -r 500ms)
jmh count-threads '^io\.github\.poolbench\.bench\.IncrementBenchmark\.' "${quick[@]}" -p tasks=10,100,1000,10000 -p chunksize=auto "$@"
jmh count-pool 'IncrementProcessBenchmark\.Pool\.' "${quick[@]}" -p tasks=10,100,1000,10000 -p chunksize=auto "$@"
# one fork each, like the quick settings above: a sweep shows a trend; the default run's forks carry the claims
jmh count-jvm 'IncrementProcessBenchmark\.JvmPerTask\.' -f 1 -wi 1 -i 2 -p tasks=10,100,1000 -p jvmFlags=tuned "$@"
jmh count-native 'IncrementProcessBenchmark\.NativePerTask\.' -f 1 -wi 1 -i 3 -p tasks=10,100,1000,10000 -p spawner=processbuilder "$@"
jmh weight 'TaskWeightBenchmark' -p workMicros=0,1,10,100,1000 "$@"
jmh poolsize 'PoolSizeBenchmark' "$@"
jmh parentsize 'ParentSizeBenchmark' "$@"
parts=()
for f in "$out"/parts/*.json; do case "$f" in *.env.json) ;; *) parts+=("$f") ;; esac; done
java -jar target/benchmarks.jar compare --merge "$out/jmh.json" "${parts[@]}"
exec java -jar target/benchmarks.jar report "$out/jmh.json" -o "$out"
