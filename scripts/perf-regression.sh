#!/usr/bin/env bash
# The CI performance-regression job: measure a quick profile, compare it with the committed
# baseline of this environment, confirm a regression by measuring the flagged rows again.
# All judgement lives in tested Java (`benchmarks.jar compare`); this file only sequences runs.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/benchmarks.jar

usage() {
  cat <<'EOF'
usage: scripts/perf-regression.sh [options] [-- JMH options...]

Runs a quick profile of the headline benchmarks, compares it with
results/baseline/<env-key>.json (env-key = OS, arch, cores, JDK major, e.g.
linux-amd64-2cpu-jdk17) and fails only when a regression is confirmed: rows flagged by
`compare` are measured once more, and only rows flagged again fail the job.

options:
  --update-baseline   record this run as the baseline of this environment (replaces it)
  --threshold R       passed to compare (default 20%: see `compare --help`)
  --alpha A           passed to compare (default 0.01)
  --allow-missing     a baseline row missing from this run is listed, not a failure
  -h, --help          this text
  -- ARGS...          passed to every JMH run, e.g. `-- -jvmArgsAppend -Xint` or `-- -jvm /path/to/java`

profiles (PERF_PROFILE):
  quick (default)     IncrementBenchmark, every strategy, both chunk sizes: -f 1 -wi 2 -w 500ms
                      -i 5 -r 500ms; plus IncrementProcessBenchmark (its Pool, JvmPerTask and
                      NativePerTask classes) when the jar has it, in a run of its own with
                      -p tasks=$PERF_PROCESS_TASKS (default 100: a JVM per task for 1000 tasks
                      takes tens of seconds per op). About 2-4 minutes on 2 cores.
  smoke               seconds: IncrementBenchmark CALLER_THREAD and FIXED_THREAD_POOL, chunk
                      auto, -f 1 -wi 1 -w 100ms -i 3 -r 100ms (process benchmark: -p tasks=5).
                      For testing this script, not for judging a build; its baseline goes to
                      results/runs/baseline-smoke/ (ignored by git), never to results/baseline/.

environment: PERF_PROFILE, PERF_PROCESS_TASKS, PERF_BASELINE_DIR (where baselines are read and
recorded), PERF_MVN_ARGS (extra Maven arguments for the
build, e.g. -o), GITHUB_STEP_SUMMARY (the Markdown summary is appended to it when set).

output: results/runs/perf-<time>/ with jmh.json, env.json and the run's report (index.html);
compare/ with compare.md, compare.txt and a page of baseline and run side by side; after a
rerun, rerun/ (the flagged rows measured again) and confirm/ (their comparison).

exit codes: 0 no confirmed regression (or a baseline was recorded), 1 confirmed regression or
a baseline row missing, 2 usage, build or benchmark-run failure, 3 the baseline's environment
does not match this one.
EOF
}

die() {
  echo "perf-regression: $1" >&2
  exit "${2:-2}"
}

update_baseline=0
compare_opts=()
jmh_extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --update-baseline) update_baseline=1 ;;
    --allow-missing) compare_opts+=(--allow-missing) ;;
    --threshold | --alpha)
      [ $# -ge 2 ] || die "$1 needs a value (see --help)"
      compare_opts+=("$1" "$2")
      shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; jmh_extra=("$@"); break ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done

profile=${PERF_PROFILE:-quick}
case "$profile" in
  quick)
    timing=(-f 1 -wi 2 -w 500ms -i 5 -r 500ms)
    increment=()
    process_tasks=${PERF_PROCESS_TASKS:-100}
    baseline_dir=${PERF_BASELINE_DIR:-results/baseline} ;;
  smoke)
    timing=(-f 1 -wi 1 -w 100ms -i 3 -r 100ms)
    increment=(-p strategy=CALLER_THREAD,FIXED_THREAD_POOL -p chunksize=auto)
    process_tasks=${PERF_PROCESS_TASKS:-5}
    # Never next to the committed baselines: a smoke baseline must not be mistaken for one.
    baseline_dir=${PERF_BASELINE_DIR:-results/runs/baseline-smoke} ;;
  *) die "unknown PERF_PROFILE '$profile' (quick or smoke)" ;;
esac

# Build when the jar is missing or older than anything it is built from.
if [ ! -f "$JAR" ] || [ -n "$(find pom.xml src/main -newer "$JAR" -print -quit)" ]; then
  echo "== building $JAR"
  # shellcheck disable=SC2086 # PERF_MVN_ARGS is a list of words by design
  mvn -B -q ${PERF_MVN_ARGS:-} -DskipTests package || die "the build failed"
fi

jar() { java -jar "$JAR" "$@"; }

