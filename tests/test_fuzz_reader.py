"""Fuzzing the prediction reader: arbitrary bytes and near-valid JSON Lines never raise anything but KiwiError.

Whatever the input, `read_predictions` either returns predictions or raises KiwiError whose every
problem prints as one line `FILE:LOCATION: ...` (no other exception, no multi-line message, no
unbounded message). Inputs: arbitrary bytes; and mutations of valid records for the real test
split (values replaced by hostile ones at random JSON paths, keys dropped or added, then byte-level
damage: truncation, insertion, deletion, duplicated or swapped lines, encodings). Derandomized
hypothesis runs plus a seeded loop give a fixed number of iterations.
"""

from __future__ import annotations

import copy
import io
import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiwi_bench.api.predictions import MAX_MESSAGE, MAX_PROBLEMS, ReadResult, read_predictions
from kiwi_bench.core.errors import KiwiError
from kiwi_bench.corpus.documents import load_documents
from kiwi_bench.scoring import evaluate, load_gold
from kiwi_test_paths import DATASET

DOCUMENTS = load_documents(DATASET, "test")
GOLD = load_gold(DOCUMENTS)
OTHER = {d["id"]: d["split"] for d in load_documents(DATASET) if d["split"] != "test"}
NAME = "<stdin>"
FUZZ = settings(max_examples=400, derandomize=True, deadline=None, database=None, print_blob=False,
                suppress_health_check=list(HealthCheck))


def valid_records() -> list[dict]:
    records = []
    for document in DOCUMENTS:
        records.append({
            "id": document["id"],
            "entities": [{"start": e["start"], "end": e["end"], "label": e["label"], "sentiment": e["sentiment"]}
                         for e in document["entities"][:6]],
            "amounts": [{k: a[k] for k in ("start", "end", "kind", "value", "currency", "unit", "qualifier", "per")}
                        for a in document["amounts"][:3]],
            "sentences": [{"id": s["id"], "sentiment": s["sentiment"]} for s in document["sentences"][:5]],
            "sentiment": document["sentiment"]})
    return records


VALID = valid_records()
HOSTILE = [None, True, False, 0, -1, 1, 2**31, 2**63, 10**30, -(10**30), 0.5, -0.0, 1e308, -1e-320, 6.0, "", " ", "x",
           "ORG", "org", "PER", "s1", "s0", "s999", "kiwi-001", "kiwi-000", "kiwi-999", "USD", "usd", "USD\n", "\u0000",
           "\ud800", "\u202e", "😀" * 3, "a" * 2000, [], [[]], [None], {}, {"start": 0}, {"id": "kiwi-001"},
           [[[[[[[[[[1]]]]]]]]]], {"a": {"b": {"c": []}}}, "mixed", "neutral", "money", "count", "approx", "year"]
KEYS = ["id", "entities", "amounts", "sentences", "sentiment", "start", "end", "label", "text", "kind", "value",
        "currency", "unit", "qualifier", "per", "extra", "", "ID"]
RAW_TOKENS = [b"NaN", b"Infinity", b"-Infinity", b"1e400", b"1" + b"0" * 400, b"1" + b"0" * 5000, b"[" * 3000,
              b"{" * 50, b'"\\ud800"', b"\xff", b"\xef\xbb\xbf", b"\x00", b"\r", b"\n", b"\r\n", b",", b"]", b"}",
              b'"id": "kiwi-001", ', b"\\", b'"']


def read(data: bytes, allow_missing: bool) -> ReadResult | None:
    """Read `data`; None when the reader rejected it with well-formed one-line problems."""
    try:
        return read_predictions("-", GOLD, "test", allow_missing=allow_missing, other_splits=OTHER,
                                stdin=io.BytesIO(data))
    except KiwiError as error:
        assert 0 < len(error.problems) <= MAX_PROBLEMS + 2
        for problem in error.problems:
            line = str(problem)
            assert "\n" not in line and "\r" not in line, line[:300]
            assert line.startswith(f"{NAME}:"), line[:300]
            assert len(problem.message) <= MAX_MESSAGE + 200, line[:300]
        return None


