"""Generate the corpus of malformed and hostile prediction files for the test split, and its manifest.

    .venv/bin/python tests/bad_inputs/make_corpus.py        # rewrite cases/ and manifest.json

Every case is a prediction file for the real test split (kiwi-001, kiwi-003, kiwi-004; gold read,
never written, from dataset/source) and the exact outcome `kiwi-bench evaluate FILE --split test
--json` must produce: the exit code, and for exit 2 every problem line in order (line number,
field, a substring of the message), or for exit 0 the exact figures at some JSON paths of the
report. The expected figures are derived here from how each file is constructed (e.g. "every gold
entity plus one overlapping extra per entity: correct = N, spurious = N"), never by running the
scorer. Small files are written to cases/ and committed; three large ones (a 50 MB line, a line
over the 64 MiB limit, 100,000 nested brackets) are only described in the manifest and written by
`write_generated(directory)` at test time (tests/test_bad_inputs.py).

Decisions recorded in the manifest (see "decisions"): CRLF line ends and blank lines are legal (the
reader strips them; line numbers count every physical line), a float offset with no fractional part
(6.0) is a JSON Schema integer and legal, overlapping predicted entities are legal and scored by the
one-to-one alignment, and a repeated key in a JSON object is an error (json.loads would keep the
last value silently).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATASET = HERE.parents[1] / "dataset"
TEST_IDS = ("kiwi-001", "kiwi-003", "kiwi-004")
CASES = "cases"
GENERATED = "generated"


def load_gold() -> dict[str, dict]:
    """The gold documents of the test split, by id (read only)."""
    documents = {}
    for doc_id in TEST_IDS:
        document = json.loads((DATASET / "source" / f"{doc_id}.json").read_text(encoding="utf-8"))
        assert document["split"] == "test", doc_id
        documents[doc_id] = document
    return documents


GOLD = load_gold()
N_ENTITIES = sum(len(d["entities"]) for d in GOLD.values())


def gold_entity(item: dict, **changes) -> dict:
    return {"start": item["start"], "end": item["end"], "label": item["label"], "sentiment": item["sentiment"], **changes}


def gold_amount(item: dict) -> dict:
    return {key: item[key] for key in ("start", "end", "kind", "value", "currency", "unit", "qualifier", "per")}


def perfect(doc_id: str) -> dict:
    """The gold of one document as a prediction record (every layer)."""
    document = GOLD[doc_id]
    return {"id": doc_id, "entities": [gold_entity(e) for e in document["entities"]],
            "amounts": [gold_amount(a) for a in document["amounts"]],
            "sentences": [{"id": s["id"], "sentiment": s["sentiment"]} for s in document["sentences"]],
            "sentiment": document["sentiment"]}


def stub(doc_id: str) -> dict:
    """A small valid record: the document's first gold entity and its sentiment."""
    document = GOLD[doc_id]
    return {"id": doc_id, "entities": [gold_entity(document["entities"][0])], "sentiment": document["sentiment"]}


def dumps(record) -> str:
    return json.dumps(record, ensure_ascii=False)


def jsonl(*records, end: str = "\n") -> bytes:
    return "".join(dumps(r) + end for r in records).encode("utf-8")


def three(**replace) -> list:
    """Stub records of the three test documents; replace maps an id (with _ for -) to a record or raw line."""
    return [replace.get(doc_id.replace("-", "_"), stub(doc_id)) for doc_id in TEST_IDS]


def lines(*items) -> bytes:
    """JSON Lines from records (dicts) and raw lines (str, written as given)."""
    return "".join((item if isinstance(item, str) else dumps(item)) + "\n" for item in items).encode("utf-8")


def problem(line, field: str, message: str) -> dict:
    return {"line": str(line), "field": field, "message": message}


def missing(*doc_ids: str) -> dict:
    return problem("EOF", "id", f"{len(doc_ids)} document(s) of split test missing: {', '.join(doc_ids)}")


def with_entity(doc_id: str, **entity) -> dict:
    record = stub(doc_id)
    record["entities"] = [entity]
    return record


def with_amount(doc_id: str, amount: dict) -> dict:
    record = stub(doc_id)
    record["amounts"] = [amount]
    return record


def first_amount(doc_id: str, **changes) -> dict:
    return {**gold_amount(GOLD[doc_id]["amounts"][0]), **changes}


def length(doc_id: str) -> int:
    return len(GOLD[doc_id]["text"])


