"""Read and validate a KIWI prediction file (JSON Lines) into the scorer's columns, streaming.

The file is read line by line as bytes (never all at once), so memory stays bounded by the
longest line plus the compact columns of `scoring.PredictionBuilder`; with `batch_items`, the
records go to `scoring.StreamingBuilder` instead, which aligns and scores every batch of that
many predicted items and keeps only the split-sized statistics (what `kiwi-bench evaluate` and
`compare` use), so memory no longer grows with the number of predicted items. Each line must be one
UTF-8 JSON object valid under schema/predictions.schema.json, and must pass the semantic checks
of the evaluation spec: its id is a document of the split, ids are unique, spans follow the
half-open convention inside the gold text (0 <= start < end <= len(text), see
`kiwi_bench.scoring.spans`), values are finite, sentence ids exist, and a layer is span-based
or span-free throughout the file. Every problem is one line, `file:line: field: message`.

Schema checking: a hand-written check that mirrors the schema (enums and patterns read from it)
runs on every record, because jsonschema takes about 0.4 ms per entity; when it finds a problem,
jsonschema (`kiwi_bench.core.schemas.validator("predictions")`) words the message. A test keeps the
two equivalent on thousands of generated records.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.core.schemas import load_schema, validator
from kiwi_bench.scoring import (
    SPAN,
    Gold,
    PredictionBuilder,
    Predictions,
    ScoredPredictions,
    StreamingBuilder,
    item_mode,
    load_gold,
)

MAX_LINE_BYTES = 64 * 1024 * 1024
MAX_PROBLEMS = 50
MAX_MESSAGE = 400
_DEFS = load_schema("predictions")["$defs"]
_ATTRS = _DEFS["amount_attributes"]
LABELS = frozenset(_DEFS["label"]["enum"])
ENTITY_SENTIMENTS = frozenset(_DEFS["entity_sentiment"]["enum"])
SENTENCE_SENTIMENTS = frozenset(_DEFS["sentence_sentiment"]["enum"])
KINDS = frozenset(_ATTRS["kind"]["enum"])
QUALIFIERS = frozenset(_ATTRS["qualifier"]["enum"])
PERIODS = frozenset(_ATTRS["per"]["anyOf"][0]["enum"])
CURRENCY = re.compile(_ATTRS["currency"]["anyOf"][0]["pattern"])
SENTENCE_ID = re.compile(load_schema("predictions")["properties"]["sentences"]["items"]["properties"]["id"]["pattern"])
_ENTITY_SPAN, _ENTITY_TEXT = frozenset(_DEFS["entity_span"]["properties"]), frozenset(_DEFS["entity_text"]["properties"])
_AMOUNT_SPAN, _AMOUNT_FREE = frozenset(_DEFS["amount_span"]["properties"]), frozenset(_DEFS["amount_free"]["properties"])
_TOP = frozenset(load_schema("predictions")["properties"])
_ENTITY_ID = _DEFS["entity_id"]


class _NonFinite(ValueError):
    """NaN or Infinity in the JSON text (not valid JSON)."""


class _DuplicateKey(ValueError):
    """A JSON object that repeats a key (json.loads would silently keep the last value)."""


@dataclass(frozen=True)
class ReadResult:
    """The predictions of one file (its statistics when read in batches), the split's documents it lacked,
    and how many lines were read."""

    predictions: Predictions | ScoredPredictions
    missing: list[str]
    lines: int


# ---- the schema, mirrored -------------------------------------------------------------------

def _is_int(value: Any) -> bool:
    """JSON Schema "integer": an int (not bool), or a float with no fractional part."""
    return type(value) is int or (type(value) is float and value.is_integer())


def _is_number(value: Any) -> bool:
    return type(value) in (int, float)


def _in(value: Any, allowed: frozenset) -> bool:
    return type(value) is str and value in allowed


def _offsets_ok(item: dict) -> bool:
    return _is_int(item["start"]) and item["start"] >= 0 and _is_int(item["end"]) and item["end"] >= 0


def _entity_ok(item: Any) -> bool:
    if type(item) is not dict or "label" not in item or not _in(item["label"], LABELS):
        return False
    if "sentiment" in item and not _in(item["sentiment"], ENTITY_SENTIMENTS):
        return False
    if "entity_id" in item and not _entity_id_ok(item["entity_id"]):
        return False
    keys = item.keys()
    if "start" in item:
        return keys <= _ENTITY_SPAN and "end" in item and _offsets_ok(item)
    return keys <= _ENTITY_TEXT and type(item.get("text")) is str and len(item["text"]) >= 1


def _entity_id_ok(value: Any) -> bool:
    return type(value) is str and _ENTITY_ID["minLength"] <= len(value) <= _ENTITY_ID["maxLength"]


def _amount_ok(item: Any) -> bool:
    if type(item) is not dict or not {"kind", "value"} <= item.keys():
        return False
    if not (_in(item["kind"], KINDS) and _is_number(item["value"])):
        return False
    currency = item.get("currency")
    if currency is not None and not (type(currency) is str and len(currency) == 3 and CURRENCY.search(currency)):
        return False
    if "unit" in item and item["unit"] is not None and not (type(item["unit"]) is str and len(item["unit"]) >= 1):
        return False
    if "qualifier" in item and not _in(item["qualifier"], QUALIFIERS):
        return False
    if "per" in item and item["per"] is not None and not _in(item["per"], PERIODS):
        return False
    if "start" in item or "end" in item:
        return item.keys() <= _AMOUNT_SPAN and "start" in item and "end" in item and _offsets_ok(item)
    return item.keys() <= _AMOUNT_FREE


def _sentence_ok(item: Any) -> bool:
    return (type(item) is dict and item.keys() == {"id", "sentiment"} and type(item["id"]) is str
            and bool(SENTENCE_ID.search(item["id"])) and _in(item["sentiment"], SENTENCE_SENTIMENTS))


def _ungrounded_ok(value: Any) -> bool:
    """Format 1.2's `ungrounded`: {"entities": [...], "amounts": [...]}, each item a span-free item with
    its cited `sentence` (an id or null) and its `text`."""
    if type(value) is not dict or not value.keys() <= {"entities", "amounts"}:
        return False
    for key, check in (("entities", _entity_ok), ("amounts", _amount_ok)):
        items = value.get(key, [])
        if type(items) is not list:
            return False
        for item in items:
            if type(item) is not dict or "sentence" not in item or type(item.get("text")) is not str or not item["text"]:
                return False
            sentence = item["sentence"]
            if sentence is not None and not (type(sentence) is str and SENTENCE_ID.search(sentence)):
                return False
            rest = {k: v for k, v in item.items() if k != "sentence" and (key == "entities" or k != "text")}
            if not check(rest):
                return False
    return True


def schema_ok(record: Any) -> bool:
    """Whether `record` is valid under the predictions schema (same answer as jsonschema, faster)."""
    if type(record) is not dict or not record.keys() <= _TOP:
        return False
    if type(record.get("id")) is not str or len(record["id"]) < 1:
        return False
    if "sentiment" in record and not _in(record["sentiment"], SENTENCE_SENTIMENTS):
        return False
    for key, check in (("entities", _entity_ok), ("amounts", _amount_ok), ("sentences", _sentence_ok)):
        if key in record and (type(record[key]) is not list or not all(map(check, record[key]))):
            return False
    return "ungrounded" not in record or _ungrounded_ok(record["ungrounded"])


def _field(path: Iterable[Any]) -> str:
    text = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")
    return text or "$"


def _first_bad_items(record: Any) -> tuple[Any, dict[str, int]]:
    """`record` with each layer cut down to its first invalid item (per the mirror), and those items' indices.

    jsonschema takes about 0.3 ms per item, so on a line with a million entities and one typo it
    would take minutes; the cut-down record gives the same first problem at once.
    """
    if type(record) is not dict:
        return record, {}
    reduced, index = dict(record), {}
    for key, check in (("entities", _entity_ok), ("amounts", _amount_ok), ("sentences", _sentence_ok)):
        items = record.get(key)
        if type(items) is list:
            bad = next((k for k, item in enumerate(items) if not check(item)), None)
            reduced[key] = [] if bad is None else [items[bad]]
            if bad is not None:
                index[key] = bad
    return reduced, index


def schema_problem(record: Any) -> tuple[str, str] | None:
    """(field, message) of the first schema violation, worded by jsonschema, or None."""
    reduced, index = _first_bad_items(record)

    def path(parts: Iterable[Any]) -> list[Any]:
        parts = list(parts)
        if len(parts) > 1 and parts[0] in index and parts[1] == 0:
            parts[1] = index[parts[0]]
        return parts

    errors = sorted(validator("predictions").iter_errors(reduced), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if not errors:
        return None
    error = errors[0]
    if error.validator == "oneOf" and error.context:
        branch = 0 if isinstance(error.instance, dict) and ("start" in error.instance or "end" in error.instance) else 1
        chosen = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] == branch]
        if chosen:
            deepest = max(chosen, key=lambda e: len(e.relative_path))
            return _field(path([*error.absolute_path, *deepest.relative_path])), _wording(deepest)
    return _field(path(error.absolute_path)), _wording(error)


def _wording(error: Any) -> str:
    if error.validator == "enum" and error.path and error.path[-1] == "label":
        return f"unknown label {error.instance!r} (expected one of {', '.join(sorted(LABELS))})"
    return error.message


# ---- lines and JSON ----------------------------------------------------------------------------

def _reject_constant(name: str) -> Any:
    raise _NonFinite(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NonFinite(text)
    return value


def _fatal_encoding(raw: bytes, line: int) -> str | None:
    if line == 1 and raw.startswith(b"\xef\xbb\xbf"):
        return "encoding: the file starts with a UTF-8 byte order mark (BOM); save it as UTF-8 without BOM"
    if line == 1 and raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "encoding: the file is UTF-16; save it as UTF-8"
    if b"\x00" in raw:
        return "encoding: NUL bytes found (UTF-16 or binary data?); the file must be UTF-8 JSON Lines"
    return None


def iter_lines(stream: IO[bytes], name: str) -> Iterator[tuple[int, str | Problem]]:
    """(line number, text) for every non-blank line, or (line, Problem) for a line that cannot be decoded."""
    line = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        line += 1
        if len(raw) > MAX_LINE_BYTES:
            raise KiwiError([Problem(name, str(line), f"line: longer than {MAX_LINE_BYTES // 2**20} MiB "
                                                      "(one JSON object per document, one document per line)")])
        fatal = _fatal_encoding(raw, line)
        if fatal:
            raise KiwiError([Problem(name, str(line), fatal)])
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield line, Problem(name, str(line), f"encoding: invalid UTF-8 at byte {error.start} of the line")
            continue
        if text.strip():
            yield line, text


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return record


def decode_record(text: str) -> tuple[Any, str | None]:
    """The JSON value of one line, or (None, "field: message") when it is not valid JSON."""
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float,
                          object_pairs_hook=_object), None
    except _NonFinite as error:
        return None, f"$: {error.args[0]} is not valid JSON (values must be finite numbers)"
    except _DuplicateKey as error:
        return None, f"$: duplicate key {error.args[0]!r} in a JSON object (only one value per key is allowed)"
    except json.JSONDecodeError as error:
        if text.lstrip().startswith("[") or text.strip() in ("]", "],"):
            return None, "$: this looks like a JSON array; write JSON Lines (one document object per line)"
        return None, f"$: invalid JSON: {error.msg} (column {error.colno})"
    except RecursionError:
        return None, "$: invalid JSON: nested too deeply"
    except ValueError as error:
        return None, f"$: invalid JSON: {error}"


# ---- semantic checks ------------------------------------------------------------------------

def _span_problems(field: str, item: dict, length: int) -> list[tuple[str, str]]:
    """The half-open convention: 0 <= start < end <= len(text) (5.0 is a schema integer; the item is not changed)."""
    start, end = int(item["start"]), int(item["end"])
    if not start < end:
        return [(field, f"start {start} >= end {end} (spans are half-open [start, end))")]
    if end > length:
        return [(f"{field}.end", f"{end} is outside the text (length {length})")]
    return []


class RecordChecker:
    """The checks the schema cannot express; remembers ids and layer modes across the file."""

    def __init__(self, gold: Gold, split: str, other_splits: Mapping[str, str] | None = None):
        self.gold, self.split, self.other_splits = gold, split, other_splits or {}
        self.first_line: dict[str, int] = {}
        self.modes: dict[str, tuple[str, int]] = {}
        self.entity_ids: tuple[bool, int] | None = None

    def check(self, record: dict, line: int) -> list[tuple[str, str]]:
        """(field, message) problems of one schema-valid record."""
        doc_id = record["id"]
        if doc_id not in self.gold.index:
            where = self.other_splits.get(doc_id)
            hint = f" (it belongs to split {where})" if where else ""
            return [("id", f"{doc_id!r} is not a document of split {self.split}{hint}")]
        if doc_id in self.first_line:
            return [("id", f"duplicate document {doc_id!r} (first at line {self.first_line[doc_id]})")]
        self.first_line[doc_id] = line
        doc = self.gold.index[doc_id]
        problems = self._spans(record, doc, line)
        problems += self._entity_ids(record, line)
        problems += self._values(record)
        problems += self._sentences(record, doc)
        problems += self._ungrounded(record, doc, line)
        return problems

    def _ungrounded(self, record: dict, doc: int, line: int) -> list[tuple[str, str]]:
        """Format 1.2: ungrounded items cite a sentence of the document (or null) and belong to span-based layers."""
        known, problems = self.gold.sentence_lookup(doc), []
        for layer, items in record.get("ungrounded", {}).items():
            mode = self.modes.setdefault(layer, (SPAN, line))
            if items and mode[0] != SPAN:
                problems.append((f"ungrounded.{layer}", f"ungrounded items in a {mode[0]} layer (since line {mode[1]}); "
                                                        "they belong to files whose layer is span-based"))
            for k, item in enumerate(items):
                if item["sentence"] is not None and item["sentence"] not in known:
                    problems.append((f"ungrounded.{layer}[{k}].sentence", f"no sentence {item['sentence']!r} in "
                                                                          f"{record['id']} (it has s1..s{len(known)})"))
        for k, item in enumerate(record.get("ungrounded", {}).get("entities", ())):  # ids: all entities or none (1.1)
            given = "entity_id" in item
            if self.entity_ids is None:
                self.entity_ids = (given, line)
            elif self.entity_ids[0] != given:
                problems.append((f"ungrounded.entities[{k}].entity_id", f"{'given' if given else 'missing'}, but entities are "
                                 f"{'with' if self.entity_ids[0] else 'without'} entity_id since line {self.entity_ids[1]} "
                                 "(give ids on all entities of the file, ungrounded ones included, or on none)"))
                break
        return problems

    def _spans(self, record: dict, doc: int, line: int) -> list[tuple[str, str]]:
        length = int(self.gold.text_length[doc])
        problems = []
        for layer in ("entities", "amounts"):
            for k, item in enumerate(record.get(layer, ())):
                mode = item_mode(item)
                first = self.modes.setdefault(layer, (mode, line))
                if first[0] != mode:
                    problems.append((f"{layer}[{k}]", f"{mode} item in a {first[0]} layer (the layer is {first[0]} "
                                                      f"since line {first[1]}; do not mix the two in one file)"))
                elif mode == SPAN:
                    problems += _span_problems(f"{layer}[{k}]", item, length)
        return problems

    def _entity_ids(self, record: dict, line: int) -> list[tuple[str, str]]:
        """Entity ids are given on every entity of the file or on none (spec 1.1)."""
        for k, item in enumerate(record.get("entities", ())):
            given = "entity_id" in item
            if self.entity_ids is None:
                self.entity_ids = (given, line)
            elif self.entity_ids[0] != given:
                first = "with" if self.entity_ids[0] else "without"
                return [(f"entities[{k}].entity_id", f"{'given' if given else 'missing'}, but entities are {first} "
                                                     f"entity_id since line {self.entity_ids[1]} (give ids on all "
                                                     "entities of the file or on none)")]
        return []

    @staticmethod
    def _values(record: dict) -> list[tuple[str, str]]:
        problems = []
        for k, item in enumerate(record.get("amounts", ())):
            try:
                finite = math.isfinite(float(item["value"]))
            except OverflowError:
                finite = False
            if not finite:
                problems.append((f"amounts[{k}].value", "not a finite number (too large for a float)"))
        return problems

    def _sentences(self, record: dict, doc: int) -> list[tuple[str, str]]:
        known, seen, problems = self.gold.sentence_lookup(doc), set(), []
        for k, sentence in enumerate(record.get("sentences", ())):
            if sentence["id"] not in known:
                problems.append((f"sentences[{k}].id", f"no sentence {sentence['id']!r} in {record['id']} "
                                                       f"(it has s1..s{len(known)})"))
            elif sentence["id"] in seen:
                problems.append((f"sentences[{k}].id", f"duplicate sentence {sentence['id']!r}"))
            seen.add(sentence["id"])
        return problems


# ---- reading ------------------------------------------------------------------------------------

def _record_problems(checker: RecordChecker, value: Any, line: int) -> list[tuple[str, str]]:
    if isinstance(value, list):
        return [("$", "expected one JSON object per line (JSON Lines), found a JSON array")]
    if not schema_ok(value):
        return [schema_problem(value) or ("$", "does not match the predictions schema")]
    return checker.check(value, line)


def _clip(message: str) -> str:
    """A message cut to MAX_MESSAGE characters (a hostile value would otherwise be echoed whole)."""
    if len(message) <= MAX_MESSAGE:
        return message
    head, tail = MAX_MESSAGE - 100, 100
    return f"{message[:head]} [... {len(message) - head - tail} characters left out ...] {message[-tail:]}"


def collect(lines: Iterable[tuple[int, str | Problem | dict]], gold: Gold, name: str, split: str, *,
            allow_missing: bool = False, other_splits: Mapping[str, str] | None = None,
            batch_items: int | None = None) -> ReadResult:
    """Validate (line, text or record) pairs and build the predictions; KiwiError lists every problem.

    With `batch_items`, the predictions are scored in batches of about that many entities and
    amounts as they are read, and the result holds their statistics (`ScoredPredictions`).
    """
    checker = RecordChecker(gold, split, other_splits)
    builder = PredictionBuilder(gold) if batch_items is None else StreamingBuilder(gold, batch_items)
    problems: list[Problem] = []
    seen: set[str] = set()
    last = 0
    for line, item in lines:
        last = line
        if isinstance(item, Problem):
            problems.append(item)
        else:
            if isinstance(item, dict):
                value, error = item, None
            elif isinstance(item, str):
                value, error = decode_record(item)
            else:  # an in-memory record that is not a dict (a line of a file is always text)
                value, error = None, f"$: expected a record dict, got {type(item).__name__}"
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                seen.add(value["id"])  # a document with errors is reported once, not also as missing
            found = [tuple(error.split(": ", 1))] if error else _record_problems(checker, value, line)
            problems += [Problem(name, str(line), f"{field}: {_clip(message)}")
                         for field, message in found[:MAX_PROBLEMS - len(problems)]]
            if not found and not problems:
                builder.add(gold.index[value["id"]], value)
        if len(problems) >= MAX_PROBLEMS:
            problems.append(Problem(name, str(line), f"file: stopped after {MAX_PROBLEMS} problems"))
            break
    missing = [doc_id for doc_id in gold.ids if doc_id not in seen]
    if missing and not allow_missing and len(problems) < MAX_PROBLEMS:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        problems.append(Problem(name, "EOF", f"id: {len(missing)} document(s) of split {split} missing: {shown} "
                                             "(use --allow-missing to score them as empty)"))
    if problems:
        raise KiwiError(problems)
    return ReadResult(builder.finish(), missing, last)


def read_predictions(source: str | Path, gold: Gold, split: str, *, allow_missing: bool = False,
                     other_splits: Mapping[str, str] | None = None, stdin: IO[bytes] | None = None,
                     batch_items: int | None = None) -> ReadResult:
    """Read the prediction file `source` (a path, or "-" for standard input) for `gold` (see `collect`)."""
    if str(source) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return collect(iter_lines(stream, "<stdin>"), gold, "<stdin>", split, allow_missing=allow_missing,
                       other_splits=other_splits, batch_items=batch_items)
    path = Path(source)
    try:
        with path.open("rb") as stream:
            return collect(iter_lines(stream, str(path)), gold, str(path), split, allow_missing=allow_missing,
                           other_splits=other_splits, batch_items=batch_items)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as error:
        raise KiwiError([Problem(str(path), "0", f"file: cannot read ({error.strerror})")]) from None


def predictions_from_records(records: Iterable[Mapping[str, Any]], gold: Gold, split: str = "test", *,
                             allow_missing: bool = False, name: str = "<records>",
                             other_splits: Mapping[str, str] | None = None,
                             batch_items: int | None = None) -> ReadResult:
    """Validate in-memory records (as if line k held the k-th record) and build the predictions.

    The records are read, never modified (the builder converts offsets such as 5.0 to integers itself).
    """
    if isinstance(records, (str, bytes, Mapping)):
        raise KiwiError([Problem(name, "0", "predictions: expected a path, \"-\" or an iterable of record dicts, "
                                            f"got a {type(records).__name__}")])
    numbered = enumerate(records, start=1)
    return collect(numbered, gold, name, split, allow_missing=allow_missing, other_splits=other_splits,  # type: ignore[arg-type]
                   batch_items=batch_items)


def record_of(source: str, documents: list[dict], doc_id: str) -> dict[str, Any]:
    """The record of `doc_id` in the prediction file `source`, after validating the whole file.

    The file is checked by the project's prediction reader (schema, spans, ids, one mode per
    layer) against every gold document of the dataset, whatever its split, so that a file for
    any split can be shown; documents absent from the file are allowed."""
    gold = load_gold(documents)
    found: dict[str, dict] = {}

    def decoded(lines: Iterable[tuple[int, Any]]) -> Iterator[tuple[int, Any]]:
        for line, item in lines:
            if isinstance(item, str):
                value, error = decode_record(item)
                if error is None and isinstance(value, dict):
                    if value.get("id") == doc_id and doc_id not in found:
                        found[doc_id] = value
                    item = value
            yield line, item

    name = "<stdin>" if source == "-" else source
    if source == "-":
        collect(decoded(iter_lines(sys.stdin.buffer, name)), gold, name, "all", allow_missing=True)
    else:
        try:
            with Path(source).open("rb") as stream:
                collect(decoded(iter_lines(stream, name)), gold, name, "all", allow_missing=True)
        except (FileNotFoundError, IsADirectoryError, PermissionError) as error:
            raise KiwiError([Problem(name, "0", f"file: cannot read ({error.strerror})")]) from None
    if doc_id not in found:
        raise KiwiError([Problem(name, "EOF", f"id: no record for document {doc_id!r} in the file")])
    return found[doc_id]
