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
from collections.abc import Callable
from pathlib import Path

from kiwi_bench.core.errors import KiwiError

HELP = "run validate, build --check, every baseline, scoring, leaderboard and docs; fail if any committed output changes"

Step = Callable[[Path], list[str]]
"""One step of the pipeline: a library call on the repository root, returning the lines it reports."""


def _dataset() -> Path:
    from kiwi_bench.corpus.documents import default_dataset_dir

    return default_dataset_dir()


def _validate(root: Path) -> list[str]:
    from kiwi_bench.corpus.validate import check_dataset

    return check_dataset(_dataset(), require_complete=True)


def _integrity(root: Path) -> list[str]:
    from kiwi_bench.corpus.validate import check_dataset

    return check_dataset(_dataset(), integrity=True)


def _build(root: Path) -> list[str]:
    from kiwi_bench.release.build import check_build

    problems = check_build(_dataset())
    if problems:
        raise KiwiError(problems)
    return [f"ok: {_dataset()} is byte-identical to a fresh build"]


def _contrast(root: Path) -> list[str]:
    from kiwi_bench.annotation.contrast import write_compiled_passes

    return write_compiled_passes(_dataset())


def _coverage(root: Path) -> list[str]:
    from kiwi_bench.corpus.coverage import check_coverage

    return [check_coverage(_dataset())]


def _baselines(root: Path) -> list[str]:
    from kiwi_bench.baselines.config import default_baselines_dir
    from kiwi_bench.baselines.runs import check_names, run_baselines

    return run_baselines(_dataset(), default_baselines_dir(), check_names(()), "all")


def _leaderboard(root: Path) -> list[str]:
    from kiwi_bench.baselines.config import default_baselines_dir
    from kiwi_bench.reporting.leaderboard import write_leaderboard

    baselines_dir = default_baselines_dir()
    return [write_leaderboard(baselines_dir, baselines_dir.resolve().parent / "results", _dataset())]


def _docs(root: Path) -> list[str]:
    from kiwi_bench.reporting.docs_blocks import refresh

    return [f"updated {name}" for name in refresh(root)]


def _stats(root: Path) -> list[str]:
    from kiwi_bench.corpus.documents import load_documents
    from kiwi_bench.corpus.stats import compute_stats, text_table

    return [text_table(compute_stats(load_documents(_dataset())))]


STEPS: tuple[tuple[str, Step], ...] = (
    ("validate the gold", _validate),
    ("check file integrity", _integrity),
    ("check the dataset build", _build),
    ("compile the contrast passes", _contrast),
    ("check names and numerals", _coverage),
    ("run the baselines", _baselines),
    ("score and rank", _leaderboard),
    ("regenerate documentation", _docs),
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
    from kiwi_bench.core.progress import progress

    before = snapshot(args.root)
    with progress(STEPS, desc="reproduce", unit="step") as bar:
        for title, step in bar:
            bar.set_postfix_str(title)
            try:
                lines = step(args.root)
            except KiwiError as error:
                print(f"reproduce: step '{title}' failed:", file=sys.stderr)
                raise error from None
            for line in lines:
                print(line)
    for line in _stats(args.root):
        print(line)
    changed = differences(before, snapshot(args.root))
    if changed:
        print(f"reproduce: {len(changed)} file(s) differ from what was there before the run:", file=sys.stderr)
        for line in changed:
            print(f"  {line}", file=sys.stderr)
        return 1
    print("reproduce: every output is byte-identical to the committed files")
    return 0