def counts(scheme: str, correct: int, incorrect: int, partial: int, missed: int, spurious: int) -> dict:
    """Expected SemEval counts of one entity scheme, with precision and recall from them."""
    possible, actual = correct + incorrect + partial + missed, correct + incorrect + partial + spurious
    credit = correct + 0.5 * partial
    precision = credit / actual if actual else 0.0
    recall = credit / possible if possible else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    prefix = f"entities.{scheme}."
    return {prefix + "correct": correct, prefix + "incorrect": incorrect, prefix + "partial": partial,
            prefix + "missed": missed, prefix + "spurious": spurious, prefix + "possible": possible,
            prefix + "actual": actual, prefix + "precision": precision, prefix + "recall": recall, prefix + "f1": f1}


PERFECT = {"entities.strict.f1": 1.0, "entities.exact.f1": 1.0, "entities.partial.f1": 1.0, "entities.type.f1": 1.0,
           "entities.strict.correct": N_ENTITIES, "entities.strict.spurious": 0,
           "entities.sentiment.end_to_end.f1": 1.0, "amounts.span.strict.f1": 1.0, "amounts.value.accuracy": 1.0,
           "amounts.end_to_end.f1": 1.0, "sentences.sentiment.accuracy": 1.0, "sentences.sentiment.macro_f1": 1.0,
           "documents.sentiment.accuracy": 1.0}


def overlap_extra() -> tuple[bytes, dict]:
    """Every gold entity exactly, plus one overlapping extra [start, end-1) per entity (legal)."""
    records = []
    for doc_id in TEST_IDS:
        entities = [gold_entity(e) for e in GOLD[doc_id]["entities"]]
        entities += [gold_entity(e, end=e["end"] - 1) for e in GOLD[doc_id]["entities"]]
        records.append({"id": doc_id, "entities": entities})
    n = N_ENTITIES
    expect = {}
    for scheme in ("strict", "exact", "partial", "type"):
        expect.update(counts(scheme, n, 0, 0, 0, n))
    return jsonl(*records), expect


def overlap_only() -> tuple[bytes, dict]:
    """Only overlapping spans: two around kiwi-001's first entity, one covering kiwi-003's first two."""
    e1 = GOLD["kiwi-001"]["entities"][0]
    a, b = GOLD["kiwi-003"]["entities"][:2]
    assert e1["end"] - e1["start"] >= 3 and a["label"] == b["label"]
    # A overlaps e1 by len-1 characters, B by len-2: A wins the same-label overlap tier, B is spurious.
    # C covers a and b (overlap len(a) and len(b)); ties go to the larger overlap, then to gold position.
    ab_tie = (a["end"] - a["start"]) >= (b["end"] - b["start"])
    assert ab_tie, "C must align with the first entity"
    records = [
        {"id": "kiwi-001", "entities": [{"start": e1["start"], "end": e1["end"] - 1, "label": e1["label"]},
                                        {"start": e1["start"] + 2, "end": e1["end"], "label": e1["label"]}]},
        {"id": "kiwi-003", "entities": [{"start": a["start"], "end": b["end"], "label": a["label"]}]},
        {"id": "kiwi-004", "entities": []},
    ]
    n = N_ENTITIES
    expect = {**counts("strict", 0, 2, 0, n - 2, 1), **counts("exact", 0, 2, 0, n - 2, 1),
              **counts("partial", 0, 0, 2, n - 2, 1), **counts("type", 2, 0, 0, n - 2, 1)}
    return jsonl(*records), expect


def span_free() -> tuple[bytes, dict]:
    """Every gold entity and amount without offsets (text + label; kind + value + currency)."""
    records = []
    for doc_id in TEST_IDS:
        document = GOLD[doc_id]
        records.append({"id": doc_id,
                        "entities": [{"text": e["text"], "label": e["label"], "sentiment": e["sentiment"]}
                                     for e in document["entities"]],
                        "amounts": [{"kind": a["kind"], "value": a["value"], "currency": a["currency"]}
                                    for a in document["amounts"]]})
    expect = {"entities.mode": "span-free", "entities.span_free.f1": 1.0, "entities.span_free.correct": N_ENTITIES,
              "entities.span_free.sentiment.end_to_end.f1": 1.0, "amounts.span_free.f1": 1.0,
              "entities.strict.f1": None, "amounts.span.strict.f1": None}
    return jsonl(*records), expect


def float_offsets() -> bytes:
    """The perfect prediction with every offset written as a float with no fraction (6.0)."""
    text = "".join(dumps(perfect(doc_id)) + "\n" for doc_id in TEST_IDS)
    for doc_id in TEST_IDS:
        for item in GOLD[doc_id]["entities"] + GOLD[doc_id]["amounts"]:
            for key in ("start", "end"):
                text = text.replace(f'"{key}": {item[key]},', f'"{key}": {item[key]}.0,')
    assert '.0, "end"' in text and '.0, "label"' in text
    return text.encode("utf-8")


