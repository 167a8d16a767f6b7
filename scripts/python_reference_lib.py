"""The source document's own Python, measured on this machine, written as JMH-format JSON.

Runs the examples of the document (docs/the-article.md) under every start method this
platform offers (fork, forkserver, spawn) and writes a JMH-shaped JSON array, so the
suite's report can put Python beside Java:

  python.IncrementBenchmark.map       section 2: 1000 increments through Pool(5) (timer as
                                      in the document: map + close + join, the pool created
                                      before the timer), and one Process per task (start
                                      all, then join all, as in the document)
  python.ApplyBenchmark.apply         section 3: Pool(3), 10 x apply(work), work sleeps
  python.ApplyBenchmark.applyAsync    section 4: 10 x apply_async, then get each
  python.ApplyBenchmark.applyAsyncCallback    results delivered to a callback
  python.CallbackBenchmark.applyAsyncCallback section 6 as written: Pool(5), 10 x
                                      apply_async(func, callback=call), func returns i*'*'

Standard library only; Python 3.8 or later.

This module is the measuring machinery; the entry script python-reference.py holds only the
document's task bodies. Under spawn every child re-runs the entry script from source (as the
document's children re-ran theirs), so keeping it as small as the document's keeps the
per-task cost the document's: this module is imported by the parent alone.
"""

import argparse
import contextlib
import datetime
import json
import signal
import math
import multiprocessing
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time

VERSION = "1.0"
PROG = "python-reference"

#: Percentiles JMH writes in scorePercentiles, in its order.
PERCENTILES = (0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0)
#: JMH's confidence level for scoreError.
CONFIDENCE = 0.999
PACKAGE = "python."
UNIT = "ms/op"


# ---------------------------------------------------------------------------------------
# Statistics, shaped as JMH computes them.

