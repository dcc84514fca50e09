"""`kiwi-bench reproduce` regenerates every committed output byte for byte, and reports what differs."""

from __future__ import annotations

import shutil
import subprocess
import sys

from kiwi_bench.commands.reproduce import differences
from kiwi_test_paths import ROOT

COPIED = ("dataset", "baselines", "README.md", "DATASHEET.md", "ANNOTATION_GUIDELINES.md")


def test_reproduce_regenerates_everything_and_reports_exactly_the_tampered_file(tmp_path):
    for name in COPIED:
        source, target = ROOT / name, tmp_path / name
        shutil.copytree(source, target) if source.is_dir() else shutil.copy2(source, target)
    tampered = tmp_path / "baselines" / "floor" / "predictions" / "standard.jsonl"
    original = tampered.read_bytes()
    tampered.write_bytes(original + b"\n")
    assert tampered.read_bytes() != original
    result = subprocess.run([sys.executable, "-m", "kiwi_bench.cli", "reproduce"], cwd=tmp_path, capture_output=True, text=True)
    # Every other output (predictions, scores, leaderboard, figure, docs, dataset) came out identical.
    assert result.returncode == 1, result.stderr[-2000:]
    assert "reproduce: 1 file(s) differ" in result.stderr
    assert "changed: baselines/floor/predictions/standard.jsonl" in result.stderr
    assert "Traceback" not in result.stderr
    assert tampered.read_bytes() == (ROOT / "baselines" / "floor" / "predictions" / "standard.jsonl").read_bytes()


def test_differences_lists_changed_new_and_removed_files():
    before = {"a": "1", "b": "2", "c": "3"}
    after = {"a": "1", "b": "9", "d": "4"}
    assert differences(before, after) == ["changed: b", "new:     d", "removed: c"]


def test_a_failing_step_names_the_step_and_the_problem_in_one_line_each(tmp_path):
    for name in COPIED:
        source, target = ROOT / name, tmp_path / name
        shutil.copytree(source, target) if source.is_dir() else shutil.copy2(source, target)
    stats = tmp_path / "dataset" / "SHA256SUMS"
    lines = stats.read_text(encoding="utf-8").splitlines()
    digest, path = lines[0].split(maxsplit=1)
    stats.write_text("\n".join([f"{'0' * len(digest)}  {path}", *lines[1:]]) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kiwi_bench.cli", "reproduce"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "reproduce: step 'check file integrity' failed:" in result.stderr
    assert path.strip().lstrip("*") in result.stderr and "Traceback" not in result.stderr