def cases() -> list[dict]:
    """Every small case: file name, bytes, what it is, and the outcome."""
    l1, l3, l4 = length("kiwi-001"), length("kiwi-003"), length("kiwi-004")
    e1 = GOLD["kiwi-001"]["entities"][0]
    overlap_extra_bytes, overlap_extra_expect = overlap_extra()
    overlap_only_bytes, overlap_only_expect = overlap_only()
    span_free_bytes, span_free_expect = span_free()
    perfect_bytes = jsonl(*(perfect(doc_id) for doc_id in TEST_IDS))
    n_sentences_001 = len(GOLD["kiwi-001"]["sentences"])
    out = [
        # ---- framing and encoding
        ("invalid-json", lines(stub("kiwi-001"), '{"id": "kiwi-003", "entities": [}', stub("kiwi-004")),
         "a syntax error on line 2; its document is then also missing",
         [problem(2, "$", "invalid JSON: Expecting value (column 33)"), missing("kiwi-003")]),
        ("truncated-last-line", jsonl(stub("kiwi-001"), stub("kiwi-003")) + b'{"id": "kiwi-004", "entities": [{"start": 41, "end"',
         "the last line is cut off mid-record with no final newline",
         [problem(3, "$", "invalid JSON: Expecting ':' delimiter"), missing("kiwi-004")]),
        ("bom", b"\xef\xbb\xbf" + jsonl(*three()), "UTF-8 with a byte order mark (fatal, first problem only)",
         [problem(1, "encoding", "the file starts with a UTF-8 byte order mark (BOM)")]),
        ("utf16-bom", "".join(dumps(r) + "\n" for r in three()).encode("utf-16"), "UTF-16 with its BOM",
         [problem(1, "encoding", "the file is UTF-16; save it as UTF-8")]),
        ("utf16le-no-bom", "".join(dumps(r) + "\n" for r in three()).encode("utf-16-le"), "UTF-16 without BOM",
         [problem(1, "encoding", "NUL bytes found")]),
        ("invalid-utf8", jsonl(stub("kiwi-001")) + b'{"id": "kiwi-003", "sentiment": "mixed\xff"}\n' + jsonl(stub("kiwi-004")),
         "an invalid UTF-8 byte on line 2 (that line is skipped, so its document is missing)",
         [problem(2, "encoding", "invalid UTF-8 at byte 38 of the line"), missing("kiwi-003")]),
        ("crlf", jsonl(*(perfect(doc_id) for doc_id in TEST_IDS), end="\r\n"),
         "CRLF line ends are legal: the perfect prediction scores 1 everywhere", PERFECT),
        ("cr-only", jsonl(*three(), end="\r"),
         "classic Mac CR-only line ends: one physical line holding three objects",
         [problem(1, "$", "invalid JSON: Extra data"), missing(*TEST_IDS)]),
        ("empty", b"", "an empty file: every document missing", [missing(*TEST_IDS)]),
        ("empty-allow-missing", b"", "an empty file with --allow-missing: scored as empty, layers not predicted",
         {"missing_documents": list(TEST_IDS), "entities.status": "not predicted", "entities.strict.f1": None,
          "documents.sentiment.accuracy": None}, ["--allow-missing"]),
        ("blank-lines-only", b"\n  \n\t\n\r\n", "only blank lines (skipped): every document missing", [missing(*TEST_IDS)]),
        ("blank-lines-between", b"\n\n" + jsonl(perfect("kiwi-001")) + b"   \n\n" + jsonl(perfect("kiwi-003"), perfect("kiwi-004")) + b"\n\n",
         "blank lines between records are skipped: perfect scores", PERFECT),
        ("blank-lines-then-error", b"\n\n" + jsonl(stub("kiwi-001")) + b"\n\n" + lines(with_entity("kiwi-003", start=0, end=l3 + 1, label="ORG"), stub("kiwi-004")),
         "line numbers count blank lines: the error is on physical line 6",
         [problem(6, "entities[0].end", f"{l3 + 1} is outside the text (length {l3})")]),
        ("json-array-one-line", json.dumps(three()).encode("utf-8") + b"\n", "a JSON array of the records on one line",
         [problem(1, "$", "expected one JSON object per line (JSON Lines), found a JSON array"), missing(*TEST_IDS)]),
        ("json-array-pretty", ("[\n" + ",\n".join(dumps(r) for r in three()) + "\n]\n").encode("utf-8"),
         "a JSON array with one record per line and commas (the last record, without a comma, is read)",
         [problem(1, "$", "this looks like a JSON array"), problem(2, "$", "invalid JSON: Extra data"),
          problem(3, "$", "invalid JSON: Extra data"), problem(5, "$", "this looks like a JSON array"),
          missing("kiwi-001", "kiwi-003")]),
        ("pretty-printed-object", (json.dumps({"id": "kiwi-001"}, indent=2) + "\n").encode("utf-8") + jsonl(stub("kiwi-003"), stub("kiwi-004")),
         "one record pretty-printed over three lines",
         [problem(1, "$", "invalid JSON: Expecting property name enclosed in double quotes"),
          problem(2, "$", "invalid JSON: Extra data"), problem(3, "$", "invalid JSON: Expecting value"),
          missing("kiwi-001")]),
        ("record-not-object", lines(stub("kiwi-001"), '"kiwi-003"', stub("kiwi-004")), "a JSON string instead of an object",
         [problem(2, "$", "'kiwi-003' is not of type 'object'"), missing("kiwi-003")]),
        ("record-null", lines(stub("kiwi-001"), "null", stub("kiwi-003"), "42", stub("kiwi-004")), "null and a number as records",
         [problem(2, "$", "None is not of type 'object'"), problem(4, "$", "42 is not of type 'object'")]),
        ("duplicate-key", lines(stub("kiwi-001"), '{"id": "kiwi-003", "entities": [{"start": 8, "end": 14, "label": "ORG"}], "entities": []}', stub("kiwi-004")),
         "a repeated key (json.loads would silently keep the last, empty, list)",
         [problem(2, "$", "duplicate key 'entities' in a JSON object"), missing("kiwi-003")]),
        # ---- document ids
        ("unknown-id", jsonl(*three(), {"id": "kiwi-999"}), "an id that is no document of the corpus",
         [problem(4, "id", "'kiwi-999' is not a document of split test")]),
        ("id-of-other-split", jsonl(*three(), {"id": "kiwi-000"}), "an id of the train split",
         [problem(4, "id", "'kiwi-000' is not a document of split test (it belongs to split train)")]),
        ("duplicate-id", jsonl(*three(), stub("kiwi-001")), "the same document twice",
         [problem(4, "id", "duplicate document 'kiwi-001' (first at line 1)")]),
        ("missing-document", jsonl(stub("kiwi-001"), stub("kiwi-003")), "a document of the split is absent",
         [missing("kiwi-004")]),
        ("missing-document-allowed", jsonl(perfect("kiwi-001"), perfect("kiwi-003")),
         "--allow-missing scores the absent document as empty (recall drops, precision stays 1)",
         {"missing_documents": ["kiwi-004"], "entities.strict.precision": 1.0,
          "entities.strict.missed": len(GOLD["kiwi-004"]["entities"]),
          "entities.strict.correct": N_ENTITIES - len(GOLD["kiwi-004"]["entities"])}, ["--allow-missing"]),
        ("id-not-string", jsonl(stub("kiwi-001"), stub("kiwi-003"), {"id": 4}), "a number as id",
         [problem(3, "id", "4 is not of type 'string'"), missing("kiwi-004")]),
        ("id-empty", jsonl(*three(), {"id": ""}), "an empty id", [problem(4, "id", "'' should be non-empty")]),
        ("id-missing", jsonl(*three(), {"entities": []}), "a record without id",
         [problem(4, "$", "'id' is a required property")]),
        ("id-hostile", lines(*three(), '{"id": "\\ud800\\n' + "x" * 5000 + '"}'),
         "a 5,000-character id with a lone surrogate and a newline: echoed escaped and clipped, on one line",
         [problem(4, "id", "'\\ud800\\nxxxx")]),
        # ---- spans
        ("span-end-out-of-range", jsonl(*three(kiwi_001=with_entity("kiwi-001", start=l1 - 3, end=l1 + 1, label="ORG"))),
         "end one past the text", [problem(1, "entities[0].end", f"{l1 + 1} is outside the text (length {l1})")]),
        ("span-start-out-of-range", jsonl(*three(kiwi_004=with_entity("kiwi-004", start=l4 + 5, end=l4 + 9, label="ORG"))),
         "a span entirely after the text", [problem(3, "entities[0].end", f"{l4 + 9} is outside the text (length {l4})")]),
        ("span-end-equals-length", jsonl(*three(kiwi_001=with_entity("kiwi-001", start=l1 - 1, end=l1, label="MISC"))),
         "end == len(text) is legal (half-open): one spurious MISC beside the two stub entities",
         counts("strict", 2, 0, 0, N_ENTITIES - 2, 1)),
        ("negative-offset", jsonl(*three(kiwi_003=with_entity("kiwi-003", start=-1, end=4, label="ORG"))), "start -1",
         [problem(2, "entities[0].start", "-1 is less than the minimum of 0")]),
        ("start-equals-end", jsonl(*three(kiwi_001=with_entity("kiwi-001", start=6, end=6, label="ORG"))), "an empty span",
         [problem(1, "entities[0]", "start 6 >= end 6 (spans are half-open [start, end))")]),
        ("start-greater-than-end", jsonl(*three(kiwi_001=with_entity("kiwi-001", start=6, end=0, label="ORG"))), "a reversed span",
         [problem(1, "entities[0]", "start 6 >= end 0")]),
        ("float-offset", jsonl(*three(kiwi_001=with_entity("kiwi-001", start=0.5, end=6, label="ORG"))), "a fractional offset",
         [problem(1, "entities[0].start", "0.5 is not of type 'integer'")]),
        ("float-offsets-integral", float_offsets(), "offsets written 6.0: JSON Schema integers, legal, scored as ints", PERFECT),
        ("offset-as-string", jsonl(*three(kiwi_001=with_entity("kiwi-001", start="0", end="6", label="ORG"))), "offsets as strings",
         [problem(1, "entities[0].start", "'0' is not of type 'integer'")]),
        ("offset-as-bool", jsonl(*three(kiwi_001=with_entity("kiwi-001", start=True, end=6, label="ORG"))), "true as offset",
         [problem(1, "entities[0].start", "True is not of type 'integer'")]),
        ("offset-huge-int", lines(stub("kiwi-001"), '{"id": "kiwi-003", "entities": [{"start": 0, "end": 1' + "0" * 400 + ', "label": "ORG"}]}', stub("kiwi-004")),
         "end = 10**400 as an integer literal", [problem(2, "entities[0].end", f"is outside the text (length {l3})")]),
        ("amount-span-out-of-range", jsonl(*three(kiwi_003=with_amount("kiwi-003", first_amount("kiwi-003", end=l3 + 10)))),
         "an amount span past the text", [problem(2, "amounts[0].end", f"{l3 + 10} is outside the text (length {l3})")]),
        ("amount-half-span", jsonl(*three(kiwi_003=with_amount("kiwi-003", {k: v for k, v in first_amount("kiwi-003").items() if k != "end"}))),
         "an amount with start but no end", [problem(2, "amounts[0]", "'end' is a required property")]),
        # ---- labels, kinds, enumerations
        ("unknown-label", jsonl(*three(kiwi_001=with_entity("kiwi-001", start=0, end=6, label="COMPANY"))), "label COMPANY",
         [problem(1, "entities[0].label", "unknown label 'COMPANY' (expected one of LOC, MISC, ORG, PER, PRODUCT)")]),
        ("lowercase-label", jsonl(*three(kiwi_001=with_entity("kiwi-001", start=0, end=6, label="org"))), "label org",
         [problem(1, "entities[0].label", "unknown label 'org'")]),
        ("unknown-kind", jsonl(*three(kiwi_001=with_amount("kiwi-001", first_amount("kiwi-001", kind="currency")))), "kind currency",
         [problem(1, "amounts[0].kind", "'currency' is not one of ['money', 'count', 'percent']")]),
        ("unknown-entity-sentiment", jsonl(*three(kiwi_001=with_entity("kiwi-001", start=0, end=6, label="ORG", sentiment="mixed"))),
         "entity sentiment mixed (only sentences and documents have it)",
         [problem(1, "entities[0].sentiment", "'mixed' is not one of ['positive', 'negative', 'neutral']")]),
        ("unknown-sentence-sentiment", jsonl(*three(kiwi_001={"id": "kiwi-001", "sentences": [{"id": "s1", "sentiment": "good"}]})),
         "sentence sentiment good", [problem(1, "sentences[0].sentiment", "'good' is not one of")]),
        ("capitalised-document-sentiment", jsonl(*three(kiwi_004={"id": "kiwi-004", "sentiment": "Mixed"})), "sentiment Mixed",
         [problem(3, "sentiment", "'Mixed' is not one of ['positive', 'negative', 'neutral', 'mixed']")]),
        ("lowercase-currency", jsonl(*three(kiwi_003=with_amount("kiwi-003", first_amount("kiwi-003", currency="usd")))), "currency usd",
         [problem(2, "amounts[0].currency", "'usd' is not valid under any of the given schemas")]),
        # ---- numbers
        ("nan", lines(stub("kiwi-001"), '{"id": "kiwi-003", "amounts": [{"kind": "money", "value": NaN, "currency": "USD"}]}', stub("kiwi-004")),
         "NaN as a value", [problem(2, "$", "NaN is not valid JSON (values must be finite numbers)"), missing("kiwi-003")]),
        ("infinity", lines(stub("kiwi-001"), '{"id": "kiwi-003", "amounts": [{"kind": "money", "value": Infinity, "currency": null}]}',
                           '{"id": "kiwi-004", "amounts": [{"kind": "count", "value": -Infinity, "currency": null}]}'),
         "Infinity and -Infinity", [problem(2, "$", "Infinity is not valid JSON"), problem(3, "$", "-Infinity is not valid JSON"),
                                     missing("kiwi-003", "kiwi-004")]),
        ("float-overflow", lines(stub("kiwi-001"), stub("kiwi-003"), '{"id": "kiwi-004", "amounts": [{"kind": "count", "value": 1e400, "currency": null}]}'),
         "1e400 (a float literal that overflows)", [problem(3, "$", "1e400 is not valid JSON"), missing("kiwi-004")]),
        ("int-overflow", lines(stub("kiwi-001"), stub("kiwi-003"), '{"id": "kiwi-004", "amounts": [{"kind": "count", "value": 1' + "0" * 400 + ', "currency": null}]}'),
         "10**400 as an integer literal", [problem(3, "amounts[0].value", "not a finite number (too large for a float)")]),
        ("int-too-many-digits", lines(stub("kiwi-001"), stub("kiwi-003"), '{"id": "kiwi-004", "amounts": [{"kind": "count", "value": 1' + "0" * 5000 + ', "currency": null}]}'),
         "an integer literal of 5,001 digits (over Python's int parsing limit)", [problem(3, "$", "invalid JSON"), missing("kiwi-004")]),
        ("value-string-with-commas", jsonl(*three(kiwi_001=with_amount("kiwi-001", first_amount("kiwi-001", value="38,000,000,000")))),
         "value as a string with thousands separators", [problem(1, "amounts[0].value", "'38,000,000,000' is not of type 'number'")]),
        ("value-decimal-comma", lines(stub("kiwi-001"), stub("kiwi-003"), '{"id": "kiwi-004", "amounts": [{"kind": "percent", "value": 33,3, "currency": null}]}'),
         "a decimal comma in a bare number", [problem(3, "$", "invalid JSON: Expecting property name enclosed in double quotes"), missing("kiwi-004")]),
        ("value-bool", jsonl(*three(kiwi_001=with_amount("kiwi-001", first_amount("kiwi-001", value=True)))), "true as value",
         [problem(1, "amounts[0].value", "True is not of type 'number'")]),
        # ---- structure
        ("extra-field-top", jsonl(*three(kiwi_003={**stub("kiwi-003"), "confidence": 0.9})), "an unknown top-level key",
         [problem(2, "$", "Additional properties are not allowed ('confidence' was unexpected)")]),
        ("extra-field-entity", jsonl(*three(kiwi_003=with_entity("kiwi-003", start=8, end=14, label="ORG", score=0.9))),
         "an unknown key in an entity", [problem(2, "entities[0]", "Additional properties are not allowed ('score' was unexpected)")]),
        ("layer-not-a-list", jsonl(*three(kiwi_001={"id": "kiwi-001", "entities": {"0": {"start": 0, "end": 6, "label": "ORG"}}})),
         "entities as an object", [problem(1, "entities", "is not of type 'array'")]),
        ("layer-null", jsonl(*three(kiwi_001={"id": "kiwi-001", "entities": None})), "entities null (omit the key instead)",
         [problem(1, "entities", "None is not of type 'array'")]),
        ("nested-garbage", jsonl(*three(kiwi_004={"id": "kiwi-004", "entities": [{"start": 41, "end": 48, "label": "PRODUCT"}, [[{"start": [0]}], None]]})),
         "lists and nulls nested where an entity belongs", [problem(3, "entities[1]", "is not of type 'object'")]),
        ("nested-garbage-offset", jsonl(*three(kiwi_004=with_entity("kiwi-004", start={"value": 41, "unit": [["chars"]]}, end=48, label="PRODUCT"))),
         "an object as offset", [problem(3, "entities[0].start", "is not of type 'integer'")]),
        ("first-bad-item-of-many", jsonl(*three(kiwi_001={"id": "kiwi-001", "entities": [gold_entity(e) for e in GOLD["kiwi-001"]["entities"]] * 20 + [{"start": 0, "end": 6, "label": "ORG", "sentiment": "happy"}]})),
         "many valid entities and one invalid: the right index, without a slow full jsonschema pass",
         [problem(1, f"entities[{20 * len(GOLD['kiwi-001']['entities'])}].sentiment", "'happy' is not one of")]),
        ("many-problems", jsonl(*three(kiwi_001={"id": "kiwi-001", "entities": [{"start": l1 + k, "end": l1 + k + 1, "label": "ORG"} for k in range(80)]})),
         "80 bad spans in one record: 50 problems, then one line saying the reader stopped",
         [problem(1, f"entities[{k}].end", f"{l1 + k + 1} is outside the text") for k in range(50)]
         + [problem(1, "file", "stopped after 50 problems")]),
        # ---- sentences
        ("sentence-id-unknown", jsonl(*three(kiwi_001={"id": "kiwi-001", "sentences": [{"id": "s999", "sentiment": "neutral"}]})),
         "a sentence id the document does not have",
         [problem(1, "sentences[0].id", f"no sentence 's999' in kiwi-001 (it has s1..s{n_sentences_001})")]),
        ("sentence-id-bad-pattern", jsonl(*three(kiwi_001={"id": "kiwi-001", "sentences": [{"id": "s0", "sentiment": "neutral"}]})),
         "sentence id s0", [problem(1, "sentences[0].id", "'s0' does not match '^s[1-9][0-9]*$'")]),
        ("sentence-id-duplicate", jsonl(*three(kiwi_001={"id": "kiwi-001", "sentences": [{"id": "s2", "sentiment": "neutral"}] * 2})),
         "the same sentence twice", [problem(1, "sentences[1].id", "duplicate sentence 's2'")]),
        # ---- span-based and span-free
        ("mixed-modes-in-record", jsonl(*three(kiwi_001={"id": "kiwi-001", "entities": [gold_entity(e1), {"text": "Amazon", "label": "ORG"}]})),
         "span-based and span-free entities in one list",
         [problem(1, "entities[1]", "span-free item in a span layer (the layer is span since line 1")]),
        ("mixed-modes-across-lines", jsonl(*three(kiwi_001={"id": "kiwi-001", "entities": [{"text": e1["text"], "label": e1["label"]}]})),
         "span-free on line 1, span-based stubs on lines 2 and 3",
         [problem(2, "entities[0]", "span item in a span-free layer (the layer is span-free since line 1"),
          problem(3, "entities[0]", "span item in a span-free layer")]),
        ("mixed-amount-modes", jsonl(*three(kiwi_001=with_amount("kiwi-001", first_amount("kiwi-001")) | {"amounts": [first_amount("kiwi-001"), {"kind": "money", "value": 1, "currency": "USD"}]})),
         "a span-free amount after a span-based one", [problem(1, "amounts[1]", "span-free item in a span layer")]),
        # ---- legal and scored
        ("perfect", perfect_bytes, "the gold as a prediction: 1 everywhere", PERFECT),
        ("overlapping-extra", overlap_extra_bytes, "every gold entity plus an overlapping extra each (legal)", overlap_extra_expect),
        ("overlapping-only", overlap_only_bytes, "only overlapping spans: partial/type credit, no strict match", overlap_only_expect),
        ("span-free", span_free_bytes, "every gold item without offsets", span_free_expect),
        ("empty-layers", jsonl(*({"id": doc_id, "entities": []} for doc_id in TEST_IDS)),
         "entities predicted as empty lists: 0, not null; amounts not predicted",
         {**counts("strict", 0, 0, 0, N_ENTITIES, 0), "amounts.status": "not predicted", "amounts.span.strict.f1": None}),
        ("hostile-unicode-text", lines(json.dumps({"id": "kiwi-001", "entities": [{"text": "\ud800", "label": "ORG"},
                                                                             {"text": "\u202e\U0001F4B0\x00", "label": "MISC"}]}),
                                       *({"id": doc_id, "entities": []} for doc_id in TEST_IDS[1:])),
         "span-free texts with a lone surrogate, a bidi override, an emoji and NUL (escaped in JSON): scored, spurious",
         {"entities.span_free.actual": 2, "entities.span_free.correct": 0, "entities.span_free.possible": N_ENTITIES}),
    ]
    return out


