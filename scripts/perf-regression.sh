#!/usr/bin/env bash
# The CI performance-regression gate. Three modes:
#   --base REF  build this checkout's jar and REF's jar, and let `benchmarks.jar gate` measure both
#               on this machine, fork by fork in ABBA order, until every row is decided or the
#               budget is spent (the PR gate: no stored baseline);
#   --aa        the same with this checkout's jar on both sides: the runner's own noise floor;
#   (neither)   measure the quick profile and compare it with results/baseline/<env-key>.json.
# All judgement and the sequential loop live in tested Java (`gate`, `compare`); this file only
# builds the jars and sequences the stored-baseline runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$(date +%s)

JAR=target/benchmarks.jar

usage() {
  cat <<'EOF'
usage: scripts/perf-regression.sh --base REF [options] [-- JMH options...]   A/B: REF vs this checkout
       scripts/perf-regression.sh --aa [options] [-- JMH options...]         A/A: this checkout twice
       scripts/perf-regression.sh [--update-baseline] [options] [-- JMH options...]  stored baseline

--base REF (the pull-request gate). REF is any commit-ish (a SHA, a branch, HEAD~1). This
checkout's jar is built first and the options are checked with it (a mistake is one line, exit 2,
before anything is measured); then REF's jar is built in a temporary clone (removed at exit; your
checkout and its .git are never touched), and `benchmarks.jar gate` measures both on this machine:
one JMH fork per row and round, in ABBA order (A B B A A B B A ...), adding rounds while a row
cannot be told apart and stopping a row once it is decided. Each row ends with its change in time
per op, a 95% interval, the change it could have caught, and one answer: within ±threshold,
slower, faster, or cannot tell. Stopping early is a group-sequential design (looks at 5, 8, 12,
17, 23 and 30 forks a side; alpha spent over the looks by a Lan-DeMets function, Hwang-Shih-DeCani
gamma -2, and shared by the rows, Bonferroni), so looking often does not raise the false-alarm
rate above alpha. See `java -jar target/benchmarks.jar gate --help`.

--aa (calibration). The same with this checkout's jar on both sides: per row the observed change,
its interval and detectable change, and whether it would have been flagged (a false alarm), plus
the largest |change|. That is the runner's noise floor. Exit 0 unless a run or its data failed.

A/B profile (PERF_PROFILE=quick, the default): 4 rows, all with tasks=100:
  IncrementBenchmark FIXED_THREAD_POOL and THREAD_PER_TASK, chunksize auto;
  IncrementProcessBenchmark.Pool (FIXED_PROCESS_POOL, chunksize auto);
  IncrementProcessBenchmark.NativePerTask (processbuilder).
Budget: 10 minutes for the whole script, builds included (PERF_BUDGET or --budget); at most 30
forks a side (PERF_FORKS or --max-forks). Threshold 10% and alpha 0.05 by default in A/B and A/A.

stored-baseline mode: the quick profile of IncrementBenchmark (every strategy, both chunk sizes)
and IncrementProcessBenchmark (-p tasks=$PERF_PROCESS_TASKS, default 100), -f 1 -wi 2 -w 500ms
-i 5 -r 500ms, compared with results/baseline/<env-key>.json (env-key = OS, arch, cores, JDK
major, e.g. linux-amd64-2cpu-jdk17) by `compare` (threshold 20%, alpha 0.01). One fork a row,
so its intervals rest on iterations (pseudo-replicated): for large shifts between JDKs or
images, not a PR gate. A baseline recorded on another CPU model is not comparable (exit 3)
unless --force. With no baseline for this environment it records one.

options:
  --base REF          A/B mode against REF
  --aa                A/A mode
  --update-baseline   stored-baseline mode: record this run as the baseline (replaces it)
  --threshold T       the change that matters: 10% or 0.1 (A/B, A/A: 10%; stored baseline: 20%)
  --alpha A           error rate of all intervals together (A/B, A/A: 0.05; stored baseline: 0.01)
  --budget D          A/B and A/A: wall time of the whole script, builds included (default 10m)
  --max-forks N       A/B and A/A: forks a side at most (default 30)
  --allow-missing     a base row missing from the head run is listed, not a failure
  --force             stored-baseline mode: compare even when the environments differ
  -h, --help          this text
  -- ARGS...          passed to every JMH run, e.g. `-- -jvm /path/to/java`

profiles (PERF_PROFILE): quick (default, above); smoke: seconds, for testing this script only
(IncrementBenchmark CALLER_THREAD, tasks=10, -wi 0 -i 2 -r 50ms, at most 3 forks a side; its
stored baseline goes to results/runs/baseline-smoke/, never to results/baseline/).

