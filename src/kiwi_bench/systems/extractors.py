"""The extractor interface: what a system under test implements, how it is loaded, and how it is run.

An extractor is any object with `predict(documents) -> records` and, optionally, `fit(documents)`.
`fit` receives complete gold documents of the training split(s); `predict` receives documents
passed through `strip_annotations`, so a system can never see a gold label of what it predicts.
Each returned record is one line of a prediction file (evaluation spec; schema
`schema/predictions.schema.json`): the document `id` plus the layers the system does.

`run_extractor` is the single place where fitting, predicting, checking and canonical ordering
happen; the `predict` command and the evaluation protocols both go through it, so every prediction
file is produced, checked and ordered the same way.
"""

from __future__ import annotations

import copy
import importlib
import inspect
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, runtime_checkable

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.core.jsonl import dumps_lines
from kiwi_bench.corpus.documents import Document

Record = dict[str, Any]
"""One prediction record: {"id": ..., "entities": [...], "amounts": [...], "sentences": [...], "sentiment": ...}."""


@runtime_checkable
class Extractor(Protocol):
    """A system under test. `fit` is optional (see `Trainable`); `predict` is required.

    `predict` gets documents with only id, language, text and sentences (id/start/end/text) and
    returns one record per document, in any order, with the layers it predicts.
    """

    def predict(self, documents: list[Document]) -> list[Record]: ...


@runtime_checkable
class Trainable(Extractor, Protocol):
    """An extractor that learns from gold documents before it predicts."""

    def fit(self, documents: list[Document]) -> None: ...


# Registered baselines: name -> "module:Class". A plain dict; user code is loaded by "module:Class".
BASELINES: dict[str, str] = {
    "floor": "kiwi_bench.baselines.floor:FloorBaseline",
    "rules": "kiwi_bench.baselines.rules:RulesBaseline",
    "crf": "kiwi_bench.baselines.crf:CrfBaseline",
}

# Every registered extractor: the baselines, and the LLM harness (docs/llm.md), which needs a config
# and a server and therefore is no baseline (not run by `run-baselines`, not on the baselines' leaderboard).
EXTRACTORS: dict[str, str] = {**BASELINES, "llm": "kiwi_bench.systems.llm.extractor:LlmExtractor"}

_SENTENCE_KEYS = ("id", "start", "end", "text")


def strip_annotations(document: Document) -> Document:
    """The input a system may see: id, language, text, and sentences with id/start/end/text only.

    Everything else (split, title, source, status, every sentiment, entity and amount) is dropped,
    and the result shares no mutable object with `document`.
    """
    return {
        "id": document["id"],
        "language": document["language"],
        "text": document["text"],
        "sentences": [{key: sentence[key] for key in _SENTENCE_KEYS} for sentence in document["sentences"]],
    }


def _import_class(spec: str) -> type:
    target = EXTRACTORS.get(spec, spec)
    module_name, colon, class_name = target.partition(":")
    if not colon or not module_name or not class_name:
        known = ", ".join(sorted(EXTRACTORS))
        raise KiwiError(f"{spec!r} is neither a registered extractor ({known}) nor an importable 'module:Class'")
    try:
        module = importlib.import_module(module_name)
    except Exception as error:  # noqa: BLE001 - any failure in user code becomes one line
        raise KiwiError(f"cannot import module {module_name!r} for extractor {spec!r}: {type(error).__name__}: {error}") from None
    cls = getattr(module, class_name, None)
    if not inspect.isclass(cls):
        raise KiwiError(f"module {module_name!r} has no class {class_name!r} (extractor {spec!r})")
    return cls


def _accepts_one_argument(cls: type) -> bool:
    try:
        inspect.signature(cls).bind(None)
    except (TypeError, ValueError):
        return False
    return True


def load_extractor(spec: str, config: dict | None = None) -> Extractor:
    """An extractor instance from a registered name ("crf") or any importable "module:Class".

    The class is called with no argument when `config` is None, else with the config dict as its
    one argument (the parsed TOML file). Raises a one-line KiwiError when the class cannot be
    imported, does not take a config, or its instances have no predict() method.
    """
    cls = _import_class(spec)
    if config is not None and not _accepts_one_argument(cls):
        raise KiwiError(f"extractor {spec!r}: {cls.__name__}() takes no config argument, but a config was given")
    extractor = cls() if config is None else cls(config)
    if not callable(getattr(extractor, "predict", None)):
        raise KiwiError(f"extractor {spec!r}: {cls.__name__} has no predict() method")
    return extractor


