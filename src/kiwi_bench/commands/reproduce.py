"""`kiwi-bench reproduce`: every step from gold to leaderboard, then a check that nothing it wrote changed.

Steps: validate (complete gold; SHA256SUMS integrity), build --check, the contrast passes compiled again, coverage,
every baseline under every protocol, scoring and leaderboard, generated documentation. The files the steps write are hashed
before and after; any difference is listed (a diff summary) and the exit code is 1, because a
committed result that the code no longer produces is a reproducibility failure.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

HELP = "run validate, build --check, every baseline, scoring, leaderboard and docs; fail if any committed output changes"

STEPS: tuple[tuple[str, list[str]], ...] = (
    ("validate the gold", ["validate", "--require-complete"]),
    ("check file integrity", ["validate", "--integrity"]),
    ("check the dataset build", ["build", "--check"]),
    ("compile the contrast passes", ["compile-contrast"]),
    ("check names and numerals", ["coverage"]),
    ("run the baselines", ["run-baselines", "--protocol", "all"]),
    ("score and rank", ["leaderboard"]),
    ("regenerate documentation", ["docs"]),
)
WATCHED = ("baselines", "README.md", "DATASHEET.md", "dataset")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")


def snapshot(root: Path) -> dict[str, str]:
    """sha256 of every file the steps may write (relative path -> digest)."""
    digests = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            digests[file.relative_to(root).as_posix()] = hashlib.sha256(file.read_bytes()).hexdigest()
    return digests


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """One line per added, removed or changed file."""
    lines = [f"changed: {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]]
    lines += [f"new:     {p}" for p in sorted(after.keys() - before.keys())]
    lines += [f"removed: {p}" for p in sorted(before.keys() - after.keys())]
    return lines


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.cli import main
    from kiwi_bench.core.progress import progress

    before = snapshot(args.root)
    with progress(STEPS, desc="reproduce", unit="step") as bar:
        for title, command in bar:
            bar.set_postfix_str(title)
            code = main(command)
            if code:
                print(f"reproduce: step '{title}' (kiwi-bench {' '.join(command)}) failed with exit code {code}", file=sys.stderr)
                return code
    main(["stats"])
    changed = differences(before, snapshot(args.root))
    if changed:
        print(f"reproduce: {len(changed)} file(s) differ from what was there before the run:", file=sys.stderr)
        for line in changed:
            print(f"  {line}", file=sys.stderr)
        return 1
    print("reproduce: every output is byte-identical to the committed files")
    return 0
