#!/usr/bin/env bash
# End-to-end check of `benchmarks.jar compare` on the committed fixtures in
# src/test/resources/compare: every exit code (0 pass, 1 regression or missing row, 2 bad
# input, 3 not comparable) through the real jar; then scripts/perf-regression.sh end to end
# with PERF_PROFILE=smoke (one tiny row, seconds): the A/A mode, and the A/B mode against HEAD
# (its base is built in a temporary clone: about half a minute). Never judges speed.
# Called by .ci/run after the build; needs target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/benchmarks.jar
F=src/test/resources/compare
[ -f "$JAR" ] || { echo "compare smoke: $JAR is missing (build first: mvn -B package)"; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# expect CODE DESCRIPTION ARGS...: runs compare ARGS, checks the exit code and that stderr
# holds at most one line (bad input is one clear line, never a stack trace).
expect() {
  local want=$1 what=$2 got=0
  shift 2
  java -jar "$JAR" compare "$@" > "$tmp/out" 2> "$tmp/err" || got=$?
  if [ "$got" != "$want" ]; then
    echo "compare smoke: FAIL $what: exit $got, expected $want"
    sed 's/^/  | /' "$tmp/out" "$tmp/err"
    failures=$((failures + 1))
  elif [ "$(wc -l < "$tmp/err")" -gt 1 ]; then
    echo "compare smoke: FAIL $what: more than one line on stderr"
    sed 's/^/  | /' "$tmp/err"
    failures=$((failures + 1))
  else
    echo "compare smoke: ok   $what (exit $got)"
  fi
}

contains() {
  grep -qF -- "$1" "$tmp/out" || { echo "compare smoke: FAIL output lacks: $1"; failures=$((failures + 1)); }
}

expect 0 "same measurements pass" "$F/base.json" "$F/same.json"
contains "result: 3 within ±20%; exit 0"
expect 1 "a 2x slower row is slower" "$F/base.json" "$F/slower.json" --markdown "$tmp/summary.md" -o "$tmp/out-dir"
contains "SLOWER       IncrementBenchmark.map  avgt  strategy=THREAD_PER_TASK"
grep -qF "❌ 1 row slower" "$tmp/summary.md" || { echo "compare smoke: FAIL no Markdown verdict"; failures=$((failures + 1)); }
for f in compare.md compare.txt verdict.html index.html; do
  [ -s "$tmp/out-dir/$f" ] || { echo "compare smoke: FAIL -o wrote no $f"; failures=$((failures + 1)); }
done
expect 1 "a missing baseline row fails" "$F/base.json" "$F/partial.json"
expect 0 "--allow-missing accepts it" "$F/base.json" "$F/partial.json" --allow-missing
expect 3 "another machine is not comparable" "$F/base.json" "$F/other-machine.json"
contains "NOT COMPARABLE: cores 2 (baseline) vs 4 (current)"
expect 0 "--force compares anyway" "$F/base.json" "$F/other-machine.json" --force
expect 2 "a truncated file is bad input" "$F/base.json" "$F/malformed.json"
expect 2 "a missing file is bad input" "$F/base.json" "$tmp/no-such.json"
expect 2 "one file is a usage error" "$F/base.json"
expect 2 "an unknown option is a usage error" "$F/base.json" "$F/same.json" --bogus
expect 0 "the env-key names the baseline" --env-key "$F/base.json"
contains "linux-amd64-2cpu-jdk17"
expect 3 "the committed baseline's CPU model is named when it differs" results/baseline/linux-amd64-2cpu-jdk17.json \
  "$F/base.json"
contains "NOT COMPARABLE: CPU model AMD EPYC (family 26 model 2 stepping 1) (baseline) vs fixture CPU (current)"

# perf-regression.sh end to end, smoke profile: results and clones go to this test's temp folder.
perf() {
  local want=$1 what=$2 got=0
  shift 2
  PERF_PROFILE=smoke PERF_RESULTS_DIR="$tmp/runs" TMPDIR="$tmp" PERF_JAVA_OPTS=-Djmh.ignoreLock=true \
    PERF_MVN_ARGS="${PERF_MVN_ARGS:--o}" scripts/perf-regression.sh "$@" > "$tmp/perf.out" 2> "$tmp/perf.err" || got=$?
  if ! [[ " $want " == *" $got "* ]]; then
    echo "compare smoke: FAIL perf-regression.sh $what: exit $got, expected $want"
    sed 's/^/  | /' "$tmp/perf.out" "$tmp/perf.err"
    failures=$((failures + 1))
  else
    echo "compare smoke: ok   perf-regression.sh $what (exit $got)"
  fi
}
perf 0 "--aa (smoke)" --aa
grep -qF "A/A: largest |change|" "$tmp/perf.out" || { echo "compare smoke: FAIL --aa printed no noise figure"; failures=$((failures + 1)); }
for f in a.json a.env.json b.json b.env.json compare/compare.md compare/index.html; do
  ls "$tmp"/runs/perf-aa-*/"$f" > /dev/null 2>&1 || { echo "compare smoke: FAIL --aa wrote no $f"; failures=$((failures + 1)); }
done
perf "0 4" "--base HEAD (smoke)" --base HEAD
for f in base.json base.env.json head.json head.env.json compare/compare.txt; do
  ls "$tmp"/runs/perf-ab-*/"$f" > /dev/null 2>&1 || { echo "compare smoke: FAIL --base wrote no $f"; failures=$((failures + 1)); }
done
leftover=$(find "$tmp" -maxdepth 1 -name 'poolbench-base.*' | head -1)
[ -z "$leftover" ] || { echo "compare smoke: FAIL the base's temporary clone was left: $leftover"; failures=$((failures + 1)); }
perf 2 "a REF that is not a commit" --base no-such-ref-for-smoke

if [ "$failures" -gt 0 ]; then
  echo "compare smoke: $failures failure(s)"
  exit 1
fi
echo "compare smoke: all exit codes as documented"
