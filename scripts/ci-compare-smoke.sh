#!/usr/bin/env bash
# End-to-end check of `benchmarks.jar compare` on the committed fixtures in
# src/test/resources/compare: every exit code (0 pass, 1 regression or missing row, 2 bad
# input, 3 not comparable) through the real jar. Not timing-sensitive: no benchmark runs.
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
contains "result: 3 unchanged; exit 0"
expect 1 "a 2x slower row is a regression" "$F/base.json" "$F/slower.json" --markdown "$tmp/summary.md" -o "$tmp/out-dir"
contains "REGRESSION  IncrementBenchmark.map  avgt  strategy=THREAD_PER_TASK"
grep -qF "❌ 1 regression" "$tmp/summary.md" || { echo "compare smoke: FAIL no Markdown verdict"; failures=$((failures + 1)); }
for f in compare.md compare.txt index.html; do
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

if [ "$failures" -gt 0 ]; then
  echo "compare smoke: $failures failure(s)"
  exit 1
fi
echo "compare smoke: all exit codes as documented"
