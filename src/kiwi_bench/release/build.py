"""Build the Hugging Face dataset directory from the gold sources, deterministically, and check it.

Outputs: dataset/README.md (card), dataset/croissant.json (Croissant 1.1),
dataset/<config>/<split>-00000-of-00001.parquet and dataset/SHA256SUMS (the sha256 of every other output
and of the raw texts and gold sources, see `kiwi_bench.corpus.integrity`). The gold must validate first.
`check_build` rebuilds into a temporary directory and lists every file that differs.
"""

from __future__ import annotations

import io
from pathlib import Path

import datasets

from kiwi_bench.core.atomic import write_bytes_atomic
from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.corpus.contrast import contrast_path, load_contrast
from kiwi_bench.corpus.documents import load_documents, load_passes, source_files
from kiwi_bench.corpus.features import CONFIG_FEATURES, CONFIG_SPLITS
from kiwi_bench.corpus.integrity import SUMS, sums_text
from kiwi_bench.corpus.rows import CONFIG_ROWS
from kiwi_bench.corpus.stats import compute_stats
from kiwi_bench.corpus.validate import validate_contrast, validate_files
from kiwi_bench.release.card import parquet_name, passes_summary, render_card
from kiwi_bench.release.croissant import croissant_bytes


def parquet_bytes(config: str, documents: list) -> tuple[bytes, int]:
    """Parquet bytes of one config for the given documents, and the number of rows."""
    rows = [row for document in documents for row in CONFIG_ROWS[config](document)]
    dataset = datasets.Dataset.from_list(rows, features=CONFIG_FEATURES[config]())
    buffer = io.BytesIO()
    dataset.to_parquet(buffer)
    return buffer.getvalue(), len(rows)


def build_outputs(dataset_dir: Path) -> dict[str, bytes]:
    """Every generated file (relative path -> bytes), computed from the validated gold."""
    report = validate_files(source_files(dataset_dir), dataset_dir)
    if report.problems:
        raise KiwiError(report.problems)
    documents = load_documents(dataset_dir)
    contrast_problems = validate_contrast(contrast_path(dataset_dir), documents)
    if contrast_problems:
        raise KiwiError(contrast_problems)
    sources = {config: documents for config in CONFIG_FEATURES}
    sources["annotators"] = load_passes(dataset_dir)
    sources["contrast"] = [{**item, "split": "test"} for item in load_contrast(dataset_dir)]  # the config's one split
    datasets.disable_progress_bars()
    outputs: dict[str, bytes] = {}
    sizes: dict[str, dict[str, tuple[int, int]]] = {}
    for config in CONFIG_FEATURES:
        sizes[config] = {}
        for split in CONFIG_SPLITS[config]:
            data, count = parquet_bytes(config, [d for d in sources[config] if d["split"] == split])
            outputs[parquet_name(config, split)] = data
            sizes[config][split] = (count, len(data))
    outputs["README.md"] = render_card(sizes, compute_stats(documents), dataset_dir, documents).encode("utf-8")
    outputs["croissant.json"] = croissant_bytes(passes_summary(dataset_dir))
    outputs[SUMS] = sums_text(dataset_dir, outputs)
    return outputs


def generated_files(dataset_dir: Path) -> list[str]:
    """Relative paths of the build's files that exist now in dataset_dir (README and config Parquet)."""
    present = [p.relative_to(dataset_dir).as_posix() for config in CONFIG_FEATURES for p in (dataset_dir / config).glob("*.parquet")]
    return sorted(present + (["README.md"] if (dataset_dir / "README.md").exists() else []))


def write_build(dataset_dir: Path) -> list[str]:
    """Build and write every output atomically; remove stale Parquet files of known configs."""
    outputs = build_outputs(dataset_dir)
    for stale in set(generated_files(dataset_dir)) - set(outputs):
        (dataset_dir / stale).unlink()
    for relative, data in sorted(outputs.items()):
        write_bytes_atomic(dataset_dir / relative, data)
    return sorted(outputs)


def check_build(dataset_dir: Path) -> list[Problem]:
    """Problems where the committed build differs from a fresh one (missing, changed or stale files)."""
    outputs = build_outputs(dataset_dir)
    problems = []
    for relative, data in sorted(outputs.items()):
        path = dataset_dir / relative
        if not path.exists():
            problems.append(Problem(str(path), "-", "missing: run `kiwi-bench build`"))
        elif path.read_bytes() != data:
            problems.append(Problem(str(path), "-", "differs from a fresh build: run `kiwi-bench build` and commit"))
    for stale in sorted(set(generated_files(dataset_dir)) - set(outputs)):
        problems.append(Problem(str(dataset_dir / stale), "-", "stale file not produced by the build"))
    return problems
