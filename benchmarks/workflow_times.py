"""Wall-clock time of the two entry points, for the figures the README states.

Runs, from the checkout and after installation (the set-up `make` does first is not timed: it
depends on the network and the package cache), exactly what the Makefile targets run:

- `make reproduce`: `kiwi-bench reproduce`;
- `make test`: `ruff check .`, `mypy`, `python -m pytest -n 2 -q`.

These are not speed claims against a peer (benchmarks/scorer_speed.py and baseline_speed.py are):
they tell a user how long to wait. The machine's cores and load average are printed with them,
since CPU is often shared. Usage:

    .venv/bin/python benchmarks/workflow_times.py [--skip-reproduce] [--skip-tests]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(command: list[str]) -> tuple[float, int]:
    """Seconds and exit code of one command run from the checkout, offline, its output discarded."""
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-reproduce", action="store_true")
    parser.add_argument("--skip-tests", action="store_true")
    args = parser.parse_args()
    steps: list[tuple[str, list[str]]] = []
    if not args.skip_reproduce:
        steps.append(("make reproduce: kiwi-bench reproduce", [str(BIN / "kiwi-bench"), "reproduce"]))
    if not args.skip_tests:
        steps += [("make test: ruff check .", [str(BIN / "ruff"), "check", "."]),
                  ("make test: mypy", [str(BIN / "mypy")]),
                  ("make test: pytest -n 2", [sys.executable, "-m", "pytest", "-n", "2", "-q", "-p", "no:cacheprovider"])]
    load_before = os.getloadavg()[0]
    rows, total_test = [], 0.0
    for name, command in steps:
        seconds, code = timed(command)
        rows.append((name, seconds, code))
        if name.startswith("make test"):
            total_test += seconds
    print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, "
          f"load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after")
    print("| step | seconds | exit code |\n|---|---:|---:|")
    for name, seconds, code in rows:
        print(f"| {name} | {seconds:.0f} | {code} |")
    if not args.skip_tests:
        print(f"| make test, all three steps | {total_test:.0f} | - |")
    return max((code for _, _, code in rows), default=0)


if __name__ == "__main__":
    sys.exit(main())
