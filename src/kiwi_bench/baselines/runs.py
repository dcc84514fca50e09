"""Run the registered baselines under the evaluation protocols and write their committed prediction files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kiwi_bench.core.errors import KiwiError


def check_names(names: Sequence[str]) -> list[str]:
    """The baselines asked for (all registered when none), or a one-line error naming the unknown ones."""
    from kiwi_bench.systems.extractors import BASELINES

    chosen = list(names) or sorted(BASELINES)
    unknown = [name for name in chosen if name not in BASELINES]
    if unknown:
        raise KiwiError(f"unknown baseline(s) {', '.join(unknown)} (registered: {', '.join(sorted(BASELINES))})")
    return chosen


def run_baselines(root: Path, baselines_dir: Path, names: Sequence[str], protocol: str = "all", *,
                  show_progress: bool = True) -> list[str]:
    """Write baselines/<name>/predictions/<protocol>.jsonl for every name and protocol; one line per file written.

    The contrast items are only predicted (under `contrast`), never fitted on."""
    from kiwi_bench.baselines.config import config_path, load_config
    from kiwi_bench.core.atomic import write_text_atomic
    from kiwi_bench.core.progress import progress
    from kiwi_bench.corpus.contrast import load_contrast
    from kiwi_bench.corpus.documents import load_documents
    from kiwi_bench.systems.extractors import dump_jsonl, load_extractor
    from kiwi_bench.systems.protocols import PROTOCOLS, folds, run_protocol

    configs = {name: load_config(config_path(name, baselines_dir)) for name in names}
    documents = load_documents(root)
    contrast = load_contrast(root)
    if protocol == "contrast" and not contrast:
        raise KiwiError(f"no contrast items in {root} (source/contrast.jsonl)")
    protocols = tuple(p for p in PROTOCOLS if contrast or p != "contrast") if protocol == "all" else (protocol,)
    documents = documents + contrast
    steps = len(names) * sum(len(f.held_out) + 1 for p in protocols for f in folds(p, documents))
    written = []
    with progress(total=steps, desc="baselines", unit="step", disable=not show_progress) as bar:
        for name in names:
            for current in protocols:
                def step(what: str, label: str = f"{name} {current}") -> None:
                    bar.set_postfix_str(f"{label} {what}")
                    bar.update()

                records = run_protocol(lambda name=name: load_extractor(name, configs[name]), current, documents, name, step)
                path = baselines_dir / name / "predictions" / f"{current}.jsonl"
                write_text_atomic(path, dump_jsonl(records))
                written.append((path, len(records)))
    return [f"wrote {path}: {count} documents" for path, count in written]