def is_trainable(extractor: object) -> bool:
    """True when the extractor has a callable fit()."""
    return callable(getattr(extractor, "fit", None))


# ---------------------------------------------------------------------------------------------
# Checking and canonical output


def check_records(records: Sequence[Any], documents: Sequence[Document], where: str) -> list[Problem]:
    """Problems of an extractor's output for `documents`; empty when the output is a valid prediction set.

    The output goes through the prediction reader of `kiwi-bench evaluate` (schema, document ids,
    duplicates, spans, values, sentence ids, one mode per layer), so `predict` words every
    problem exactly as `evaluate` would, as `<where>:<record id>:<field>: <message>`; a document
    left without a record is a problem too."""
    from kiwi_bench.api.predictions import predictions_from_records
    from kiwi_bench.scoring.gold import load_gold

    splits = {str(document.get("split")) for document in documents}
    split = splits.pop() if len(splits) == 1 else "all"
    problems = [Problem(where, f"record {k + 1}", f"expected a record (a dict), got {type(record).__name__}")
                for k, record in enumerate(records) if not isinstance(record, dict)]
    positions = [k for k, record in enumerate(records) if isinstance(record, dict)]
    try:
        predictions_from_records([records[k] for k in positions], load_gold(list(documents)), split, allow_missing=True,
                                 name=where)
    except KiwiError as error:
        problems += [_by_record(problem, records, positions) for problem in error.problems]
    given = {record.get("id") for record in records if isinstance(record, dict)}
    problems += [Problem(where, document["id"], "no prediction record for this document")
                 for document in sorted(documents, key=lambda d: d["id"]) if document["id"] not in given]
    return problems


def _by_record(problem: Problem, records: Sequence[Any], positions: Sequence[int]) -> Problem:
    """The reader's `<where>:<k>: <field>: <message>` for its k-th record (records[positions[k - 1]]), located by
    the record's id instead (or its 1-based position in `records`)."""
    if not problem.location.isdigit():
        return problem
    position = positions[int(problem.location) - 1]
    record = records[position]
    label = str(record["id"]) if isinstance(record.get("id"), str) else f"record {position + 1}"
    field, _, message = problem.message.partition(": ")
    return Problem(problem.file, f"{label}:{field}", message) if message else Problem(problem.file, label, field)


def _item_key(item: dict) -> tuple:
    return (item.get("start", -1), item.get("end", -1), json.dumps(item, sort_keys=True, ensure_ascii=False))


def canonical_record(record: Record) -> Record:
    """The record with span items sorted by (start, end, content) and sentences by number."""
    result = dict(record)
    for layer in ("entities", "amounts"):
        if layer in result:
            result[layer] = sorted(result[layer], key=_item_key)
    if "sentences" in result:
        result["sentences"] = sorted(result["sentences"], key=lambda s: int(s["id"][1:]))
    return result


def dump_jsonl(records: Iterable[Record]) -> str:
    """JSON Lines text: one record per line, sorted by id, keys sorted, UTF-8 characters kept."""
    return dumps_lines(sorted(records, key=lambda record: record["id"]), sort_keys=True)


def run_extractor(
    extractor: Extractor,
    train: Sequence[Document],
    targets: Sequence[Document],
    where: str,
    on_step: Callable[[str], None] | None = None,
) -> list[Record]:
    """Fit `extractor` on `train` (when it has fit() and `train` is not empty), predict `targets`
    one document at a time on their stripped form, check the output and return it canonical and
    sorted by id. Raises KiwiError (naming `where`) when the output is not a valid prediction set.

    `on_step(description)` is called after the fit and after each document (progress bars).
    """
    if is_trainable(extractor) and train:
        extractor.fit([copy.deepcopy(document) for document in train])  # type: ignore[attr-defined]
        if on_step:
            on_step("fit")
    records: list[Any] = []
    for document in sorted(targets, key=lambda d: d["id"]):
        output = extractor.predict([strip_annotations(document)])
        if not isinstance(output, list):
            raise KiwiError([Problem(where, document["id"], f"predict() returned {type(output).__name__}, not a list of records")])
        records += output
        if on_step:
            on_step(document["id"])
    problems = check_records(records, targets, where)
    if problems:
        raise KiwiError(problems)
    return sorted((canonical_record(record) for record in records), key=lambda record: record["id"])
