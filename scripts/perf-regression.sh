#!/usr/bin/env bash
# The CI performance-regression gate. Three modes:
#   --base REF  build REF's jar and this checkout's jar, run a small profile with both on this
#               machine, fork by fork in ABBA order, and compare (the PR gate: no stored baseline);
#   --aa        the same with this checkout's jar on both sides: the runner's own noise floor;
#   (neither)   measure the quick profile and compare it with results/baseline/<env-key>.json.
# All judgement lives in tested Java (`benchmarks.jar compare`); this file only sequences runs.
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

--base REF (the pull-request gate). REF is any commit-ish (a SHA, a branch, HEAD~1). Its jar is
built in a temporary clone (removed at exit; your checkout and its .git are never touched) and
this checkout's jar as it is; then both run the A/B profile on this machine, interleaved fork by
fork in ABBA order (A B B A A B B A ...: every round is one JMH run with -f 1 over all rows, so
drift and a neighbour's load hit both sides alike). Each side's rounds are joined into one JMH
file whose rows hold all their forks (base.json, head.json, env records beside them), and
`compare` judges one sample per fork (see `compare --help`). Rows flagged as regressions are
measured again in the same ABBA way and fail only when flagged again. A row the base does not
have is listed as new, never a failure.

--aa (calibration). The same with this checkout's jar on both sides (a.json, b.json): per row the
observed change and whether it would have been flagged, plus the largest |change| of the run.
That is the runner's noise floor, from which a threshold can be chosen. Exit 0 unless the run
or its data failed.

A/B profile (PERF_PROFILE=quick, the default): 4 rows, all with tasks=100 (a tenth of the
article's 1000, so a new thread or process per task stays at tens of milliseconds per op):
  IncrementBenchmark FIXED_THREAD_POOL and THREAD_PER_TASK, chunksize auto: the pool hand-off
    and the per-task thread creation the suite is about;
  IncrementProcessBenchmark.Pool (FIXED_PROCESS_POOL, chunksize auto): the worker-JVM pool;
  IncrementProcessBenchmark.NativePerTask (processbuilder): the JDK's process spawn path.
Left out: CALLER_THREAD and FORK_JOIN_POOL (the same code paths as the rows kept, at no extra
information per minute), chunksize=1 (the same hand-off, 50x more of it), a JVM per task (tens
of seconds per op) and virtual threads (JDK 21+ only). Timing: -wi 2 -w 300ms -i 4 -r 300ms,
PERF_FORKS=5 forks a side (10 rounds of 2 JMH runs). About 3-4 minutes on 2 cores, builds included.
Threshold 10% by default here (base and head share the runner's drift; the stored-baseline mode
keeps compare's 20%); alpha 0.05 as a false discovery rate (Benjamini-Hochberg) per stage: a
row fails only when its confirmation flags it again, so an unchanged row fails with a chance of
about 0.05 x 0.05 (the stored-baseline mode keeps compare's 0.01).

stored-baseline mode: the quick profile of IncrementBenchmark (every strategy, both chunk sizes)
and IncrementProcessBenchmark (-p tasks=$PERF_PROCESS_TASKS, default 100), -f 1 -wi 2 -w 500ms
-i 5 -r 500ms, compared with results/baseline/<env-key>.json (env-key = OS, arch, cores, JDK
major, e.g. linux-amd64-2cpu-jdk17). A baseline recorded on another CPU model is not
comparable (exit 3) unless --force. With no baseline for this environment it records one.

options:
  --base REF          A/B mode against REF
  --aa                A/A mode
  --update-baseline   stored-baseline mode: record this run as the baseline (replaces it)
  --threshold R       passed to compare (A/B and A/A default 10%, stored-baseline default 20%)
  --alpha A           passed to compare (A/B and A/A default 0.05 per stage, stored-baseline 0.01)
  --allow-missing     a base row missing from the head run is listed, not a failure
  --force             stored-baseline mode: compare even when the environments differ
  -h, --help          this text
  -- ARGS...          passed to every JMH run, e.g. `-- -jvm /path/to/java`

profiles (PERF_PROFILE): quick (default, above); smoke: seconds, for testing this script only
(IncrementBenchmark CALLER_THREAD, tasks=10, -wi 0 -i 2 -r 50ms, 1 fork a side; its stored
baseline goes to results/runs/baseline-smoke/, never to results/baseline/).

environment: PERF_PROFILE, PERF_FORKS (forks a side in A/B and A/A), PERF_PROCESS_TASKS,
PERF_RESULTS_DIR (where the run's folder is made, default results/runs),
PERF_BASELINE_DIR, PERF_MVN (the Maven command, default mvn), PERF_MVN_ARGS (extra Maven
arguments, e.g. -o), PERF_JAVA_OPTS (options of the JVM that runs JMH, e.g.
-Djmh.ignoreLock=true), GITHUB_STEP_SUMMARY (the Markdown result is appended to it when set).

output: results/runs/perf-<time>/ (A/B: perf-ab-<time>/, A/A: perf-aa-<time>/): the joined
results with env records, rounds/ (one JMH file per round and part), compare/ (compare.md,
compare.txt, index.html: both runs side by side), and after a rerun confirm/.

exit codes: 0 no confirmed regression (A/A: calibrated; or a baseline was recorded)
            1 confirmed regression, or a base row missing from the head run
            2 usage; REF is not a commit; a build or benchmark run failed; data the gate cannot
              judge (see compare --help)
            3 not comparable (stored baseline of another machine; no row in common)
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
compare_opts=()
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
    --allow-missing) compare_opts+=(--allow-missing) ;;
    --force) force_opt=(--force) ;;
    --threshold)
      [ $# -ge 2 ] || die "$1 needs a value (see --help)"
      threshold=$2
      shift ;;
    --alpha)
      [ $# -ge 2 ] || die "$1 needs a value (see --help)"
      alpha=$2
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
forks=${PERF_FORKS:-}
case "$profile" in
  quick)
    timing=(-f 1 -wi 2 -w 500ms -i 5 -r 500ms)
    ab_timing=(-f 1 -wi 2 -w 300ms -i 4 -r 300ms)
    increment=()
    process_tasks=${PERF_PROCESS_TASKS:-100}
    baseline_dir=${PERF_BASELINE_DIR:-results/baseline}
    # name;probe;include regex;params: one JMH run per part and round (-p is global to a run,
    # and the process classes must not get the thread strategies); a jar whose benchmark list
    # lacks the probe (a fixed string) does not run the part.
    ab_parts=(
      'increment;.IncrementBenchmark.;\.IncrementBenchmark\.;-p strategy=FIXED_THREAD_POOL,THREAD_PER_TASK -p chunksize=auto -p tasks=100'
      'process;.IncrementProcessBenchmark.;\.IncrementProcessBenchmark\.(Pool|NativePerTask)\.;-p chunksize=auto -p spawner=processbuilder -p tasks=100'
    )
    forks=${forks:-5} ;;
  smoke)
    timing=(-f 1 -wi 1 -w 100ms -i 3 -r 100ms)
    ab_timing=(-f 1 -wi 0 -i 2 -r 50ms)
    increment=(-p strategy=CALLER_THREAD,FIXED_THREAD_POOL -p chunksize=auto)
    process_tasks=${PERF_PROCESS_TASKS:-5}
    # Never next to the committed baselines: a smoke baseline must not be mistaken for one.
    baseline_dir=${PERF_BASELINE_DIR:-results/runs/baseline-smoke}
    ab_parts=('increment;.IncrementBenchmark.;\.IncrementBenchmark\.;-p strategy=CALLER_THREAD -p chunksize=auto -p tasks=10')
    forks=${forks:-1} ;;
  *) die "unknown PERF_PROFILE '$profile' (quick or smoke)" ;;