environment: PERF_PROFILE, PERF_FORKS (= --max-forks), PERF_BUDGET (= --budget), PERF_CPUS (=
the gate's --cpus: both sides' forks under taskset -c, e.g. 0),
PERF_HISTORY (add the measured runs to a history store: "default" = results/history.db, or a
jdbc:sqlite:FILE / jdbc:postgresql:// URL; A/A adds both sides, A/B the base side, the stored-
baseline mode its run; a store that fails is a warning), PERF_PROCESS_TASKS, PERF_RESULTS_DIR (where the run's folder is made, default results/runs),
PERF_BASELINE_DIR, PERF_MVN (the Maven command, default mvn), PERF_MVN_ARGS (extra Maven
arguments, e.g. -o), PERF_JAVA_OPTS (options of every JVM that runs JMH, e.g.
-Djmh.ignoreLock=true), GITHUB_STEP_SUMMARY (the Markdown result is appended to it when set; a
summary that cannot be written is a warning, never a verdict).

output: results/runs/perf-<time>/ (A/B: perf-ab-<time>/, A/A: perf-aa-<time>/): the joined
results with env records (base.json + head.json, or a.json + b.json), rounds/ (one JMH file and
log per run), compare/ (compare.md, compare.txt, verdict.html: the verdict; index.html: both runs
side by side), the builds' logs.

exit codes: 0 every row decided, none slower (A/A: calibrated; or a baseline was recorded)
            1 a row is slower, or a base row is missing from the head run
            2 usage; REF is not a commit; a build or benchmark run failed; data the gate cannot
              judge
            3 not comparable (stored baseline of another machine; no row in common)
            4 no row is slower, but at least one cannot tell within the budget (its interval is
              printed, and the job summary says so)
EOF
}

die() {
  echo "perf-regression: $1" >&2
  exit "${2:-2}"
}

mode=baseline
base_ref=
update_baseline=0
threshold=
alpha=
budget=${PERF_BUDGET:-10m}
max_forks=${PERF_FORKS:-}
allow_missing=()
force_opt=()
jmh_extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --base)
      [ $# -ge 2 ] && [ -n "$2" ] || die "--base needs a commit (see --help)"
      [ "$mode" = baseline ] || die "give one of --base and --aa (see --help)"
      mode=ab
      base_ref=$2
      shift ;;
    --aa)
      [ "$mode" = baseline ] || die "give one of --base and --aa (see --help)"
      mode=aa ;;
    --update-baseline) update_baseline=1 ;;
    --allow-missing) allow_missing=(--allow-missing) ;;
    --force) force_opt=(--force) ;;
    --threshold | --alpha | --budget | --max-forks)
      [ $# -ge 2 ] || die "$1 needs a value (see --help)"
      case "$1" in
        --threshold) threshold=$2 ;;
        --alpha) alpha=$2 ;;
        --budget) budget=$2 ;;
        --max-forks) max_forks=$2 ;;
      esac
      shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; jmh_extra=("$@"); break ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done
if [ "$update_baseline" = 1 ] && [ "$mode" != baseline ]; then
  die "--update-baseline belongs to the stored-baseline mode, not to --base or --aa (see --help)"
fi

profile=${PERF_PROFILE:-quick}
case "$profile" in
  quick)
    timing=(-f 1 -wi 2 -w 500ms -i 5 -r 500ms)
    increment=()
    process_tasks=${PERF_PROCESS_TASKS:-100}
    baseline_dir=${PERF_BASELINE_DIR:-results/baseline}
    max_forks=${max_forks:-30} ;;
  smoke)
    timing=(-f 1 -wi 1 -w 100ms -i 3 -r 100ms)
    increment=(-p strategy=CALLER_THREAD,FIXED_THREAD_POOL -p chunksize=auto)
    process_tasks=${PERF_PROCESS_TASKS:-5}
    # Never next to the committed baselines: a smoke baseline must not be mistaken for one.
    baseline_dir=${PERF_BASELINE_DIR:-results/runs/baseline-smoke}
    max_forks=${max_forks:-3} ;;
  *) die "unknown PERF_PROFILE '$profile' (quick or smoke)" ;;
esac

# shellcheck disable=SC2206 # PERF_JAVA_OPTS and PERF_MVN_ARGS are lists of words by design
java_opts=(${PERF_JAVA_OPTS:-})
# shellcheck disable=SC2206
mvn_cmd=(${PERF_MVN:-mvn} -B -q ${PERF_MVN_ARGS:-} -DskipTests package)

results_root=${PERF_RESULTS_DIR:-results/runs}
# A fresh results folder of this run (never one that exists: nothing of an earlier run is replaced).
new_run_dir() {
  local prefix=$1 dir n=0
  mkdir -p "$results_root" || die "cannot create $results_root"
  dir=$results_root/$prefix-$(date +%Y%m%d-%H%M%S)
  while ! mkdir "$dir" 2> /dev/null; do
    n=$((n + 1))
    [ "$n" -lt 100 ] || die "cannot create a results folder under $results_root"
    dir=$results_root/$prefix-$(date +%Y%m%d-%H%M%S)-$n
  done
  echo "$dir"
}

