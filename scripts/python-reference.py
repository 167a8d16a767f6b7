#!/usr/bin/env python3
"""The source document's own Python, measured on this machine, written as JMH-format JSON.

Run it with --help for what it measures, what the default run costs and where it writes.
The wrapper scripts/python-reference.sh finds a python3 (3.8+) first.

This file holds only the document's task bodies and is kept as small as the document's own
script: under spawn (and forkserver) every child process re-runs it from source before it
runs its task, so its size is part of what a process per task costs. The measuring
machinery lives in python_reference_lib.py beside it and is imported by the parent alone.
"""

import multiprocessing  # noqa: F401  (what the document's script imports; its children pay for it too)
import os
import sys
import time


def func(i):
    """Section 2: ``def func(i): i += 1``; also returns the value, so the pool's results can be checked."""
    i += 1
    return i


def work(n, sleep_s):
    """Sections 3/4: sleep, then return n**2 (the document sleeps 3 s, or a random 0..1 s; scaled down)."""
    time.sleep(sleep_s)
    return n ** 2


def stars(i):
    """Section 6: ``return i*'*'`` (the document also prints its pid; printing is left out of the timing)."""
    return i * '*'


if __name__ == "__mp_main__":  # a spawned child: Ctrl-C ends it without a traceback (the parent says it once)
    import signal
    signal.signal(signal.SIGINT, lambda signum, frame: os._exit(1))

if __name__ == "__main__":
    sys.dont_write_bytecode = True  # no __pycache__ left in scripts/
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import python_reference_lib
    sys.exit(python_reference_lib.main(sys.argv[1:], sys.modules[__name__]))