esac
case "$forks" in
  '' | *[!0-9]* | 0) die "PERF_FORKS must be a whole number above 0, not '$forks'" ;;
esac
if [ "$mode" != baseline ] && [ -z "$threshold" ]; then
  threshold=10%
fi
if [ -n "$threshold" ]; then
  compare_opts+=(--threshold "$threshold")
fi
# A/B and A/A: 0.05 per stage. A row fails only when the first measurement and the confirmation
# both flag it, so a row that did not change fails with a chance of about 0.05 x 0.05; at 0.01 a
# +35% slowdown of THREAD_PER_TASK was confirmed in only 2 of 5 runs on a 2-core VM (p 0.02-0.03).
if [ "$mode" != baseline ] && [ -z "$alpha" ]; then
  alpha=0.05
fi
if [ -n "$alpha" ]; then
  compare_opts+=(--alpha "$alpha")
fi

# A/B: REF must name a commit before anything is built or measured.
base_sha=
if [ "$mode" = ab ]; then
  git rev-parse --is-inside-work-tree > /dev/null 2>&1 || die "--base needs a git checkout; $root is not one"
  base_sha=$(git rev-parse --verify --quiet "${base_ref}^{commit}") \
    || die "--base $base_ref is not a commit of this repository (a shallow clone? fetch it, e.g. actions/checkout with fetch-depth: 0)"
fi

