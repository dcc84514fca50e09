"""Malformed and hostile prediction files (tests/bad_inputs/): the exact outcome of each, never a traceback,
never a silently wrong number, and the gold untouched.

Each case of tests/bad_inputs/manifest.json runs `kiwi-bench evaluate FILE --split test --json`:
in-process through `kiwi_bench.cli.main` for the small committed files, and as real subprocesses
(`python -m kiwi_bench.cli`, in parallel threads) for a handful of them, for standard input and for
the large files that make_corpus.write_generated writes at test time (a 50 MB line, a line over the
64 MiB limit, 100,000 nested brackets). For exit 2 every stderr line is checked against the
manifest (file, line, field, message); for exit 0 the figures at the listed JSON paths.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import make_corpus  # tests/bad_inputs/make_corpus.py, on pytest's `pythonpath` (pyproject.toml)
import pytest

from kiwi_bench.cli import main
from kiwi_test_paths import DATASET, ROOT

BAD = ROOT / "tests" / "bad_inputs"

MANIFEST = json.loads((BAD / "manifest.json").read_text(encoding="utf-8"))
SMALL = [case for case in MANIFEST["cases"] if not case.get("generated")]
GENERATED = [case for case in MANIFEST["cases"] if case.get("generated")]
BY_NAME = {Path(case["file"]).stem: case for case in MANIFEST["cases"]}
SUBPROCESS_CASES = ("bom", "invalid-json", "crlf", "id-hostile")
FIGURE_KEYS = {"precision", "recall", "f1", "accuracy", "macro_f1", "coverage"}


def gold_hashes() -> dict[str, str]:
    """sha256 of every gold source and raw text."""
    files = sorted((DATASET / "source").glob("*.json")) + sorted((DATASET / "raw").iterdir())
    return {str(p.relative_to(DATASET)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def command(path: str, case: dict) -> list[str]:
    return ["evaluate", path, "--split", "test", "--json", "--dataset", str(DATASET), *case.get("args", [])]


def run_in_process(path: str, case: dict) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(command(path, case))
    return code, out.getvalue(), err.getvalue()


def run_subprocess(path: str, case: dict, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = subprocess.run([sys.executable, "-m", "kiwi_bench.cli", *command(path, case)], input=stdin,
                            capture_output=True, timeout=300, cwd=ROOT)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8", errors="replace")


def get(report: dict, path: str):
    node = report
    for key in path.split("."):
        node = node[key]
    return node


def figures_in_range(node, where: str = "") -> list[str]:
    """Paths of metric values outside [0, 1] (or not finite) anywhere in the report."""
    bad = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in FIGURE_KEYS and value is not None and not isinstance(value, (dict, list)):
                if not (math.isfinite(value) and 0 <= value <= 1):
                    bad.append(f"{where}.{key}")
            elif key == "ci95" and isinstance(value, dict):
                bad += [f"{where}.ci95.{k}" for k, v in value.items()
                        if v is not None and not (0 <= v[0] <= v[1] <= 1)]
            else:
                bad += figures_in_range(value, f"{where}.{key}")
    return bad


def check(case: dict, name: str, code: int, out: str, err: str) -> None:
    """The outcome of one run against the manifest entry."""
    assert "Traceback" not in err and "Traceback" not in out, err[-2000:]
    assert code == case["exit"], (case["file"], code, err[:2000])
    lines = err.splitlines()
    if case["exit"] == 2:
        assert out == "", out[:500]
        expected = case["problems"]
        shown = "\n".join(line[:300] for line in lines)
        assert len(lines) == len(expected), f"{case['file']}: expected {len(expected)} problem lines, got:\n{shown}"
        for line, problem in zip(lines, expected):
            prefix = f"{name}:{problem['line']}: {problem['field']}: "
            assert line.startswith(prefix) and problem["message"] in line[len(prefix):], (prefix, problem["message"], line[:500])
            assert len(line) < len(name) + 600, "messages are clipped"
    else:
        assert err == ""
        report = json.loads(out)
        assert report["signature"].startswith("kiwi:") and figures_in_range(report) == []
        for path, value in case["expect"].items():
            found = get(report, path)
            if isinstance(value, float) and isinstance(found, float):
                assert found == pytest.approx(value, rel=1e-12, abs=1e-12), (path, found, value)
            else:
                assert found == value, (path, found, value)


def test_manifest_is_current_and_large_enough():
    assert json.loads(json.dumps(make_corpus.manifest())) == MANIFEST, "run tests/bad_inputs/make_corpus.py"
    for name, data, *_ in make_corpus.cases():
        assert (BAD / make_corpus.CASES / f"{name}.jsonl").read_bytes() == data, name
    assert len(MANIFEST["cases"]) >= 40
    assert {case["exit"] for case in MANIFEST["cases"]} == {0, 2}


@pytest.mark.parametrize("case", SMALL, ids=[Path(case["file"]).stem for case in SMALL])
def test_case_in_process(case):
    before = gold_hashes()
    path = str(BAD / case["file"])
    check(case, path, *run_in_process(path, case))
    assert gold_hashes() == before


def test_cases_as_subprocesses_in_parallel(tmp_path):
    """Real processes: a few small cases, standard input, the three large generated files."""
    before = gold_hashes()
    generated = make_corpus.write_generated(tmp_path)
    jobs = {name: (str(BAD / BY_NAME[name]["file"]), BY_NAME[name], None) for name in SUBPROCESS_CASES}
    jobs.update({name: (str(path), BY_NAME[name], None) for name, path in generated.items()})
    perfect = BAD / BY_NAME["perfect"]["file"]
    jobs["perfect-on-stdin"] = ("-", BY_NAME["perfect"], perfect.read_bytes())
    invalid = BY_NAME["invalid-json"]
    jobs["invalid-json-on-stdin"] = ("-", invalid, (BAD / invalid["file"]).read_bytes())
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            futures = {name: pool.submit(run_subprocess, path, case, stdin) for name, (path, case, stdin) in jobs.items()}
            results = {name: future.result() for name, future in futures.items()}
    finally:
        for path in generated.values():  # pytest keeps recent tmp_path folders: do not leave 120 MB behind
            path.unlink()
    for name, (path, case, _) in jobs.items():
        check(case, "<stdin>" if path == "-" else path, *results[name])
    assert gold_hashes() == before


def test_unreadable_inputs_are_one_line_errors(tmp_path):
    before = gold_hashes()
    for path, message in ((tmp_path / "absent.jsonl", "file: cannot read (No such file or directory)"),
                          (tmp_path, "file: cannot read (Is a directory)")):
        code, out, err = run_in_process(str(path), {})
        assert (code, out, err) == (2, "", f"{path}:0: {message}\n")
    assert gold_hashes() == before


def test_bad_bootstrap_settings_are_one_line_errors():
    path = str(BAD / BY_NAME["perfect"]["file"])
    for args, message in ((["--seed", "-1"], "seed must be >= 0"), (["--resamples", "-5"], "resamples must be >= 0")):
        code, out, err = run_in_process(path, {"args": args})
        assert code == 2 and out == "" and err.count("\n") == 1 and message in err, err
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["compare", path, path, "--split", "test", "--dataset", str(DATASET), "--seed", "-3"])
    assert code == 2 and err.getvalue() == "kiwi-bench:-: seed must be >= 0 (got -3)\n"
