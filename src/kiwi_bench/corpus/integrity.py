"""dataset/SHA256SUMS: the sha256 of every published file, written by the build and checked on demand.

The list covers the build's outputs (README.md, croissant.json, every Parquet file) and the inputs
they come from that a user could tamper with: the raw articles (raw/*) and the gold sources
(source/kiwi-*.json). It is in `sha256sum` format (`<64 hex>  <path relative to the dataset
directory>`, sorted by path), so `cd dataset && sha256sum -c SHA256SUMS` checks it without KIWI.
`kiwi-bench build` writes it, `kiwi-bench build --check` compares it with a fresh one, and
`kiwi-bench validate --integrity` checks every listed file (`check_integrity`).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from typing import Mapping

from kiwi_bench.core.errors import Problem
from kiwi_bench.corpus.contrast import contrast_path
from kiwi_bench.corpus.documents import source_files

SUMS = "SHA256SUMS"
_LINE = re.compile(r"([0-9a-f]{64}) [ *](\S(?:.*\S)?)")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def input_files(dataset_dir: Path) -> list[str]:
    """The raw articles and gold sources of a dataset directory, the contrast gold included (relative POSIX paths)."""
    raw = sorted(p for p in (dataset_dir / "raw").glob("*") if p.is_file()) if (dataset_dir / "raw").is_dir() else []
    contrast = [contrast_path(dataset_dir)] if contrast_path(dataset_dir).is_file() else []
    return [p.relative_to(dataset_dir).as_posix() for p in [*raw, *source_files(dataset_dir), *contrast]]


def covered_files(dataset_dir: Path) -> list[str]:
    """Every file present that SHA256SUMS must list: built files (card, Croissant, Parquet) and the inputs."""
    built = [name for name in ("README.md", "croissant.json") if (dataset_dir / name).is_file()]
    built += [p.relative_to(dataset_dir).as_posix() for p in sorted(dataset_dir.glob("*/*.parquet"))]
    return sorted(built + input_files(dataset_dir))


def sums_text(dataset_dir: Path, outputs: Mapping[str, bytes]) -> bytes:
    """SHA256SUMS for the built `outputs` (relative path -> bytes) plus the inputs as they are on disk."""
    digests = {relative: sha256(data) for relative, data in outputs.items() if relative != SUMS}
    digests.update({relative: sha256((dataset_dir / relative).read_bytes()) for relative in input_files(dataset_dir)})
    return "".join(f"{digests[relative]}  {relative}\n" for relative in sorted(digests)).encode("utf-8")


def _safe(relative: str) -> bool:
    """A plain relative path inside the dataset directory (no absolute path, no `..`, no backslash)."""
    path = PurePosixPath(relative)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in relative and relative == path.as_posix()


def check_integrity(dataset_dir: Path) -> list[Problem]:
    """One problem per listed file that is missing or whose sha256 differs, per malformed line, and per
    published file or input (`covered_files`) that the list does not mention."""
    sums = dataset_dir / SUMS
    if not sums.is_file():
        return [Problem(str(sums), "-", "missing: run `kiwi-bench build` to write it")]
    try:
        lines = sums.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return [Problem(str(sums), "-", "not UTF-8 text")]
    problems, listed = [], set()
    for number, line in enumerate(lines, 1):
        match = _LINE.fullmatch(line)
        if not match or not _safe(match.group(2)):
            problems.append(Problem(str(sums), str(number), f"malformed line {line[:80]!r} (expected '<sha256>  <relative path>')"))
            continue
        expected, relative = match.groups()
        listed.add(relative)
        path = dataset_dir / relative
        if not path.is_file():
            problems.append(Problem(str(path), "-", f"missing (listed in {SUMS} line {number})"))
            continue
        found = sha256(path.read_bytes())
        if found != expected:
            problems.append(Problem(str(path), "-", f"sha256 {found[:12]}... differs from {SUMS} line {number} "
                                                    f"({expected[:12]}...): the file was changed after the build"))
    for relative in covered_files(dataset_dir):
        if relative not in listed:
            problems.append(Problem(str(dataset_dir / relative), "-", f"not listed in {SUMS}: run `kiwi-bench build`"))
    return problems
