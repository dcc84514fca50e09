"""Dataset statistics per split and language, and their text/Markdown tables (pure, no file I/O)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kiwi_bench.core import markdown
from kiwi_bench.core.labels import AMOUNT_KINDS, ENTITY_LABELS, ENTITY_SENTIMENTS, SENTENCE_SENTIMENTS
from kiwi_bench.core.metadata import SPLITS
from kiwi_bench.core.tokens import tokenize
from kiwi_bench.corpus.documents import Document

UNANNOTATED = "unannotated"


def _bucket(documents: list[Document]) -> dict[str, Any]:
    """Counts for one group of documents."""
    entities = [e for d in documents for e in d["entities"]]
    amounts = [a for d in documents for a in d["amounts"]]
    sentences = [s for d in documents for s in d["sentences"]]
    return {
        "documents": len(documents),
        "sentences": len(sentences),
        "tokens": sum(len(tokenize(s["text"], d["language"])) for d in documents for s in d["sentences"]),
        "entities": len(entities),
        "entities_per_label": {label: sum(e["label"] == label for e in entities) for label in ENTITY_LABELS},
        "distinct_entity_ids": len({e["entity_id"] for e in entities}),
        "amounts": len(amounts),
        "amounts_per_kind": {kind: sum(a["kind"] == kind for a in amounts) for kind in AMOUNT_KINDS},
        "sentence_sentiment": _distribution((s["sentiment"] for s in sentences), SENTENCE_SENTIMENTS),
        "entity_sentiment": _distribution((e["sentiment"] for e in entities), ENTITY_SENTIMENTS),
        "document_sentiment": _distribution((d["sentiment"] for d in documents), SENTENCE_SENTIMENTS),
    }


def _distribution(values, labels: tuple[str, ...]) -> dict[str, int]:
    counts = Counter(UNANNOTATED if value is None else value for value in values)
    distribution = {label: counts[label] for label in labels}
    if counts[UNANNOTATED]:
        distribution[UNANNOTATED] = counts[UNANNOTATED]
    return distribution


def compute_stats(documents: list[Document]) -> dict[str, Any]:
    """Counts per split, per language and in total."""
    languages = sorted({d["language"] for d in documents})
    return {
        "splits": {split: _bucket([d for d in documents if d["split"] == split]) for split in SPLITS},
        "languages": {lang: _bucket([d for d in documents if d["language"] == lang]) for lang in languages},
        "total": _bucket(documents),
    }


def contrast_stats(items: list[Document]) -> dict[str, Any]:
    """Counts of the contrast items (one-sentence documents, not articles), with their bundles and edits."""
    bundles = {i["contrast"]["base"]["document"] + "-" + i["contrast"]["base"]["sentence"] for i in items}
    return {"items": len(items), "bundles": len(bundles),
            "edits": sum(i["contrast"]["edit_type"] != "original" for i in items),
            **{key: value for key, value in _bucket(items).items() if key not in ("documents", "document_sentiment")}}


def _table_rows(stats: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    columns = [*stats["splits"], *stats["languages"], "total"]
    buckets = [*stats["splits"].values(), *stats["languages"].values(), stats["total"]]
    rows: list[list[str]] = []
    for key in ("documents", "sentences", "tokens", "entities", "distinct_entity_ids", "amounts"):
        rows.append([key.replace("_", " "), *(str(b[key]) for b in buckets)])
        nested = {"entities": "entities_per_label", "amounts": "amounts_per_kind"}.get(key)
        if nested:
            for name in buckets[-1][nested]:
                rows.append([f"  {name}", *(str(b[nested][name]) for b in buckets)])
    for key in ("sentence_sentiment", "entity_sentiment", "document_sentiment"):
        rows.append([key.replace("_", " "), *("" for _ in buckets)])
        for name in buckets[-1][key]:
            rows.append([f"  {name}", *(str(b[key].get(name, 0)) for b in buckets)])
    return ["", *columns], rows


def text_table(stats: dict[str, Any]) -> str:
    """A fixed-width table for the terminal."""
    header, rows = _table_rows(stats)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))) for row in [header, *rows]]
    return "\n".join(line.rstrip() for line in lines)


def markdown_table(stats: dict[str, Any]) -> str:
    """The same table in Markdown (used by the dataset card and DATASHEET.md)."""
    header, rows = _table_rows(stats)
    labelled = [[row[0].replace("  ", "&nbsp;&nbsp;", 1) if row[0].startswith("  ") else f"**{row[0]}**", *row[1:]]
                for row in rows]
    return markdown.table(header, labelled, "l" + "r" * (len(header) - 1))
