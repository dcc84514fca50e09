"""The public scoring calls: `evaluate`, `compare` and the one "load gold, read predictions, score" path.

The CLI (`evaluate`, `compare`, `show`, `leaderboard`) calls these, so the command line and Python
give the same report, signature included. Bad input raises `KiwiError`, whose message is the line the
CLI prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Union

from kiwi_bench import scoring as scorer
from kiwi_bench.api.gold import split_documents
from kiwi_bench.api.predictions import ReadResult, predictions_from_records, read_predictions
from kiwi_bench.corpus.documents import Document
from kiwi_bench.scoring import Gold, load_gold
from kiwi_bench.scoring import compare as compare_evaluations
from kiwi_bench.scoring import evaluate as score
from kiwi_bench.scoring.evaluation import Comparison, Evaluation

PredictionSource = Union[str, Path, Iterable[Mapping[str, Any]]]
"""A prediction file path, "-" for standard input, or an iterable of records in the prediction-file format."""


@dataclass(frozen=True)
class Scoring:
    """The gold of a split and one validated prediction set, ready to be scored."""

    documents: list[Document]
    gold: Gold
    read: ReadResult


def source_name(predictions: PredictionSource) -> str:
    """How a prediction source is named in messages and in `compare` reports."""
    if isinstance(predictions, (str, Path)):
        return "<stdin>" if str(predictions) == "-" else str(predictions)
    return "<records>"


def read_scoring(predictions: PredictionSource, *, split: str = "test", dataset: Any = None,
                 allow_missing: bool = False, streaming: bool = True, stdin: IO[bytes] | None = None) -> Scoring:
    """Gold of `split` and the validated predictions: with `streaming`, only their statistics, summed in batches
    of `scoring.BATCH_ITEMS` items so memory does not grow with the file; without it, every predicted item."""
    documents, others = split_documents(split, dataset)
    batch_items = scorer.BATCH_ITEMS if streaming else None
    gold = load_gold(documents)
    if isinstance(predictions, (str, Path)):
        read = read_predictions(predictions, gold, split, allow_missing=allow_missing, other_splits=others,
                                stdin=stdin, batch_items=batch_items)
    else:
        read = predictions_from_records(predictions, gold, split, allow_missing=allow_missing, batch_items=batch_items,
                                        other_splits=others)
    return Scoring(documents, gold, read)


def evaluate(predictions: PredictionSource, *, split: str = "test", dataset: Any = None, resamples: int = 1000,
             seed: int = 0, allow_missing: bool = False) -> Evaluation:
    """Score `predictions` against the gold of `split`: the report of `kiwi-bench evaluate --json`.

    `dataset` is None (the gold shipped with the package), a KIWI dataset directory, or a
    `datasets.Dataset`/`DatasetDict` of the `documents` config.
    """
    scoring = read_scoring(predictions, split=split, dataset=dataset, allow_missing=allow_missing)
    return score(scoring.gold, scoring.read.predictions, split=split, resamples=resamples, seed=seed,
                 missing=scoring.read.missing)


def compare(a: PredictionSource, b: PredictionSource, *, split: str = "test", dataset: Any = None,
            resamples: int = 1000, seed: int = 0, allow_missing: bool = False) -> Comparison:
    """Paired bootstrap comparison of two prediction sets: the report of `kiwi-bench compare --json`."""
    evaluations = [evaluate(source, split=split, dataset=dataset, resamples=0, seed=seed, allow_missing=allow_missing)
                   for source in (a, b)]
    result = compare_evaluations(*evaluations, resamples=resamples, seed=seed)
    return replace(result, report={**result.report, "a": source_name(a), "b": source_name(b)})
