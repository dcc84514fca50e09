"""`kiwi-bench llm run`: run the harness on a split and write the run directory.

RUN_DIR holds `predictions.jsonl` (span-based, entity ids, `ungrounded`; prediction format 1.2),
`predictions.span-free.jsonl` (every item, span-free), `run.json` (metadata), `requests.jsonl`
(one line per request: cache hit or miss, status, retries, timings) and, by default, `cache.jsonl`.
Every file but the cache is written atomically at the end; the cache grows line by line.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiwi_bench.core.atomic import write_text_atomic
from kiwi_bench.core.errors import KiwiError
from kiwi_bench.core.jsonl import dumps_lines, report_json
from kiwi_bench.core.progress import progress
from kiwi_bench.corpus.documents import Document
from kiwi_bench.systems.extractors import check_records, dump_jsonl, strip_annotations
from kiwi_bench.systems.llm.cache import ResponseCache
from kiwi_bench.systems.llm.examples import select_examples
from kiwi_bench.systems.llm.harness import Harness, RunResult, Settings
from kiwi_bench.systems.llm.metadata import run_metadata

PREDICTIONS = "predictions.jsonl"
SPAN_FREE = "predictions.span-free.jsonl"
RUN_JSON = "run.json"
REQUESTS = "requests.jsonl"
CACHE = "cache.jsonl"


@dataclass(frozen=True)
class RunOutcome:
    """What a run wrote: its metadata and the failed documents (id -> reason)."""

    metadata: dict[str, Any]
    failures: dict[str, str]


def _checked(records: list[dict[str, Any]], targets: list[Document], where: str) -> list[dict[str, Any]]:
    """The records, after the extractor checks (a failure here is a harness bug, reported in one line each)."""
    done = {record["id"] for record in records}
    problems = check_records(records, [d for d in targets if d["id"] in done], where)
    if problems:
        raise KiwiError(problems)
    return records


def run_to_directory(settings: Settings, documents: list[Document], split: str, run_dir: Path,
                     cache_path: Path | None = None, show_progress: bool = True) -> RunOutcome:
    """Predict the documents of `split` (few-shot examples from the train split) and write RUN_DIR."""
    targets = sorted((d for d in documents if d["split"] == split), key=lambda d: d["id"])
    if not targets:
        raise KiwiError(f"no documents in split {split!r}")
    if split == "train" and settings.shots:
        raise KiwiError("few-shot examples come from the train split, which is the one predicted; use --shots 0")
    examples = select_examples([d for d in documents if d["split"] == "train"], settings.shots)
    cache_path = cache_path or run_dir / CACHE
    cache = ResponseCache(cache_path, read_only=settings.offline)
    harness = Harness(settings, cache, examples)
    started = time.perf_counter()
    with progress(total=len(targets), desc=f"{settings.model} {split}", unit="doc", disable=not show_progress) as bar:
        def done(doc_id: str, result: RunResult) -> None:
            elapsed = max(time.perf_counter() - started, 1e-9)
            bar.set_postfix_str(f"{result.usage.get('completion', 0) / elapsed:.0f} tok/s, {len(result.failures)} failed")
            bar.update()

        result = harness.run([strip_annotations(d) for d in targets], done)
    records = _checked(result.records(), targets, str(run_dir / PREDICTIONS))
    span_free = _checked(result.span_free_records(), targets, str(run_dir / SPAN_FREE))
    metadata = run_metadata(settings, result, split=split, gold=targets, examples=[d["id"] for d in examples],
                            cache_file=str(cache_path))
    write_text_atomic(run_dir / PREDICTIONS, dump_jsonl(records))
    write_text_atomic(run_dir / SPAN_FREE, dump_jsonl(span_free))
    write_text_atomic(run_dir / REQUESTS, dumps_lines(result.requests, sort_keys=True))
    write_text_atomic(run_dir / RUN_JSON, report_json(metadata))
    for doc_id, reason in sorted(result.failures.items()):
        print(f"{doc_id}: failed: {reason}", file=sys.stderr)
    return RunOutcome(metadata, dict(result.failures))