build_head() {
  if [ ! -f "$JAR" ] || [ -n "$(find pom.xml src/main -newer "$JAR" -print -quit)" ]; then
    echo "== building $JAR"
    "${mvn_cmd[@]}" || die "the build of this checkout failed"
  fi
}

jar() { java "${java_opts[@]}" -jar "$JAR" "$@"; }

# Appends a Markdown file to the job summary, when there is a summary and the file was written; a
# summary that cannot be written is one warning, never a verdict.
summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$1" ]; then
    cat "$1" >> "$GITHUB_STEP_SUMMARY" 2> /dev/null \
      || echo "perf-regression: warning: the job summary $GITHUB_STEP_SUMMARY cannot be written; the verdict stands" >&2
  fi
}

# PERF_HISTORY: the measured runs go into a history store too (default = results/history.db, or a
# jdbc: URL). A store that cannot take them is one warning; the verdict stands.
to_history() {
  [ -n "${PERF_HISTORY:-}" ] || return 0
  local db=()
  [ "$PERF_HISTORY" = default ] || db=(--db "$PERF_HISTORY")
  jar history add "$@" "${db[@]}" \
    || echo "perf-regression: warning: the runs were not added to the history store (see above); the verdict stands" >&2
}

# ---------------------------------------------------------------- A/B and A/A: the gate
if [ "$mode" != baseline ]; then
  base_sha=
  if [ "$mode" = ab ]; then
    git rev-parse --is-inside-work-tree > /dev/null 2>&1 || die "--base needs a git checkout; $root is not one"
    base_sha=$(git rev-parse --verify --quiet "${base_ref}^{commit}") \
      || die "--base $base_ref is not a commit of this repository (a shallow clone? fetch it, e.g. actions/checkout with fetch-depth: 0)"
  fi
  gate_opts=(--threshold "${threshold:-10%}" --alpha "${alpha:-0.05}" --budget "$budget" --max-forks "$max_forks"
    --profile "$profile" --started "$started" --mvn "${PERF_MVN:-mvn} ${PERF_MVN_ARGS:-}" "${allow_missing[@]}")
  for o in "${java_opts[@]}"; do gate_opts+=(--java-opt "$o"); done
  if [ -n "${PERF_CPUS:-}" ]; then gate_opts+=(--cpus "$PERF_CPUS"); fi
  if [ "$mode" = ab ]; then gate_opts+=(--base "$base_ref"); else gate_opts+=(--aa); fi
  build_head
  # The gate checks every option before it builds the base or measures anything.
  run_dir=$(new_run_dir "perf-$mode")
  echo "== results in $run_dir"
  rc=0
  jar gate "${gate_opts[@]}" --head-jar "$root/$JAR" --head-git "$root" --out "$run_dir" -- "${jmh_extra[@]}" || rc=$?
  if [ -e "$run_dir/compare/compare.txt" ]; then
    # A/A: both sides are this checkout; A/B: the base only (the commit the change goes onto)
    if [ "$mode" = aa ]; then to_history "$run_dir/a.json" "$run_dir/b.json"; else to_history "$run_dir/base.json"; fi
    echo "perf-regression: exit $rc after $(($(date +%s) - started)) s; see $run_dir/compare/compare.txt"
  else
    rmdir "$run_dir" 2> /dev/null || true # nothing was measured: no empty run folder is left
  fi
  exit "$rc"
fi

# ---------------------------------------------------------------- stored baseline
build_head

# One JMH run: benchmark selection and params, then the profile's timing and the user's args.
measure() {
  local out=$1
  shift
  echo "== JMH: $* ${timing[*]} ${jmh_extra[*]:-}"
  jar "$@" "${timing[@]}" "${jmh_extra[@]}" -rf json -rff "$out" || die "the benchmark run failed (see above)"
  [ -s "$out" ] || die "the benchmark run wrote no results to $out"
}

run_dir=$(new_run_dir perf)
# the report is written into this folder beside its JSON: the jar makes it a report folder
jar report --new-folder "$run_dir" > /dev/null || die "cannot make $run_dir a report folder"
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

to_history "$current"
key=$(jar compare --env-key "$current") || die "cannot name this environment (see above)"
baseline=$baseline_dir/$key.json

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
jar compare "$baseline" "$current" --threshold "${threshold:-20%}" --alpha "${alpha:-0.01}" "${force_opt[@]}" \
  "${allow_missing[@]}" -o "$run_dir/compare" || rc=$?
summary "$run_dir/compare/compare.md"
exit "$rc"