# One JMH run: benchmark selection and params, then the profile's timing and the user's args.
measure() {
  local out=$1
  shift
  echo "== JMH: $* ${timing[*]} ${jmh_extra[*]:-}"
  jar "$@" "${timing[@]}" "${jmh_extra[@]}" -rf json -rff "$out" || die "the benchmark run failed (see above)"
  [ -s "$out" ] || die "the benchmark run wrote no results to $out"
}

run_dir=results/runs/perf-$(date +%Y%m%d-%H%M%S)
mkdir -p "$run_dir"
# this script made the folder: mark it as a report folder, so the report may write its page there
touch "$run_dir/.poolbench-report"
current=$run_dir/jmh.json

# JMH's -p applies to every class of a run, so the process benchmark (fewer tasks: a process
# per task is slow) gets a run of its own and the two files are merged into one.
benchmarks=$(jar -l) || die "cannot list the benchmarks of $JAR"
if grep -q '\.IncrementProcessBenchmark\.' <<< "$benchmarks"; then
  measure "$run_dir/parts/increment.json" '\.IncrementBenchmark\.' "${increment[@]}"
  measure "$run_dir/parts/process.json" 'IncrementProcessBenchmark\.' -p "tasks=$process_tasks"
  jar compare --merge "$current" "$run_dir/parts/increment.json" "$run_dir/parts/process.json"
  jar report "$current" -o "$run_dir" || echo "perf-regression: the report could not be rendered; the results are intact" >&2
else
  # Main writes env.json and renders the report beside the result file.
  measure "$current" '\.IncrementBenchmark\.' "${increment[@]}"
fi

key=$(jar compare --env-key "$current") || die "cannot name this environment (see above)"
baseline=$baseline_dir/$key.json

# Appends a Markdown file to the job summary, when there is a summary and the file was written
# (compare writes nothing on bad input).
summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$1" ]; then
    cat "$1" >> "$GITHUB_STEP_SUMMARY"
  fi
}

record_baseline() {
  local what=$1 advice
  mkdir -p "$baseline_dir"
  cp "$current" "$baseline"
  cp "$run_dir/env.json" "$baseline_dir/$key.env.json"
  if [ "$profile" = quick ]; then
    advice="Commit \`$baseline\` and \`$baseline_dir/$key.env.json\` to make the gate compare against it."
  else
    advice="A $profile-profile baseline is for testing this script only; do not commit it."
  fi
  printf '### poolbench performance baseline\n\n%s `%s` from this run (profile %s). %s\n' \
    "$what" "$baseline" "$profile" "$advice" > "$run_dir/baseline.md"
  summary "$run_dir/baseline.md"
  echo "perf-regression: $what $baseline from this run (profile $profile). $advice" | tr -d '`'
}

if [ "$update_baseline" = 1 ]; then
  record_baseline "Replaced"
  exit 0
fi
if [ ! -f "$baseline" ]; then
  echo "perf-regression: no baseline for environment $key yet"
  record_baseline "Recorded"
  exit 0
fi

echo "== compare with $baseline"
rc=0
jar compare "$baseline" "$current" "${compare_opts[@]}" -o "$run_dir/compare" --rerun-plan "$run_dir/rerun.tsv" || rc=$?
summary "$run_dir/compare/compare.md"
# 0 passed; 2 bad input; 3 not comparable; 1 with nothing to measure again: rows are missing.
if [ "$rc" != 1 ] || ! grep -q $'\t' "$run_dir/rerun.tsv"; then
  exit "$rc"
fi

# A flagged row may be a neighbour's burst of load: measure each regressed row once more, in a
# fresh fork, and judge the rows of the plan alone against the baseline (a missing row is in
# the plan with nothing to run, so it still fails).
echo "== confirming $(grep -c $'\t' "$run_dir/rerun.tsv") flagged row(s)"
mkdir -p "$run_dir/rerun"
reruns=()
n=0
while IFS= read -r line; do
  IFS=$'\t' read -r -a fields <<< "$line"
  [ "${#fields[@]}" -gt 1 ] || continue
  n=$((n + 1))
  measure "$run_dir/rerun/row-$n.json" "${fields[@]:1}"
  reruns+=("$run_dir/rerun/row-$n.json")
done < "$run_dir/rerun.tsv"

rc=0
jar compare "$baseline" "${reruns[@]}" "${compare_opts[@]}" --only "$run_dir/rerun.tsv" -o "$run_dir/confirm" || rc=$?
if [ -f "$run_dir/confirm/compare.md" ]; then
  { printf '\n#### Confirmation: the flagged rows measured again\n\n'; sed '1s/^### /#### /' "$run_dir/confirm/compare.md"; } \
    > "$run_dir/confirm.md"
  summary "$run_dir/confirm.md"
fi
if [ "$rc" = 0 ]; then
  echo "perf-regression: not confirmed: the flagged rows were within bounds when measured again"
elif [ "$rc" = 1 ]; then
  echo "perf-regression: confirmed regression (see $run_dir/confirm/compare.txt and index.html beside it)"
fi
exit "$rc"
