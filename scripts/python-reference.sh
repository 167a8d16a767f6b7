#!/usr/bin/env bash
# The document's own Python, measured here: finds a python3 (3.8 or later) and runs
# scripts/python-reference.py with the given arguments (see --help).
# PYTHON=/path/to/python picks the interpreter instead of python3 on PATH.
# Exit 2 when no suitable Python is found; otherwise the script's own exit code.
set -euo pipefail

here="${BASH_SOURCE[0]%/*}"
[[ "$here" == "${BASH_SOURCE[0]}" ]] && here=.

if [[ -n "${PYTHON:-}" ]]; then
    py="$PYTHON"
    if ! command -v "$py" >/dev/null 2>&1; then
        echo "python-reference: PYTHON=$py is not an executable Python; unset it or point it at python3 (3.8 or later)" >&2
        exit 2
    fi
else
    py="$(command -v python3 || true)"
    if [[ -z "$py" ]]; then
        echo "python-reference: python3 (3.8 or later) is missing: it is not on PATH; install it or set PYTHON=/path/to/python3" >&2
        exit 2
    fi
fi

version="$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)"
if [[ ! "$version" =~ ^([0-9]+)\.([0-9]+)$ ]]; then
    echo "python-reference: $py did not run as a Python interpreter; python3 (3.8 or later) is needed" >&2
    exit 2
fi
if (( BASH_REMATCH[1] < 3 || (BASH_REMATCH[1] == 3 && BASH_REMATCH[2] < 8) )); then
    echo "python-reference: $py is Python $version; 3.8 or later is needed (set PYTHON=/path/to/python3)" >&2
    exit 2
fi

exec "$py" "$here/python-reference.py" "$@"