# ---- large files, written at test time ------------------------------------------------------------

def _many_entities_line(target_bytes: int) -> tuple[str, int]:
    """kiwi-001 with its gold entities and enough duplicated overlapping extras to fill target_bytes."""
    gold = GOLD["kiwi-001"]["entities"]
    exact = [dumps(gold_entity(e)) for e in gold]
    extras = [dumps({"start": e["start"], "end": e["end"] - 1, "label": e["label"]}) for e in gold]
    head, tail = '{"id": "kiwi-001", "entities": [' + ", ".join(exact), "]}"
    per_round = sum(len(x) + 2 for x in extras)
    rounds = max(1, (target_bytes - len(head) - len(tail)) // per_round)
    line = head + (", " + ", ".join(extras)) * rounds + tail
    return line, rounds * len(extras)


def write_generated(directory: Path) -> dict[str, Path]:
    """Write the large cases into `directory`; name -> path."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    line, extras = _many_entities_line(50 * 10**6)
    body = [line] + [dumps(perfect(doc_id)) for doc_id in TEST_IDS[1:]]
    paths["line-50mb"] = directory / "line-50mb.jsonl"
    paths["line-50mb"].write_text("\n".join(body) + "\n", encoding="utf-8")
    assert extras == generated_extras(), (extras, generated_extras())
    paths["line-over-64mib"] = directory / "line-over-64mib.jsonl"
    with paths["line-over-64mib"].open("wb") as stream:
        stream.write(jsonl(stub("kiwi-001")))
        stream.write(b'{"id": "kiwi-003", "x": "' + b"a" * (65 * 2**20) + b'"}\n')
        stream.write(jsonl(stub("kiwi-004")))
    paths["deep-nesting"] = directory / "deep-nesting.jsonl"
    paths["deep-nesting"].write_bytes(b'{"id": "kiwi-001", "entities": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
                                      + jsonl(stub("kiwi-003"), stub("kiwi-004")))
    return paths


def generated_extras() -> int:
    """How many overlapping extras the 50 MB line holds (from its construction)."""
    gold = GOLD["kiwi-001"]["entities"]
    head = '{"id": "kiwi-001", "entities": [' + ", ".join(dumps(gold_entity(e)) for e in gold)
    per_round = sum(len(dumps({"start": e["start"], "end": e["end"] - 1, "label": e["label"]})) + 2 for e in gold)
    return max(1, (50 * 10**6 - len(head) - 2) // per_round) * len(gold)


def generated_cases() -> list[dict]:
    extras = generated_extras()
    sentences = {doc_id: len(GOLD[doc_id]["sentences"]) for doc_id in TEST_IDS}
    expect = {**counts("strict", N_ENTITIES, 0, 0, 0, extras), "entities.type.correct": N_ENTITIES,
              "amounts.span.strict.recall": 1 - len(GOLD["kiwi-001"]["amounts"]) / sum(len(d["amounts"]) for d in GOLD.values()),
              "sentences.sentiment.accuracy": (sentences["kiwi-003"] + sentences["kiwi-004"]) / sum(sentences.values())}
    return [
        {"file": f"{GENERATED}/line-50mb.jsonl", "generated": True, "exit": 0,
         "what": f"a 50 MB first line: kiwi-001's gold entities plus {extras} overlapping extras (all spurious)",
         "expect": expect},
        {"file": f"{GENERATED}/line-over-64mib.jsonl", "generated": True, "exit": 2,
         "what": "a line longer than the 64 MiB limit (fatal)",
         "problems": [problem(2, "line", "longer than 64 MiB")]},
        {"file": f"{GENERATED}/deep-nesting.jsonl", "generated": True, "exit": 2,
         "what": "100,000 nested brackets: no RecursionError reaches the user",
         "problems": [problem(1, "$", "invalid JSON: nested too deeply"), missing("kiwi-001")]},
    ]


DECISIONS = {
    "crlf": "legal: the reader reads bytes line by line and JSON allows \\r as white space; see case crlf",
    "blank lines": "legal and skipped; line numbers in messages count every physical line",
    "cr-only line ends": "not a line break (JSON Lines splits on \\n): the whole file is one line, invalid JSON",
    "integral float offsets": "6.0 is a JSON Schema integer: legal, scored as 6",
    "overlapping predictions": "legal: scored by the one-to-one alignment (docs/scoring.md), extras are spurious",
    "duplicate keys": "an error: json.loads keeps the last value, which would change the score silently",
    "encoding errors": "a BOM, UTF-16 or NUL bytes stop the reader at once (one problem); invalid UTF-8 "
                       "is reported per line and the reader goes on",
    "after an error": "a line that is not valid JSON has no id, so its document is also reported missing",
    "long messages": "messages are clipped to 400 characters, so a hostile value is never echoed whole",
}


def manifest() -> dict:
    entries = []
    for name, data, what, outcome, *args in cases():
        entry = {"file": f"{CASES}/{name}.jsonl", "what": what}
        if args:
            entry["args"] = args[0]
        if isinstance(outcome, list):
            entry.update({"exit": 2, "problems": outcome})
        else:
            entry.update({"exit": 0, "expect": outcome})
        entries.append(entry)
    return {
        "description": "Malformed and hostile prediction files for the test split and the exact outcome of "
                       "`kiwi-bench evaluate FILE --split test --json [args]`. For exit 2, `problems` lists every "
                       "stderr line in order: `FILE:line: field: message` with `message` a substring. For exit 0, "
                       "`expect` maps JSON paths of the report to exact values (floats to 1e-12). Regenerate with "
                       "`python tests/bad_inputs/make_corpus.py`.",
        "gold_entities": N_ENTITIES,
        "decisions": DECISIONS,
        "cases": entries + generated_cases(),
    }


def main() -> int:
    folder = HERE / CASES
    folder.mkdir(exist_ok=True)
    names = set()
    for name, data, *_ in cases():
        assert name not in names, name
        names.add(name)
        path = folder / f"{name}.jsonl"
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    for stale in folder.glob("*.jsonl"):
        if stale.stem not in names:
            stale.unlink()
    text = json.dumps(manifest(), indent=1, ensure_ascii=False) + "\n"
    (HERE / "manifest.json").write_text(text, encoding="utf-8")
    print(f"{len(names)} files in {folder}, {len(generated_cases())} generated at test time; manifest.json written",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