# shellcheck disable=SC2206 # PERF_JAVA_OPTS and PERF_MVN_ARGS are lists of words by design
java_opts=(${PERF_JAVA_OPTS:-})
# shellcheck disable=SC2206
mvn_cmd=(${PERF_MVN:-mvn} -B -q ${PERF_MVN_ARGS:-} -DskipTests package)

# Work files that are not results (the base's clone) live outside the checkout, removed at exit.
tmp=
cleanup() {
  if [ -n "$tmp" ] && [ -d "$tmp" ]; then
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

# A fresh results folder of this run (never one that exists: nothing of an earlier run is replaced).
results_root=${PERF_RESULTS_DIR:-results/runs}
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

# Appends a Markdown file to the job summary, when there is a summary and the file was written.
summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$1" ]; then
    cat "$1" >> "$GITHUB_STEP_SUMMARY"
  fi
}

# The -jvm of the user's JMH options, if any (the env records name the forks' JDK).
fork_jvm=()
for ((i = 0; i < ${#jmh_extra[@]}; i++)); do
  if [ "${jmh_extra[$i]}" = -jvm ] && [ $((i + 1)) -lt ${#jmh_extra[@]} ]; then
    fork_jvm=(--jvm "${jmh_extra[$((i + 1))]}")
  fi
done

# ---------------------------------------------------------------- A/B and A/A: ABBA rounds
if [ "$mode" != baseline ]; then
  if [ "$mode" = ab ]; then
    run_dir=$(new_run_dir perf-ab)
    side_a=base
    side_b=head
  else
    run_dir=$(new_run_dir perf-aa)
    side_a=a
    side_b=b
  fi
  echo "== results in $run_dir"
  jar_a=$root/$JAR
  jar_b=$root/$JAR
  git_a=$root
  if [ "$mode" = ab ]; then
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/poolbench-base.XXXXXX")
    echo "== building the base $base_ref ($base_sha) in a temporary clone"
    git clone --quiet --shared --no-checkout "$root" "$tmp/base" > "$run_dir/base-build.log" 2>&1 \
      && git -C "$tmp/base" -c advice.detachedHead=false checkout --quiet "$base_sha" >> "$run_dir/base-build.log" 2>&1 \
      || die "cannot check out $base_ref ($base_sha) in a temporary clone (see $run_dir/base-build.log)"
    (cd "$tmp/base" && "${mvn_cmd[@]}") >> "$run_dir/base-build.log" 2>&1 \
      || die "the base $base_ref ($base_sha) does not build (see $run_dir/base-build.log)"
    [ -f "$tmp/base/$JAR" ] || die "the base $base_ref ($base_sha) built no $JAR"
    jar_a=$tmp/base/$JAR
    git_a=$tmp/base
  fi
  build_head

  # Which parts each jar has: a part the base lacks is run on the head only (its rows are new).
  list_a=$(java "${java_opts[@]}" -cp "$jar_a" org.openjdk.jmh.Main -l) || die "cannot list the benchmarks of $jar_a"
  list_b=$(java "${java_opts[@]}" -cp "$jar_b" org.openjdk.jmh.Main -l) || die "cannot list the benchmarks of $jar_b"

  # One JMH run: one fork of every row of one part, with one side's jar.
  round() {
    local side=$1 jarfile=$2 list=$3 n=$4 out_dir=$5
    shift 5
    local spec name probe regex params
    for spec in "$@"; do
      IFS=';' read -r name probe regex params <<< "$spec"
      grep -Fq -- "$probe" <<< "$list" || continue
      local out=$out_dir/$(printf '%02d' "$n")-$side-$name.json
      # shellcheck disable=SC2086 # params is a list of words by design
      java "${java_opts[@]}" -cp "$jarfile" org.openjdk.jmh.Main "$regex" $params "${ab_timing[@]}" "${jmh_extra[@]}" \
        -rf json -rff "$out" > "$out.log" 2>&1 \
        || die "the $side run of round $n ($name) failed (see $out.log)"
      [ -s "$out" ] || die "the $side run of round $n ($name) wrote no results (see $out.log)"
    done
  }

  # 2 x forks rounds in ABBA order: A B B A A B B A ...
  abba() {
    local out_dir=$1
    shift
    mkdir -p "$out_dir"
    local r side
    for ((r = 0; r < 2 * forks; r++)); do
      if [ $((r % 4)) = 0 ] || [ $((r % 4)) = 3 ]; then side=a; else side=b; fi
      echo "== round $((r + 1)) of $((2 * forks)): $([ $side = a ] && echo "$side_a" || echo "$side_b")"
      if [ $side = a ]; then
        round "$side_a" "$jar_a" "$list_a" "$((r + 1))" "$out_dir" "$@"
      else
        round "$side_b" "$jar_b" "$list_b" "$((r + 1))" "$out_dir" "$@"
      fi
    done
  }

  # Joins one side's rounds into OUT (rows with all their forks) with an env record beside it.
  gather() {
    local out=$1 side=$2 git_dir=$3 out_dir=$4
    local files=("$out_dir"/*-"$side"-*.json)
    [ -e "${files[0]}" ] || die "the $side side has no results in $out_dir"
    jar compare --merge-forks "$out" "${files[@]}" > /dev/null || die "cannot join the $side rounds (see above)"
    java "${java_opts[@]}" -cp "$root/$JAR" io.github.poolbench.RunEnvironment "${out%.json}.env.json" \
      "${fork_jvm[@]}" --git "$git_dir" -- "${ab_timing[@]}" "${jmh_extra[@]}" \
      || die "cannot write the environment record of $out"
  }

  abba "$run_dir/rounds" "${ab_parts[@]}"
  gather "$run_dir/$side_a.json" "$side_a" "$git_a" "$run_dir/rounds"
  gather "$run_dir/$side_b.json" "$side_b" "$root" "$run_dir/rounds"

  aa_opt=()
  [ "$mode" = aa ] && aa_opt=(--aa)
  echo "== compare $side_a with $side_b"
  rc=0
  jar compare "$run_dir/$side_a.json" "$run_dir/$side_b.json" "${compare_opts[@]}" "${aa_opt[@]}" \
    -o "$run_dir/compare" --rerun-plan "$run_dir/rerun.tsv" || rc=$?
  summary "$run_dir/compare/compare.md"
  if [ "$mode" = aa ] || [ "$rc" != 1 ] || ! grep -q $'\t' "$run_dir/rerun.tsv"; then
    echo "perf-regression: exit $rc after $(($(date +%s) - started)) s; see $run_dir/compare/compare.txt"
    exit "$rc"
  fi

  # Confirmation: the flagged rows once more, in the same ABBA way, judged alone.
  echo "== confirming $(grep -c $'\t' "$run_dir/rerun.tsv") flagged row(s)"
  confirm_parts=()
  n=0
  while IFS= read -r line; do
    IFS=$'\t' read -r -a fields <<< "$line"
    [ "${#fields[@]}" -gt 1 ] || continue
    n=$((n + 1))
    # The plan's line: the row's key (its first word is the benchmark), an anchored include
    # regex, then -bm MODE -p k=v ...
    confirm_parts+=("row$n;${fields[0]%% *};${fields[1]};${fields[*]:2}")
  done < "$run_dir/rerun.tsv"
  abba "$run_dir/confirm-rounds" "${confirm_parts[@]}"
  mkdir -p "$run_dir/confirm"
  gather "$run_dir/confirm/$side_a.json" "$side_a" "$git_a" "$run_dir/confirm-rounds"
  gather "$run_dir/confirm/$side_b.json" "$side_b" "$root" "$run_dir/confirm-rounds"
  rc=0
  jar compare "$run_dir/confirm/$side_a.json" "$run_dir/confirm/$side_b.json" "${compare_opts[@]}" \
    --only "$run_dir/rerun.tsv" -o "$run_dir/confirm/compare" || rc=$?
  if [ -f "$run_dir/confirm/compare/compare.md" ]; then
    { printf '\n#### Confirmation: the flagged rows measured again (ABBA)\n\n'
      sed '1s/^### /#### /' "$run_dir/confirm/compare/compare.md"; } > "$run_dir/confirm.md"
    summary "$run_dir/confirm.md"
  fi
  if [ "$rc" = 0 ]; then
    echo "perf-regression: not confirmed: the flagged rows were within bounds when measured again"
  elif [ "$rc" = 1 ]; then
    echo "perf-regression: confirmed regression (see $run_dir/confirm/compare/compare.txt)"
  fi
  # The confirmation measures only the flagged rows: base rows missing from the head run (plan
  # lines without arguments) are not in it, and still fail.
  if [ "$rc" = 0 ] && grep -qv $'\t' "$run_dir/rerun.tsv"; then
    echo "perf-regression: base rows are missing from the head run (see $run_dir/compare/compare.txt)"
    rc=1
  fi
  echo "perf-regression: exit $rc after $(($(date +%s) - started)) s"
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
jar compare "$baseline" "$current" "${compare_opts[@]}" "${force_opt[@]}" -o "$run_dir/compare" \
  --rerun-plan "$run_dir/rerun.tsv" || rc=$?
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
jar compare "$baseline" "${reruns[@]}" "${compare_opts[@]}" "${force_opt[@]}" --only "$run_dir/rerun.tsv" \
  -o "$run_dir/confirm" || rc=$?
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
