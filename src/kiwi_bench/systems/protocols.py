"""Evaluation protocols: which documents an extractor is fitted on and which it predicts.

Pure orchestration; no scoring maths. Three protocols:

- `standard`: hyper-parameters are chosen by fitting on train and predicting validation (`tune`,
  with an objective supplied by the caller); the final model is fitted on train + validation and
  predicts test. Its prediction file holds the test documents.
- `lodo`: leave one document out over all documents: for each document, a fresh extractor is
  fitted on the others and predicts it; the held-out predictions are pooled into one file. The
  hyper-parameters are the ones fixed under `standard`.
- `contrast`: fitted as under `standard` (train + validation, the same hyper-parameters), the model
  predicts the contrast items (`split: contrast`, one-sentence edits of test sentences). The contrast
  set is never used for fitting or tuning; `lodo` ignores it.

The documents a protocol's prediction file covers (and is scored against) are the held-out ones of
its `folds`: the test split for `standard`, every document for `lodo`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kiwi_bench.core.errors import KiwiError
from kiwi_bench.corpus.contrast import CONTRAST_SPLIT
from kiwi_bench.corpus.documents import Document
from kiwi_bench.systems.extractors import Extractor, Record, run_extractor

PROTOCOLS: tuple[str, ...] = ("standard", "lodo", "contrast")


@dataclass(frozen=True)
class Fold:
    """One fit-and-predict step: fit on `train` ids, predict `held_out` ids."""

    name: str
    train: tuple[str, ...]
    held_out: tuple[str, ...]


def _ids(documents: Sequence[Document], *splits: str) -> tuple[str, ...]:
    return tuple(sorted(d["id"] for d in documents if d["split"] in splits))


def _require(protocol: str) -> None:
    if protocol not in PROTOCOLS:
        raise KiwiError(f"unknown protocol {protocol!r} (choose from {', '.join(PROTOCOLS)})")


def validation_fold(documents: Sequence[Document]) -> Fold:
    """The hyper-parameter selection step of `standard`: fit on train, predict validation."""
    return Fold("validation", _ids(documents, "train"), _ids(documents, "validation"))


def folds(protocol: str, documents: Sequence[Document]) -> list[Fold]:
    """The folds whose held-out predictions make up the protocol's prediction file."""
    _require(protocol)
    if protocol == "standard":
        return [Fold("test", _ids(documents, "train", "validation"), _ids(documents, "test"))]
    if protocol == "contrast":
        return [Fold("contrast", _ids(documents, "train", "validation"), _ids(documents, CONTRAST_SPLIT))]
    every = sorted(d["id"] for d in documents if d["split"] != CONTRAST_SPLIT)
    return [Fold(f"lodo-{doc_id}", tuple(i for i in every if i != doc_id), (doc_id,)) for doc_id in every]


def run_fold(make_extractor: Callable[[], Extractor], fold: Fold, documents: Sequence[Document], where: str,
             on_step: Callable[[str], None] | None = None) -> list[Record]:
    """Fit a fresh extractor on the fold's training documents and predict its held-out ones."""
    by_id = {d["id"]: d for d in documents}
    if not fold.held_out:
        raise KiwiError(f"{where}: fold {fold.name!r} has no documents to predict")
    if set(fold.train) & set(fold.held_out):
        raise KiwiError(f"{where}: fold {fold.name!r} trains on a held-out document")
    train = [by_id[i] for i in fold.train]
    held_out = [by_id[i] for i in fold.held_out]
    return run_extractor(make_extractor(), train, held_out, f"{where}:{fold.name}", on_step)


def run_protocol(make_extractor: Callable[[], Extractor], protocol: str, documents: Sequence[Document],
                 where: str = "extractor", on_step: Callable[[str], None] | None = None) -> list[Record]:
    """The protocol's pooled prediction records (sorted by id), one fresh extractor per fold."""
    records: list[Record] = []
    for fold in folds(protocol, documents):
        records += run_fold(make_extractor, fold, documents, where, on_step)
    return sorted(records, key=lambda record: record["id"])


def expand_grid(grid: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    """Every combination of a grid {name: [values]}, names in sorted order, values in the given
    order (the first combination wins ties in `tune`)."""
    names = sorted(grid)
    return [dict(zip(names, values)) for values in itertools.product(*(grid[name] for name in names))]


@dataclass(frozen=True)
class Trial:
    """One candidate of a hyper-parameter search and its validation objective."""

    candidate: dict[str, Any]
    score: float


def tune(make_extractor: Callable[[dict[str, Any]], Extractor], candidates: Sequence[dict[str, Any]],
         documents: Sequence[Document], objective: Callable[[list[Record], list[Document]], float],
         where: str = "extractor", on_step: Callable[[str], None] | None = None) -> tuple[dict[str, Any], list[Trial]]:
    """Choose among `candidates` on the validation split: each is fitted on train and predicts
    validation; `objective(predictions, validation_gold)` (higher is better) ranks them. Returns
    the best candidate (the earliest one on ties) and every trial. The test split is never used."""
    fold = validation_fold(documents)
    gold = [d for d in sorted(documents, key=lambda d: d["id"]) if d["id"] in fold.held_out]
    trials = []
    for candidate in candidates:
        records = run_fold(lambda candidate=candidate: make_extractor(candidate), fold, documents, where)
        trials.append(Trial(candidate, float(objective(records, gold))))
        if on_step:
            on_step(str(candidate))
    if not trials:
        raise KiwiError(f"{where}: no candidates to tune")
    best = max(trials, key=lambda trial: trial.score)  # max() keeps the first of equal scores
    return best.candidate, trials