def t_two_sided_cdf(t, dof):
    """P(|T| <= t) for Student's t with an integer number of degrees of freedom.

    The closed forms of Abramowitz & Stegun 26.7.3/26.7.4 (finite sums of powers of
    cos(theta), theta = atan(t / sqrt(dof))), exact for integer dof.
    """
    theta = math.atan(t / math.sqrt(dof))
    c2 = math.cos(theta) ** 2
    s = math.sin(theta)
    if dof % 2 == 1:
        if dof == 1:
            return 2.0 * theta / math.pi
        term, total = 1.0, 1.0
        for k in range(1, (dof - 3) // 2 + 1):
            term *= c2 * (2 * k) / (2 * k + 1)
            total += term
        return 2.0 / math.pi * (theta + s * math.cos(theta) * total)
    term, total = 1.0, 1.0
    for k in range(1, (dof - 2) // 2 + 1):
        term *= c2 * (2 * k - 1) / (2 * k)
        total += term
    return s * total


def t_quantile(confidence, dof):
    """The t such that P(|T| <= t) = confidence: JMH's multiplier for a two-sided interval.

    The standard library has no t distribution; this inverts the exact CDF by bisection.
    Past 100,000 degrees of freedom the normal quantile is used (they agree to 1e-4).
    """
    if dof < 1:
        raise ValueError("degrees of freedom must be at least 1, was %r" % dof)
    if dof > 100000:
        return statistics.NormalDist().inv_cdf(0.5 + confidence / 2.0)
    lo, hi = 0.0, 1.0
    while t_two_sided_cdf(hi, dof) < confidence:
        hi *= 2.0
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if t_two_sided_cdf(mid, dof) < confidence:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-12 * hi:
            break
    return (lo + hi) / 2.0


def percentile(sorted_values, p):
    """Apache Commons Math's default (legacy) percentile estimate, which JMH uses; p=0 is the minimum."""
    n = len(sorted_values)
    if n == 0:
        return float("nan")
    if p <= 0.0:
        return sorted_values[0]
    pos = p * (n + 1) / 100.0
    if pos < 1.0:
        return sorted_values[0]
    if pos >= n:
        return sorted_values[-1]
    ipos = int(pos)
    lower, upper = sorted_values[ipos - 1], sorted_values[ipos]
    return lower + (pos - ipos) * (upper - lower)


def metric(samples, unit=UNIT):
    """A JMH metric object: mean score, 99.9% half-width (Student's t), percentiles, raw data."""
    n = len(samples)
    score = statistics.fmean(samples)
    if n > 1:
        error = t_quantile(CONFIDENCE, n - 1) * statistics.stdev(samples) / math.sqrt(n)
        confidence = [score - error, score + error]
    else:
        error = float("nan")
        confidence = [float("nan"), float("nan")]
    ordered = sorted(samples)
    return {
        "score": score,
        "scoreError": error,
        "scoreConfidence": confidence,
        "scorePercentiles": {_percentile_key(p): percentile(ordered, p) for p in PERCENTILES},
        "scoreUnit": unit,
        "rawData": [list(samples)],
    }


def _percentile_key(p):
    # JMH writes the keys as Java's Double.toString does: "0.0", "50.0", "99.9999", "100.0".
    return repr(float(p))


def jmh_json_safe(value):
    """JMH writes NaN and infinities as strings ("NaN", "+INF", "-INF"); JSON has no such numbers."""
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "+INF" if value > 0 else "-INF"
        return value
    if isinstance(value, dict):
        return {k: jmh_json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jmh_json_safe(v) for v in value]
    return value


# ---------------------------------------------------------------------------------------
# Measurement.

class BenchmarkFailed(Exception):
    """A run produced a wrong result, a child failed, or something did not finish in time."""


class Row:
    """One JMH result entry being measured: a benchmark name, its params, its samples."""

    def __init__(self, benchmark, params, warmups):
        self.benchmark = PACKAGE + benchmark
        self.params = params
        self.warmups = warmups
        self.samples = []
        self.secondary = {}

    def add(self, primary_s, **secondary_s):
        self.samples.append(primary_s * 1000.0)
        for name, seconds in secondary_s.items():
            self.secondary.setdefault(name, []).append(seconds * 1000.0)

    def describe(self):
        keys = ("strategy", "chunksize", "start_method")
        return "%s %s" % (self.benchmark[len(PACKAGE):],
                          " ".join("%s=%s" % (k, self.params[k]) for k in keys if k in self.params))


#: The entry script's module: func, work and stars, pickled by reference to it.
T = None


class Runner:
    def __init__(self, args, log):
        self.args = args
        self.log = log
        self.rows = []
        self.timeout = max(120.0, args.sleep_ms / 1000.0 * 10 * 20)

    # -- the document's section 2 ------------------------------------------------------

    def increment_pool(self, method, chunksize):
        """Pool(5).map(func, range(1000)); close(); join() -- timed as the document times it."""
        ctx = multiprocessing.get_context(method)
        a = self.args
        row = self._row("IncrementBenchmark.map", "FIXED_PROCESS_POOL", method, tasks=a.tasks, workers=5,
                        chunksize=chunksize, warmups=a.warmups)
        chunk = None if chunksize == "auto" else int(chunksize)
        expected = list(range(1, a.tasks + 1))

        def once():
            pool = new_pool(ctx, 5)  # created before the timer, as in the document
            try:
                start = time.perf_counter()
                got = self._map(pool, chunk)
                mapped = time.perf_counter() - start
                pool.close()
                pool.join()
                total = time.perf_counter() - start
            except BaseException:
                pool.terminate()
                raise
            _check(got == expected, "%s: map returned wrong results" % row.describe())
            return total, mapped

        if not a.headline:
            for _ in range(row.warmups):
                once()
            for r in range(a.repeat):
                total, mapped = once()
                row.add(total, map=mapped)
                self._progress(row, r + 1, a.repeat, total)
        # The Java suite's shape: one pool, built and warmed before measuring, reused by every
        # operation. Measured after the document's runs so no pool's threads are alive while
        # the pools above fork (forking a threaded process is what Python 3.12+ warns about).
        pool = new_pool(ctx, 5)
        try:
            for _ in range(max(1, row.warmups)):
                _check(self._map(pool, chunk) == expected, "%s: warm-up map wrong" % row.describe())
            for _ in range(a.repeat):
                start = time.perf_counter()
                got = self._map(pool, chunk)
                elapsed = time.perf_counter() - start
                _check(got == expected, "%s: reused pool's map returned wrong results" % row.describe())
                if a.headline:  # the Java suite's shape is the row's score
                    row.add(elapsed)
                else:
                    row.secondary.setdefault("reusedPoolMap", []).append(elapsed * 1000.0)
            pool.close()
            pool.join()
        finally:
            pool.terminate()
        self.rows.append(row)

    def increment_per_task(self, method):
        """for i in range(1000): Process(target=T.func, args=(i,)).start(); then join every one."""
        ctx = multiprocessing.get_context(method)
        a = self.args
        row = self._row("IncrementBenchmark.map", "PROCESS_PER_TASK", method, tasks=a.tasks, workers=5,
                        chunksize="auto", warmups=0)

        def once(n):
            started = []
            held = sigint_held()  # around the whole start loop: two syscalls per run, not per child
            held.__enter__()
            start = time.perf_counter()
            try:
                for i in range(n):
                    p = ctx.Process(target=T.func, args=(i,))
                    p.start()
                    started.append(p)
            except OSError as e:
                held.__exit__(None, None, None)
                deadline = time.monotonic() + self.timeout
                for p in started:
                    p.join(max(0.0, deadline - time.monotonic()))
                raise BenchmarkFailed("%s: starting process %d of %d failed: %s"
                                      % (row.describe(), len(started) + 1, n, e))
            started_all = time.perf_counter() - start
            try:
                held.__exit__(None, None, None)  # a Ctrl-C that came during the loop is raised here
            except BaseException:
                for p in started:
                    p.kill()
                for p in started:
                    p.join(5)
                raise
            deadline = time.monotonic() + self.timeout
            for p in started:
                p.join(max(0.0, deadline - time.monotonic()))
            total = time.perf_counter() - start
            hung = [p.pid for p in started if p.exitcode is None]
            for p in started:
                if p.exitcode is None:
                    p.kill()
                    p.join(5)
            _check(not hung, "%s: %d children did not exit within %.0f s" % (row.describe(), len(hung), self.timeout))
            bad = sorted({p.exitcode for p in started if p.exitcode != 0})
            _check(not bad, "%s: children exited with status %s" % (row.describe(), bad))
            return total, started_all

        # A few untimed children first, so the interpreter's files are in the page cache and
        # the forkserver (when that is the method) is already running.
        once(min(3, a.tasks))
        budget_start = time.perf_counter()
        runs = a.per_task_runs or a.repeat
        for r in range(runs):
            if r >= 2 and time.perf_counter() - budget_start >= a.per_task_budget:
                break
            total, started_all = once(a.tasks)
            row.add(total, startAll=started_all)
            self._progress(row, r + 1, runs, total)
        self.rows.append(row)

    # -- sections 3, 4 and 6 -----------------------------------------------------------

    def apply_rows(self, method):
        a = self.args
        sleep_s = a.sleep_ms / 1000.0
        n, workers = 10, 3
        expected = [i ** 2 for i in range(n)]

        def apply(pool):
            # Pool.apply(f, args) is apply_async(f, args).get(); spelled out for a bounded wait.
            return [pool.apply_async(T.work, (i, sleep_s)).get(self.timeout) for i in range(n)]

        def apply_async(pool):
            handles = [pool.apply_async(T.work, (i, sleep_s)) for i in range(n)]
            return [h.get(self.timeout) for h in handles]

        def apply_async_callback(pool):
            return self._with_callback(pool, T.work, lambda i: (i, sleep_s), n)

        for name, op in (("apply", apply), ("applyAsync", apply_async), ("applyAsyncCallback", apply_async_callback)):
            row = self._row("ApplyBenchmark." + name, "FIXED_PROCESS_POOL", method, workers=workers, tasks=n,
                            sleepMillis=a.sleep_ms, warmups=1)
            self._reused_pool_row(row, method, workers, op, lambda got: sorted(got) == expected)

        # Section 6 as the document wrote it: Pool(5), func returns i*'*', the callback gets it.
        row = self._row("CallbackBenchmark.applyAsyncCallback", "FIXED_PROCESS_POOL", method, workers=5, tasks=n,
                        warmups=1)
        self._reused_pool_row(row, method, 5, lambda pool: self._with_callback(pool, T.stars, lambda i: (i,), n),
                              lambda got: sorted(got, key=len) == [i * '*' for i in range(n)])

    def _with_callback(self, pool, fn, args_of, n):
        """apply_async with a callback per task; returns the values in arrival order once all arrived."""
        done = threading.Event()
        got, failures, pids = [], [], set()
        parent = os.getpid()

        def call(value):  # runs in the pool's result-handler thread, in this (the parent) process
            pids.add(os.getpid())
            got.append(value)
            if len(got) == n:
                done.set()

        def failed(error):
            failures.append(error)
            done.set()

        for i in range(n):
            pool.apply_async(fn, args_of(i), callback=call, error_callback=failed)
        _check(done.wait(self.timeout), "callbacks: only %d of %d arrived within %.0f s" % (len(got), n, self.timeout))
        _check(not failures, "callbacks: a task failed: %r" % (failures[:1],))
        _check(pids == {parent}, "callbacks ran in process %s, not in the parent %d" % (sorted(pids), parent))
        return got

    def _reused_pool_row(self, row, method, workers, op, is_right):
        """Pool built before timing and reused by every operation, as the Java ApplyBenchmark does.

        Always one warm-up operation (even in --quick): under spawn and forkserver the workers
        are still starting when Pool() returns, and that start-up is not what these rows measure.
        """
        pool = new_pool(multiprocessing.get_context(method), workers)
        try:
            for _ in range(row.warmups):
                _check(is_right(op(pool)), "%s: wrong results" % row.describe())
            for r in range(self.args.repeat):
                start = time.perf_counter()
                got = op(pool)
                elapsed = time.perf_counter() - start
                _check(is_right(got), "%s: wrong results: %r" % (row.describe(), got))
                row.add(elapsed)
                self._progress(row, r + 1, self.args.repeat, elapsed)
            pool.close()
            pool.join()
        finally:
            pool.terminate()
        self.rows.append(row)

    # -- helpers -------------------------------------------------------------------------

    def _map(self, pool, chunk):
        # Pool.map(f, it, c) is map_async(f, it, c).get(); spelled out for a bounded wait.
        return pool.map_async(T.func, range(self.args.tasks), chunk).get(self.timeout)

    def _row(self, benchmark, strategy, method, warmups, **params):
        values = {k: str(v) for k, v in params.items()}
        values.update(strategy=strategy, start_method=method)
        return Row(benchmark, {k: values[k] for k in sorted(values)}, warmups)  # JMH sorts params by name

    def _progress(self, row, i, n, seconds):
        self.log("%s: run %d/%d: %s" % (row.describe(), i, n, _human(seconds)))


def _check(condition, message):
    if not condition:
        raise BenchmarkFailed(message)


def _human(seconds):
    return "%.2f s" % seconds if seconds >= 1 else "%.1f ms" % (seconds * 1000)


# ---------------------------------------------------------------------------------------
# Output: the JMH entries and the environment record.

def jmh_entries(rows, args):
    entries = []
    implementation = platform.python_implementation()
    interpreter_args = list(getattr(sys, "orig_argv", [sys.executable])[1:])
    script = os.path.abspath(sys.argv[0])  # the entry script
    jvm_args = []
    for arg in interpreter_args:  # the interpreter's own options, before the script name
        if os.path.abspath(arg) == script:
            break
        jvm_args.append(arg)
    for row in rows:
        entries.append({
            "jmhVersion": "python-reference " + VERSION,
            "benchmark": row.benchmark,
            "mode": "ss",
            "threads": 1,
            "forks": 1,
            "jvm": sys.executable,
            "jvmArgs": jvm_args,
            "jdkVersion": platform.python_version(),
            "vmName": implementation,
            "vmVersion": " ".join(sys.version.split()),
            "warmupIterations": row.warmups,
            "warmupTime": "single-shot",
            "warmupBatchSize": 1,
            "measurementIterations": len(row.samples),
            "measurementTime": "single-shot",
            "measurementBatchSize": 1,
            "params": row.params,
            "primaryMetric": metric(row.samples),
            "secondaryMetrics": {name: metric(values) for name, values in sorted(row.secondary.items())},
        })
    return entries


def environment(argv, methods):
    arch = platform.machine()
    env = {
        "recordedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "osName": platform.system(),
        "osVersion": platform.release(),
        "kernel": _first_line("/proc/version"),
        # Java's os.arch spelling, so the two records compare field by field.
        "osArch": {"x86_64": "amd64", "AMD64": "amd64", "i386": "x86", "i686": "x86"}.get(arch, arch),
        "cpuModel": _cpu_model(),
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memoryBytes": _memory_bytes(),
        "hostname": socket.gethostname(),
        "gitCommit": _git_commit(),
        "commandLine": list(argv),
        "pythonVersion": platform.python_version(),
        "pythonImplementation": platform.python_implementation(),
        "pythonExecutable": sys.executable,
        "startMethods": list(methods),
        "defaultStartMethod": multiprocessing.get_start_method(),
    }
    return env


def _first_line(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.readline().strip() or None
    except OSError:
        return None


def _cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return os.environ.get("PROCESSOR_IDENTIFIER") or platform.processor() or "unknown"


def _memory_bytes():
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def _git_commit():
    here = os.path.dirname(os.path.abspath(__file__))  # scripts/ of the checkout
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=here, capture_output=True, text=True, timeout=10)
        if commit.returncode != 0:
            return None
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=here,
                                capture_output=True, text=True, timeout=10)
        dirty = status.returncode == 0 and status.stdout.strip()
        return commit.stdout.strip() + ("-dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return None


def env_file_for(result_file):
    """The suite's rule (RunFiles.envFileFor): jmh.json -> env.json, otherwise <stem>.json -> <stem>.env.json."""
    directory, name = os.path.split(result_file)
    if name == "jmh.json":
        return os.path.join(directory, "env.json")
    dot = name.rfind(".")
    stem = name[:dot] if dot > 0 else name
    return os.path.join(directory, stem + ".env.json")


def write_together(files):
    """Writes every (path, data) beside its target first, then renames them all into place: a failure or
    Ctrl-C before the renames leaves no half file, no temporary one, and every earlier file as it was."""
    staged = []
    try:
        for path, data in files:
            text = json.dumps(jmh_json_safe(data), indent=4, allow_nan=False) + "\n"
            directory, name = os.path.split(os.path.abspath(path))
            tmp = os.path.join(directory, ".%s.tmp-%d" % (name, os.getpid()))
            staged.append((tmp, path))
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(text)
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            try:
                os.remove(tmp)
            except OSError:
                pass


# ---------------------------------------------------------------------------------------
# Command line.

EPILOG = """\
what it costs (2-core Linux, Python 3.11; "noisy" = four other builds running):
  About 3.5 minutes on a quiet machine (estimated: a spawn child costs ~80 ms of CPU, so
  1000 of them take ~40-50 s on 2 cores), 7.5 minutes measured on the noisy one. Almost all
  of it is the PROCESS_PER_TASK rows; 1000 children per run took (noisy) 2.7-9.6 s with
  fork, 8-15 s with forkserver and 93-188 s with spawn. Those rows repeat until --repeat
  runs are done or --per-task-budget seconds per start method are spent, but at least
  twice, so spawn runs twice (its 99.9% error bar from two samples is very wide, as JMH's
  would be). All other rows together take ~35 s.
  All 1000 children are started before any is joined, as in the document; no bound is
  put on them. Under spawn the start loop itself is the bottleneck, so few children are
  alive at once (here: under 150 processes on the whole machine, ~0.5 GB extra memory).
  Shorter: --start-methods fork,forkserver (about a minute), --repeat 1 (one run per row,
  no error bars), --quick (20 tasks, 2 runs: seconds on a quiet machine, ~20 s noisy).

timing (all in ms/op, JMH mode "ss", one sample per run):
  FIXED_PROCESS_POOL map: Pool(5) is created before the timer; the timer covers map +
  close + join, as in the document. Under forkserver and spawn the workers are still
  starting when Pool() returns, so that time includes part of their start-up (as it would
  have on the document's machine if it spawned, as Windows does). Secondary metrics: "map"
  (the map call alone) and "reusedPoolMap" (a pool built, warmed and reused for every run,
  the shape the Java suite measures).
  PROCESS_PER_TASK: start every Process, then join every one; secondary "startAll" is the
  start loop alone. A few untimed children go first.
  ApplyBenchmark / CallbackBenchmark: one pool per row, built and warmed before timing,
  reused by every run. Model makespans with the defaults: apply 10 x d = 100 ms,
  applyAsync ceil(10/3) x d = 40 ms.

output: a JMH-format JSON array (-o) and an environment record beside it (jmh.json ->
env.json, otherwise NAME.json -> NAME.env.json). Nothing is written unless every run
succeeds. Progress goes to stderr; a summary and the file names to stdout.

exit codes: 0 done; 1 a run failed (wrong result, child failed or hung); 2 bad option or
the output cannot be written; 130 interrupted.
"""


def parse_args(argv):

    class Parser(argparse.ArgumentParser):
        def error(self, message):  # one line, not argparse's usage block
            sys.stderr.write("%s: %s (see --help)\n" % (PROG, message))
            sys.exit(2)

    def positive(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError("expected a whole number, got %r" % text)
        if value < 1:
            raise argparse.ArgumentTypeError("must be at least 1, got %d" % value)
        return value

    def non_negative(text):
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError("expected a number, got %r" % text)
        if not value >= 0 or value == float("inf"):
            raise argparse.ArgumentTypeError("must be 0 or more, got %s" % text)
        return value

    def sleep_ms(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError("expected whole milliseconds, got %r" % text)
        if value < 0:
            raise argparse.ArgumentTypeError("must be 0 or more, got %d" % value)
        return value

    p = Parser(prog=PROG, formatter_class=argparse.RawDescriptionHelpFormatter,
               description=__doc__.split("\n\n")[0] + "\n\nRuns sections 2, 3, 4 and 6 of the article (docs/the-article.md) "
                           "under each multiprocessing start method.",
               epilog=EPILOG)
    p.add_argument("-o", "--output", metavar="FILE",
                   help="JMH JSON to write (default results/runs/python-<yyyyMMdd-HHmmss>/jmh.json)")
    p.add_argument("--headline", action="store_true",
                   help="section 2 only, chunksize auto, as the suite's default run takes it: the FIXED_PROCESS_POOL "
                        "row's score is the map of a Pool(5) built, warmed and reused (the Java suite's shape), the "
                        "PROCESS_PER_TASK row's a Process per task, started all then joined all")
    p.add_argument("--quick", action="store_true",
                   help="a smoke run in seconds: --tasks 20 --repeat 2 --per-task-budget 0 unless given, "
                        "and no warm-up run of section 2's pool rows")
    p.add_argument("--repeat", type=positive, metavar="N",
                   help="measured runs per row (default 10; PROCESS_PER_TASK rows may stop earlier, see "
                        "--per-task-budget)")
    p.add_argument("--per-task-budget", type=non_negative, metavar="SECONDS",
                   help="PROCESS_PER_TASK rows stop repeating once this many seconds are spent per start "
                        "method, after at least 2 runs (default 30)")
    p.add_argument("--per-task-runs", type=positive, metavar="N",
                   help="measured runs of the PROCESS_PER_TASK rows (default: --repeat, within --per-task-budget)")
    p.add_argument("--tasks", type=positive, metavar="N", help="section 2's task count (default 1000)")
    p.add_argument("--start-methods", metavar="LIST",
                   help="comma-separated subset of %s (default: all of them)"
                        % ",".join(multiprocessing.get_all_start_methods()))
    p.add_argument("--sleep-ms", type=sleep_ms, metavar="MS", default=10,
                   help="sleep of each apply task, the document's 3 s scaled down as in the Java ApplyBenchmark "
                        "(default 10)")
    p.add_argument("--version", action="version", version="%(prog)s " + VERSION)
    args = p.parse_args(argv)

    if args.repeat is None:
        args.repeat = 2 if args.quick else 10
    if args.tasks is None:
        args.tasks = 20 if args.quick else 1000
    if args.per_task_budget is None:
        args.per_task_budget = 0.0 if args.quick else 30.0
    # One untimed run before the measured ones of section 2's pool rows; none in a smoke run.
    args.warmups = 0 if args.quick else 1
    available = multiprocessing.get_all_start_methods()
    if args.start_methods is None:
        args.start_methods = list(available)
    else:
        wanted = [m.strip() for m in args.start_methods.split(",") if m.strip()]
        if not wanted:
            p.error("--start-methods: name at least one of %s" % ",".join(available))
        unknown = [m for m in wanted if m not in available]
        if unknown:
            p.error("--start-methods: %s not offered here (available: %s)" % (",".join(unknown), ",".join(available)))
        args.start_methods = list(dict.fromkeys(wanted))
    if args.output is None:
        args.output = os.path.join("results", "runs", "python-" + time.strftime("%Y%m%d-%H%M%S"), "jmh.json")
    else:
        why = refuse_target(args.output)
        if why:
            p.error("-o %r: %s" % (args.output, why))
    return args


def refuse_target(path):
    """Why ``path`` cannot take a result (or an environment record), or None: only a new or regular file will do."""
    if path == "":
        return "the file name is empty"
    if os.path.islink(path):
        return "it is a symbolic link; name a new or regular file"
    if os.path.isdir(path):
        return "it is a folder; name a file in it"
    if os.path.exists(path) and not os.path.isfile(path):
        return "it is not a regular file (a device, pipe or socket); name a new or regular file"
    return None


def prepare_output(path):
    """Fails before any measuring when the result cannot be written; creates nothing (folders come with the results)."""
    for target in (path, env_file_for(path)):
        why = refuse_target(target)
        if why:
            raise OSError("%s: %s" % (target, why))
    directory = os.path.dirname(os.path.abspath(path))
    existing = directory
    while not os.path.isdir(existing):
        if os.path.exists(existing):
            raise OSError("%s is not a folder" % existing)
        existing = os.path.dirname(existing)
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OSError("%s is not writable" % existing)


@contextlib.contextmanager
def sigint_held():
    """Children started inside begin with SIGINT blocked (the mask passes through fork and exec), so a
    Ctrl-C cannot stop a spawned interpreter half-way through its start with a traceback; the parent
    gets its KeyboardInterrupt when the block ends, and ends its children itself."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def new_pool(ctx, workers):
    """ctx.Pool(workers), built with SIGINT held (see sigint_held); a Ctrl-C that came meanwhile
    ends the new pool's workers before it is raised, so none is left behind."""
    pool = None
    try:
        with sigint_held():
            pool = ctx.Pool(workers)
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    return pool


def quiet_children_on_interrupt():
    """Ctrl-C reaches every process of the terminal's group: the parent stops with one line; a forked child
    (it inherits this handler) leaves at once without a traceback."""
    parent = os.getpid()

    def on_interrupt(signum, frame):
        if os.getpid() != parent:
            os._exit(1)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_interrupt)


def summary(rows):
    """Lines for stdout: each row's score, and per start method the gap the document reports."""
    lines = []
    for row in rows:
        mean = statistics.mean(row.samples)
        lines.append("  %-88s %12.3f ms/op  (%d runs)" % (row.describe(), mean, len(row.samples)))
    by_method = {}
    for row in rows:
        if row.benchmark.endswith("IncrementBenchmark.map") and row.params.get("chunksize") == "auto":
            by_method.setdefault(row.params["start_method"], {})[row.params["strategy"]] = statistics.mean(row.samples)
    for method, s in by_method.items():
        if "FIXED_PROCESS_POOL" in s and "PROCESS_PER_TASK" in s and s["FIXED_PROCESS_POOL"] > 0:
            lines.append("  gap, %s: process per task %.3f s / pool %.4f s = %.0fx"
                         % (method, s["PROCESS_PER_TASK"] / 1000, s["FIXED_PROCESS_POOL"] / 1000,
                            s["PROCESS_PER_TASK"] / s["FIXED_PROCESS_POOL"]))
    if by_method:
        tasks = next(r.params["tasks"] for r in rows if r.benchmark.endswith("IncrementBenchmark.map"))
        lines.append("  (%s tasks; the document, 1000 tasks on an unknown machine: 101.0 s / 0.355 s = 284x)" % tasks)
    return lines


def main(argv, tasks):
    """Runs everything; ``tasks`` is the entry script's module holding func, work and stars."""
    global T
    T = tasks
    args = parse_args(argv)

    def log(message):
        sys.stderr.write("%s: %s\n" % (PROG, message))
        sys.stderr.flush()

    try:
        prepare_output(args.output)
    except OSError as e:
        log("cannot write results to %s: %s" % (args.output, e.strerror or e))
        return 2

    quiet_children_on_interrupt()
    started = time.perf_counter()
    runner = Runner(args, log)
    try:
        for method in args.start_methods:
            log("start method %s: pool rows" % method)
            runner.increment_pool(method, "auto")
            if args.headline:
                continue
            runner.increment_pool(method, "1")
            runner.apply_rows(method)
        for method in args.start_methods:
            log("start method %s: %d processes per run, one per task" % (method, args.tasks))
            runner.increment_per_task(method)
    except BenchmarkFailed as e:
        log("the run failed, nothing written: %s" % e)
        return 1
    except multiprocessing.TimeoutError:
        log("the run failed, nothing written: a pool did not answer within %.0f s" % runner.timeout)
        return 1
    except Exception as e:  # a task's own error, as get() re-raises it: one line, no traceback
        log("the run failed, nothing written: %s: %s" % (type(e).__name__, e))
        return 1
    except KeyboardInterrupt:
        log("interrupted, nothing written")
        return 130

    rows = sorted(runner.rows, key=lambda r: (r.benchmark, r.params["start_method"], r.params["strategy"],
                                              r.params.get("chunksize", "")))
    env_path = env_file_for(args.output)
    made = []  # folders this run made, removed again when it cannot write its files
    try:
        directory = os.path.dirname(os.path.abspath(args.output))
        while not os.path.isdir(directory):
            made.append(directory)
            directory = os.path.dirname(directory)
        os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
        write_together([(env_path, environment(argv, args.start_methods)), (args.output, jmh_entries(rows, args))])
    except (OSError, KeyboardInterrupt) as e:
        for d in made:
            try:
                os.rmdir(d)
            except OSError:
                pass
        if isinstance(e, KeyboardInterrupt):
            log("interrupted, nothing written")
            return 130
        log("cannot write results to %s: %s" % (args.output, e.strerror or e))
        return 2
    out = sys.stdout
    out.write("%s: %d rows in %.0f s (%s)\n" % (PROG, len(rows), time.perf_counter() - started,
                                               ", ".join(args.start_methods)))
    for line in summary(rows):
        out.write(line + "\n")
    out.write("%s: results in %s\n" % (PROG, os.path.abspath(args.output)))
    out.write("%s: environment in %s\n" % (PROG, os.path.abspath(env_path)))
    return 0