def paths(value, prefix=()):
    """Every JSON path (tuple of keys/indices) in a value."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*prefix, index))


def mutate_record(record: dict, rng: random.Random) -> object:
    """One JSON-level mutation: replace a value, drop or add a key, or duplicate/empty a list."""
    record = copy.deepcopy(record)
    path = rng.choice(list(paths(record)))
    if not path:
        return rng.choice(HOSTILE + [record])
    parent = record
    for key in path[:-1]:
        parent = parent[key]
    key, action = path[-1], rng.randrange(5)
    if action == 0:
        parent[key] = copy.deepcopy(rng.choice(HOSTILE))
    elif action == 1 and isinstance(parent, dict):
        del parent[key]
    elif action == 2 and isinstance(parent, dict):
        parent[rng.choice(KEYS)] = copy.deepcopy(rng.choice(HOSTILE))
    elif action == 3 and isinstance(parent[key], list) and parent[key]:
        parent[key].append(copy.deepcopy(rng.choice(parent[key])))
    elif action == 4 and isinstance(parent[key], list):
        parent[key] = []
    return record


def damage_bytes(data: bytes, rng: random.Random) -> bytes:
    """One byte-level mutation of a JSON Lines text."""
    if not data:
        return rng.choice(RAW_TOKENS)
    action, at = rng.randrange(8), rng.randrange(len(data) + 1)
    if action == 0:
        return data[:at]
    if action == 1:
        return data[:at] + rng.choice(RAW_TOKENS) + data[at:]
    if action == 2:
        return data[:at] + data[at + rng.randint(1, 40):]
    if action == 3:
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
    lines = data.split(b"\n")
    if action == 4:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(lines))
    elif action == 5:
        rng.shuffle(lines)
    elif action == 6:
        return data.replace(b"\n", b"\r\n")
    else:
        return data.decode("utf-8", errors="replace").encode(rng.choice(["utf-16", "utf-16-le", "utf-32", "latin-1"]),
                                                            errors="replace")
    return b"\n".join(lines)


def near_valid(rng: random.Random) -> bytes:
    records = [mutate_record(r, rng) if rng.random() < 0.5 else copy.deepcopy(r) for r in VALID]
    if rng.random() < 0.2:
        records = records[:rng.randrange(len(records) + 1)]
    text = "".join(json.dumps(r, ensure_ascii=rng.random() < 0.5) + "\n" for r in records)
    data = text.encode("utf-8", errors="surrogatepass")
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        data = damage_bytes(data, rng)
    return data


def test_the_valid_records_read_and_score():
    data = "".join(json.dumps(r) + "\n" for r in VALID).encode()
    result = read(data, allow_missing=False)
    assert result is not None and result.missing == []
    evaluate(GOLD, result.predictions, split="test", resamples=0)


@FUZZ
@given(st.binary(max_size=3000), st.booleans())
def test_arbitrary_bytes(data, allow_missing):
    read(data, allow_missing)


@FUZZ
@given(st.randoms(use_true_random=False), st.booleans())
def test_near_valid_json_lines(rng, allow_missing):
    result = read(near_valid(rng), allow_missing)
    if result is not None:  # whatever the reader accepts, the scorer scores
        evaluate(GOLD, result.predictions, split="test", resamples=0, missing=result.missing)


@settings(max_examples=150, derandomize=True, deadline=None, database=None, print_blob=False,
          suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(st.sampled_from(RAW_TOKENS), st.text(max_size=30).map(lambda t: t.encode("utf-8", "surrogatepass")),
                          st.sampled_from([json.dumps(r).encode() for r in VALID])), max_size=12), st.booleans())
def test_token_soup(parts, allow_missing):
    read(b"".join(parts), allow_missing)


def test_seeded_mutation_loop():
    """1,000 seeded near-valid files; a fair share must be accepted, so mutations stay near the edge."""
    rng = random.Random(20240607)
    accepted = 0
    for _ in range(1000):
        result = read(near_valid(rng), allow_missing=rng.random() < 0.5)
        accepted += result is not None
    assert 50 < accepted < 950
