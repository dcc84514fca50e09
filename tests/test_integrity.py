"""Data integrity: dataset/SHA256SUMS, `validate --integrity`, atomic writes, no unsafe loading, and no
command that writes the gold.

`make test` runs `validate --integrity` on the repository here, so a published file changed after the
build (or a gold source or raw text edited without a rebuild) fails the suite.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiwi_bench.cli import main
from kiwi_bench.corpus.documents import dump_document
from kiwi_bench.corpus.integrity import SUMS, check_integrity
from kiwi_test_paths import DATASET, ROOT

SOURCE_DIRS = (ROOT / "src", ROOT / "benchmarks")
PERFECT = ROOT / "tests" / "bad_inputs" / "cases" / "perfect.jsonl"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file below `folder` (relative path -> digest), so added files show too."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# ---- SHA256SUMS and validate --integrity --------------------------------------------------------------

def test_repository_passes_validate_integrity(capsys):
    code, out, err = run(["validate", "--integrity", "--dataset", str(DATASET)], capsys)
    assert (code, err) == (0, ""), err
    assert f"every file in {DATASET / SUMS} matches its sha256" in out


def test_sums_list_every_published_file_sorted_in_sha256sum_format():
    lines = (DATASET / SUMS).read_text(encoding="utf-8").splitlines()
    paths = [line[66:] for line in lines]
    assert all(re.fullmatch(r"[0-9a-f]{64}  \S+", line) for line in lines)
    assert paths == sorted(paths) and len(set(paths)) == len(paths)
    expected = {"README.md", "croissant.json"}
    expected |= {p.relative_to(DATASET).as_posix() for p in DATASET.glob("*/*.parquet")}
    expected |= {p.relative_to(DATASET).as_posix() for p in (DATASET / "raw").iterdir()}
    expected |= {p.relative_to(DATASET).as_posix() for p in (DATASET / "source").glob("kiwi-*.json")} | {"source/contrast.jsonl"}
    assert set(paths) == expected and SUMS not in paths
    if shutil.which("sha256sum"):
        result = subprocess.run(["sha256sum", "--check", "--quiet", SUMS], cwd=DATASET, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_validate_integrity_reports_each_tampered_file_on_one_line(dataset_copy, capsys):
    parquet = dataset_copy / "documents" / "test-00000-of-00001.parquet"
    data = bytearray(parquet.read_bytes())
    data[len(data) // 2] ^= 0x01
    parquet.write_bytes(bytes(data))
    (dataset_copy / "croissant.json").unlink()
    source = dataset_copy / "source" / "kiwi-003.json"  # a still-valid edit that only the hash can catch
    document = json.loads(source.read_text(encoding="utf-8"))
    sentence = document["sentences"][0]
    sentence["sentiment"] = "negative" if sentence["sentiment"] != "negative" else "positive"
    source.write_text(dump_document(document), encoding="utf-8")
    (dataset_copy / "raw" / "kiwi-999.txt").write_text("planted\n", encoding="utf-8")
    with (dataset_copy / SUMS).open("a", encoding="utf-8") as stream:
        stream.write("0123  ../../etc/passwd\n")
    code, out, err = run(["validate", "--integrity", "--dataset", str(dataset_copy)], capsys)
    assert code == 2 and "Traceback" not in err
    lines = err.splitlines()
    n = len((DATASET / SUMS).read_text(encoding="utf-8").splitlines())
    # the edited sentence is the base of a contrast item, whose original must equal it: validation sees that too
    assert lines.pop(0) == (f"{dataset_copy / 'source' / 'contrast.jsonl'}:kiwi-003-s1-c0:$: an original must equal "
                            "its base sentence kiwi-003/s1 and its gold")
    assert len(lines) == 5, err
    assert lines[0].startswith(f"{dataset_copy / 'croissant.json'}:-: missing (listed in SHA256SUMS line")
    assert lines[1].startswith(f"{parquet}:-: sha256 ") and "differs from SHA256SUMS line" in lines[1]
    assert lines[2].startswith(f"{source}:-: sha256 ")
    assert lines[3] == f"{dataset_copy / SUMS}:{n + 1}: malformed line '0123  ../../etc/passwd' (expected '<sha256>  <relative path>')"
    assert lines[4] == f"{dataset_copy / 'raw' / 'kiwi-999.txt'}:-: not listed in SHA256SUMS: run `kiwi-bench build`"
    (dataset_copy / SUMS).unlink()
    assert [str(p) for p in check_integrity(dataset_copy)] == [f"{dataset_copy / SUMS}:-: missing: run `kiwi-bench build` to write it"]


def test_path_escapes_in_sums_are_refused(dataset_copy):
    digest = hashlib.sha256(b"x").hexdigest()
    for bad in ("/etc/passwd", "../dataset/README.md", "raw\\kiwi-001.txt", "./README.md", ""):
        (dataset_copy / SUMS).write_text(f"{digest}  {bad}\n", encoding="utf-8")
        problems = [str(p) for p in check_integrity(dataset_copy)]
        assert problems[0].startswith(f"{dataset_copy / SUMS}:1: malformed line"), (bad, problems[0])


# ---- commands never write the gold; the build writes and checks SHA256SUMS --------------------------------

def test_build_writes_and_checks_sums_and_leaves_the_gold_alone(dataset_copy, capsys):
    before = tree_hashes(dataset_copy / "source"), tree_hashes(dataset_copy / "raw")
    sums = dataset_copy / SUMS
    committed = sums.read_bytes()
    sums.write_bytes(committed.replace(b"  raw/kiwi-001.txt", b"  raw/kiwi-001.txt.bak"))
    code, out, err = run(["build", "--check", "--dataset", str(dataset_copy)], capsys)
    assert code == 2 and err == f"{sums}:-: differs from a fresh build: run `kiwi-bench build` and commit\n"
    code, out, err = run(["build", "--dataset", str(dataset_copy)], capsys)
    assert code == 0 and f"wrote {sums}" in out and sums.read_bytes() == committed
    assert run(["validate", "--integrity", "--dataset", str(dataset_copy)], capsys)[0] == 0
    assert (tree_hashes(dataset_copy / "source"), tree_hashes(dataset_copy / "raw")) == before


def test_no_command_writes_under_dataset_source(tmp_path, capsys):
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copytree(DATASET, root / "dataset")
    shutil.copytree(ROOT / "baselines", root / "baselines")
    for name in ("README.md", "DATASHEET.md", "CITATION.cff"):
        shutil.copy2(ROOT / name, root / name)
    dataset = root / "dataset"
    before = tree_hashes(dataset / "source"), tree_hashes(dataset / "raw"), tree_hashes(dataset / "annotation")
    commands = [
        (["evaluate", str(PERFECT), "--split", "test", "--json", "--resamples", "50"], (0,)),
        (["evaluate", str(PERFECT), "--split", "test", "--resamples", "0"], (0,)),
        (["compare", str(PERFECT), str(PERFECT), "--split", "test", "--resamples", "50"], (0,)),
        (["stats"], (0,)), (["stats", "--json"], (0,)),
        (["validate"], (0,)), (["validate", "--integrity"], (0,)),
        (["coverage"], (0,)),
    ]
    for argv, codes in commands:
        code, out, err = run([*argv, "--dataset", str(dataset)], capsys)
        assert code in codes and "Traceback" not in err, (argv, err)
    code, out, err = run(["docs", "--check", "--root", str(root)], capsys)
    assert code in (0, 2) and "Traceback" not in err, err  # may be stale while others edit README; never writes
    after = tree_hashes(dataset / "source"), tree_hashes(dataset / "raw"), tree_hashes(dataset / "annotation")
    assert after == before


# ---- static checks of the code ---------------------------------------------------------------------------

def python_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*.py"))


WRITE = re.compile(
    r"""\bopen\((?:[^()]|\([^()]*\))*?,\s*(?:mode\s*=\s*)?['"][rbt+]*[wax][rbt+]*['"]"""  # open(path, "w"...)
    r"""|\.open\(\s*(?:mode\s*=\s*)?['"][rbt+]*[wax][rbt+]*['"]"""                   # Path.open("w")
    r"""|\bwrite_text\(|\bwrite_bytes\(|\bto_parquet\(|\bto_csv\(|\bto_json\(\s*['"]|\bsavefig\("""
    r"""|\bnp\.save[z]?\(|\bjson\.dump\(|\bshutil\.(?:copy\w*|move)\(""")
# Writes that do not touch a file directly: each goes to an in-memory buffer that an atomic write publishes.
JUSTIFIED_WRITES = {
    ("src/kiwi_bench/release/build.py", "dataset.to_parquet(buffer)"): "Parquet into io.BytesIO; write_build writes it atomically",
    ("src/kiwi_bench/reporting/leaderboard.py", "figure.savefig(buffer"): "PNG into io.BytesIO, written with write_bytes_atomic",
    ("src/kiwi_bench/commands/import_.py", "path.write_text(dump_document(document)"):
        "a scratch copy in a private TemporaryDirectory, read back by validate_files and deleted, never published",
}


def test_every_file_write_in_src_is_atomic():
    offenders = []
    for path in python_files(ROOT / "src"):
        relative = path.relative_to(ROOT).as_posix()
        if relative == "src/kiwi_bench/core/atomic.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if WRITE.search(line) and not any(f == relative and snippet in line for f, snippet in JUSTIFIED_WRITES):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == [], "write through kiwi_bench.core.atomic instead:\n" + "\n".join(offenders)


def test_the_write_scanner_finds_writes():
    for line in ('path.open("w")', "open(p, 'wb')", 'open(p, mode="a", encoding="utf-8")', "p.write_text(s)",
                 "p.write_bytes(b)", "df.to_parquet(path)", "json.dump(x, stream)", "shutil.copy(a, b)"):
        assert WRITE.search(line), line
    for line in ('path.open("rb")', "open(p)", "open(source, 'rb')", "write_text_atomic(p, s)", "json.dumps(x)"):
        assert not WRITE.search(line), line


UNSAFE = {
    "pickle": re.compile(r"\b(?:c?[Pp]ickle|dill|shelve|marshal|joblib)\b|allow_pickle\s*=\s*True|torch\.load\("),
    "eval/exec": re.compile(r"(?<![\w.])(?:eval|exec)\s*\("),
    "yaml other than safe_load": re.compile(r"\byaml\.(?!safe_load\b|safe_load_all\b|safe_dump\b|YAMLError\b)\w+"
                                            r"|\bfrom\s+yaml\s+import\s+(?!safe_load\b)"),
}


@pytest.mark.parametrize("kind", sorted(UNSAFE))
def test_no_unsafe_loading_in_src_and_benchmarks(kind):
    pattern = UNSAFE[kind]
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in python_files(*SOURCE_DIRS)
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line) and not line.lstrip().startswith("#")]
    assert found == [], "\n".join(found)


def test_the_unsafe_patterns_match_what_they_should():
    assert UNSAFE["pickle"].search("import pickle") and UNSAFE["pickle"].search("np.load(p, allow_pickle=True)")
    assert UNSAFE["eval/exec"].search("x = eval(text)") and UNSAFE["eval/exec"].search("exec(code)")
    assert not UNSAFE["eval/exec"].search("run_seqeval(tags)") and not UNSAFE["eval/exec"].search("model.eval()")
    assert UNSAFE["yaml other than safe_load"].search("yaml.load(stream)")
    assert UNSAFE["yaml other than safe_load"].search("yaml.unsafe_load(stream)")
    assert not UNSAFE["yaml other than safe_load"].search("yaml.safe_load(stream)")


def test_validate_integrity_subprocess_on_a_corrupted_copy(dataset_copy):
    (dataset_copy / "raw" / "kiwi-001.txt").write_bytes(b"tampered\n")
    result = subprocess.run([sys.executable, "-m", "kiwi_bench.cli", "validate", "--integrity", "--dataset", str(dataset_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{dataset_copy / 'raw' / 'kiwi-001.txt'}:-: sha256 " in result.stderr
