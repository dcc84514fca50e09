"""Submitted LLM runs: `results/<name>/` folders scored from their predictions, in their own table.

A submitted run is a run directory of `kiwi-bench llm run` (run.json, predictions.jsonl, and ideally
cache.jsonl so that anyone can replay it offline). It is scored here from `predictions.jsonl`
against the gold of the split named in run.json; a score or number in run.json is never read. The
grounding rate is counted from the predictions too (placed items / placed + ungrounded items).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.core.markdown import table
from kiwi_bench.reporting.leaderboard import _cell, _metric, columns

REQUIRED = (("model", "requested"), ("prompt", "id"), ("prompt", "version"), ("created",), ("split",))


@dataclass(frozen=True)
class SubmittedRun:
    """One scored submission: its folder name, what run.json says produced it, and the scorer's report."""

    name: str
    model: str
    prompt: str
    date: str
    grounding_rate: float | None
    report: dict[str, Any]


def _field(meta: dict[str, Any], path: tuple[str, ...], where: str) -> Any:
    value: Any = meta
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, str) or not value:
        raise KiwiError([Problem(where, ".".join(path), "missing or not a string (run.json of `kiwi-bench llm run`)")])
    return value


def grounding_rate(predictions: Path) -> float | None:
    """Placed entities and amounts / all of them (placed + `ungrounded`), counted in the prediction file."""
    from kiwi_bench.core.jsonl import read_lines

    placed = ungrounded = 0
    for _, record in read_lines(predictions):
        placed += len(record.get("entities", [])) + len(record.get("amounts", []))
        ungrounded += sum(len(items) for items in (record.get("ungrounded") or {}).values())
    total = placed + ungrounded
    return placed / total if total else None


def score_run(folder: Path, dataset: Any = None, resamples: int = 1000) -> SubmittedRun:
    """Score one `results/<name>/` folder from its predictions (one-line errors name the file)."""
    from kiwi_bench.api.evaluate import evaluate

    meta_path, predictions = folder / "run.json", folder / "predictions.jsonl"
    for path in (meta_path, predictions):
        if not path.is_file():
            raise KiwiError([Problem(str(path), "-", "missing: a submitted run holds run.json and predictions.jsonl")])
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise KiwiError([Problem(str(meta_path), str(error.lineno), f"invalid JSON: {error.msg}")]) from None
    model, prompt_id, prompt_version, created, split = (_field(meta, path, str(meta_path)) for path in REQUIRED)
    report = evaluate(predictions, split=split, dataset=dataset, resamples=resamples).report
    return SubmittedRun(folder.name, model, f"{prompt_id} {prompt_version}", created[:10], grounding_rate(predictions), report)


def score_submissions(results_dir: Path, dataset: Any = None, resamples: int = 1000) -> list[SubmittedRun]:
    """Every `results_dir/<name>/` holding a run.json, scored, sorted by name (none when the folder is absent)."""
    if not results_dir.is_dir():
        return []
    return [score_run(folder, dataset, resamples) for folder in sorted(results_dir.iterdir())
            if folder.is_dir() and (folder / "run.json").exists()]


def submissions_markdown(runs: list[SubmittedRun]) -> str:
    """The "Submitted runs" table: model, prompt version, date, grounding rate, and the headline metrics."""
    if not runs:
        return ("No submitted runs yet. To submit one, put the directory written by `kiwi-bench llm run` "
                "(run.json, predictions.jsonl, cache.jsonl) in `results/<name>/` and open a pull request "
                "(README, \"Benchmark an LLM\").")
    shown = columns()
    rows = [[f"`{run.name}`", f"`{run.model}`", run.prompt, run.date,
             "–" if run.grounding_rate is None else f"{run.grounding_rate:.1%}",
             *(_cell(*_metric(run.report, path)) for _, path in shown)] for run in runs]
    signatures = sorted({run.report["signature"] for run in runs})
    return (table(["Run", "Model", "Prompt", "Date", "Grounding", *(title for title, _ in shown)], rows,
                  "llllr" + "r" * len(shown))
            + "\n\nScored from each run's predictions.jsonl. Signature: " + ", ".join(f"`{s}`" for s in signatures))
