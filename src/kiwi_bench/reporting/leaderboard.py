"""Score every baseline's committed predictions and render the leaderboard (Markdown table and figure).

Protocols map to gold: `standard` predictions are scored on the test split, `lodo` predictions on
all five documents (each predicted by a model that never saw it). Scores are the scorer's JSON
report, so every number carries its bootstrap interval and signature.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from kiwi_bench.core.markdown import table
from kiwi_bench.core.metadata import documents_of
from kiwi_bench.scoring.paths import find, interval_of
from kiwi_bench.scoring.registry import COLUMNS
from kiwi_bench.systems.protocols import PROTOCOLS

PROTOCOL_SPLITS = {"standard": "test", "lodo": "all", "contrast": "contrast"}
PER_LANGUAGE = "entities.strict.f1"
"""The metric the leaderboard also shows per language (from the report's `by_language`)."""


def columns(languages: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    """(column title, dotted metric path): the registry's leaderboard metrics, then PER_LANGUAGE per language."""
    base = tuple((metric.column or metric.name, metric.path) for metric in COLUMNS)
    title = next(metric.column for metric in COLUMNS if metric.path == PER_LANGUAGE)
    return base + tuple((f"{title} ({language})", f"by_language.{language}.{PER_LANGUAGE}") for language in languages)


def _languages(reports: list[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted({language for report in reports for language in report.get("by_language", {})}))


def score_file(path: Path, protocol: str, dataset: Any = None, resamples: int = 1000, seed: int = 0) -> dict[str, Any]:
    """The scorer's JSON report for one prediction file under one protocol (gold from `dataset`)."""
    from kiwi_bench.api.evaluate import evaluate

    return evaluate(path, split=PROTOCOL_SPLITS[protocol], dataset=dataset, resamples=resamples, seed=seed).report


def _metric(report: dict[str, Any], path: str) -> tuple[float | None, list | None]:
    value = find(report, path)
    if not isinstance(value, (int, float)):
        return None, None
    return value, interval_of(report, path)


def _cell(value: float | None, ci: list | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" + (f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "")


def markdown_table(scores: dict[str, dict[str, dict[str, Any]]], protocol: str) -> str:
    """One table per protocol: a row per system, a column per headline metric with its 95% CI."""
    shown = columns(_languages([scores[name][protocol] for name in scores]))
    rows = [[f"`{name}`", *(_cell(*_metric(scores[name][protocol], path)) for _, path in shown)] for name in sorted(scores)]
    signatures = sorted({scores[name][protocol]["signature"] for name in scores})
    return (table(["System", *(title for title, _ in shown)], rows, "l" + "r" * len(shown))
            + "\n\nSignature: " + ", ".join(f"`{s}`" for s in signatures))


CONSISTENCY_LAYERS = (("Entities", "entities"), ("Amounts", "amounts"), ("Sentence sentiment", "sentences"), ("All layers", "all"))


def contrast_table(scores: dict[str, dict[str, dict[str, Any]]]) -> str:
    """Contrast consistency per system: the share of bundles whose original and edits of a layer are all fully right."""
    rows = []
    for name in sorted(scores):
        block = scores[name]["contrast"]["contrast"]["consistency"]
        rows.append([f"`{name}`", *("–" if block.get(key) is None or block[key]["consistency"] is None
                                    else f"{block[key]['consistency']:.3f} ({block[key]['consistent']}/{block[key]['bundles']})"
                                    for _, key in CONSISTENCY_LAYERS)])
    return table(["System", *(f"{title} consistency" for title, _ in CONSISTENCY_LAYERS)], rows,
                 "l" + "r" * len(CONSISTENCY_LAYERS))


def contrast_edit_type_table(report: dict[str, Any]) -> str:
    """One system's contrast figures per edit type, from its contrast score report."""
    rows = report["contrast"]["by_edit_type"]
    figures = sorted({name for row in rows.values() for name in row if name != "items"})
    body = [[f"`{edit_type}`", row["items"], *(_cell(row.get(name), None) for name in figures)]
            for edit_type, row in rows.items()]
    return table(["edit type", "items", *figures], body, "lr" + "r" * len(figures))


def leaderboard_markdown(scores: dict[str, dict[str, dict[str, Any]]]) -> str:
    """Both protocols' tables with a short legend (the body of LEADERBOARD.md and the README block)."""
    return "\n\n".join([
        f"**Standard protocol** (fit on train + validation, scored on the test split: {', '.join(documents_of('test'))}):",
        markdown_table(scores, "standard"),
        "**Leave-one-document-out** (each document predicted by a model fitted on the other four; scored on all five):",
        markdown_table(scores, "lodo"),
        "**Contrast set** (fitted as in the standard protocol, scored on the contrast items: constructed minimal edits "
        "of test sentences; see dataset/annotation/contrast/README.md):",
        markdown_table(scores, "contrast"),
        contrast_table(scores),
        "Cells: point estimate [95% bootstrap interval over sentences; documents for document sentiment; "
        "none for linking, whose clusters cross documents, and for the per-language columns]. "
        "–: undefined (the system does not predict that attribute or layer, or nothing was matched). The `rules` amount scores are optimistic: its word "
        "lists were written with knowledge of the corpus vocabulary (see baselines/README.md).",
    ])


def leaderboard_png(scores: dict[str, dict[str, dict[str, Any]]], protocol: str = "standard") -> bytes:
    """A bar chart of F1/accuracy with CI error bars per system and layer, as deterministic PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    systems = sorted(scores)
    figure, axis = plt.subplots(figsize=(11, 4.5), dpi=100)
    width = 0.8 / len(systems)
    shown = columns()
    positions = np.arange(len(shown))
    for index, name in enumerate(systems):
        values, lower, upper = [], [], []
        for _, path in shown:
            value, ci = _metric(scores[name][protocol], path)
            values.append(value or 0.0)
            lower.append((value - ci[0]) if value is not None and ci else 0.0)
            upper.append((ci[1] - value) if value is not None and ci else 0.0)
        axis.bar(positions + (index - (len(systems) - 1) / 2) * width, values, width, yerr=[lower, upper], capsize=2, label=name)
    axis.set_xticks(positions, [title.replace(" ", "\n", 1) for title, _ in shown], fontsize=8)
    axis.set_ylim(0, 1.05)
    axis.set_ylabel("score (95% CI)")
    axis.set_title(f"KIWI baselines, {protocol} protocol")
    axis.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def score_all(baselines_dir: Path, names: list[str], dataset: Any = None) -> dict[str, dict[str, dict[str, Any]]]:
    """scores[name][protocol] for every baseline's committed predictions."""
    return {name: {protocol: score_file(baselines_dir / name / "predictions" / f"{protocol}.jsonl", protocol, dataset)
                   for protocol in PROTOCOLS} for name in names}


def load_scores(baselines_dir: Path, names: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """The committed scores/<protocol>.json of every baseline."""
    return {name: {protocol: json.loads((baselines_dir / name / "scores" / f"{protocol}.json").read_text(encoding="utf-8"))
                   for protocol in PROTOCOLS} for name in names}


def write_leaderboard(baselines_dir: Path, results_dir: Path, dataset: Any = None) -> str:
    """Score every baseline's committed predictions into scores/<protocol>.json and write LEADERBOARD.md and the
    figure (with the submitted LLM runs of `results_dir` in their own table); returns a one-line summary."""
    from kiwi_bench.core.atomic import write_bytes_atomic, write_text_atomic
    from kiwi_bench.core.jsonl import report_json
    from kiwi_bench.reporting.submissions import score_submissions, submissions_markdown
    from kiwi_bench.systems.extractors import BASELINES

    scores = score_all(baselines_dir, sorted(BASELINES), dataset)
    for name, by_protocol in scores.items():
        for protocol, report in by_protocol.items():
            write_text_atomic(baselines_dir / name / "scores" / f"{protocol}.json", report_json(report))
    text = ("# KIWI leaderboard\n\n<!-- Generated by `kiwi-bench leaderboard` from baselines/*/scores/*.json. "
            "Do not edit by hand. -->\n\n" + leaderboard_markdown(scores) + "\n\n![F1 and accuracy with 95% CIs](leaderboard.png)\n"
            "\n## Submitted runs\n\n" + submissions_markdown(score_submissions(results_dir, dataset)) + "\n")
    write_text_atomic(baselines_dir / "LEADERBOARD.md", text)
    write_bytes_atomic(baselines_dir / "leaderboard.png", leaderboard_png(scores))
    return f"wrote scores for {len(scores)} baselines, {baselines_dir / 'LEADERBOARD.md'} and {baselines_dir / 'leaderboard.png'}"

