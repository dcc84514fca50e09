"""The contrast items' intended gold is well formed: every rule the authoring brief states, checked by code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kiwi_bench.annotation.contrast import blind_sessions
from kiwi_bench.annotation.decisions import find_surface
from kiwi_bench.core.labels import AMOUNT_KINDS, ENTITY_LABELS, ENTITY_SENTIMENTS, PERIODS, QUALIFIERS, SENTENCE_SENTIMENTS
from kiwi_bench.corpus.contrast import EDIT_TYPES as EDIT_TYPES_TUPLE
from kiwi_bench.corpus.contrast import MAX_EDIT_DISTANCE, edit_distance
from kiwi_bench.corpus.documents import load_documents

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "dataset" / "annotation" / "contrast" / "intended"
EDIT_TYPES = set(EDIT_TYPES_TUPLE)


def base_gold() -> dict[tuple[str, str], tuple[str, dict]]:
    """(document, sentence) -> (language, the sentence's gold in the items' surface format)."""
    table = {}
    for document in load_documents(ROOT / "dataset", "test"):
        for sentence in document["sentences"]:
            def inside(item, s=sentence):
                return s["start"] <= item["start"] < s["end"]
            table[(document["id"], sentence["id"])] = (document["language"], {
                "text": sentence["text"], "sentiment": sentence["sentiment"],
                "entities": [{k: e[k] for k in ("text", "label", "entity_id", "sentiment")} for e in document["entities"] if inside(e)],
                "amounts": [{k: a[k] for k in ("text", "kind", "value", "currency", "unit", "qualifier", "per")}
                            for a in document["amounts"] if inside(a)]})
    return table


ITEMS = [json.loads(line) for path in sorted(FOLDER.glob("items-*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines()]
BASES = base_gold()


def test_ids_are_unique_and_name_their_base():
    assert len({item["id"] for item in ITEMS}) == len(ITEMS) > 0
    for item in ITEMS:
        base = (item["base"]["document"], item["base"]["sentence"])
        assert base in BASES, item["id"]
        assert re.fullmatch(rf"{base[0]}-{base[1]}-c\d+", item["id"]), item["id"]
        assert item["language"] == BASES[base][0]
        assert item["edit_type"] in EDIT_TYPES and item["edit"].strip()


def test_every_bundle_has_its_original():
    bundles = {item["id"].rsplit("-c", 1)[0] for item in ITEMS}
    originals = {item["id"].rsplit("-c", 1)[0] for item in ITEMS if item["edit_type"] == "original"}
    assert bundles == originals


@pytest.mark.parametrize("item", [i for i in ITEMS if i["edit_type"] == "original"], ids=lambda i: i["id"])
def test_an_original_equals_its_base_sentence_and_gold(item):
    gold = BASES[(item["base"]["document"], item["base"]["sentence"])][1]
    assert {k: item[k] for k in gold} == gold


def test_edits_are_small_and_change_the_text():
    for item in ITEMS:
        if item["edit_type"] != "original":
            distance = edit_distance(item["text"], BASES[(item["base"]["document"], item["base"]["sentence"])][1]["text"])
            assert 0 < distance <= MAX_EDIT_DISTANCE, (item["id"], distance)


def test_labels_attributes_and_surfaces():
    for item in ITEMS:
        assert item["sentiment"] in SENTENCE_SENTIMENTS, item["id"]
        for layer in ("entities", "amounts"):
            cursor = 0
            for mention in item[layer]:
                found = find_surface(item["text"], mention["text"], cursor, len(item["text"]))
                assert found is not None, (item["id"], mention["text"])
                cursor = found + len(mention["text"])
        for entity in item["entities"]:
            assert entity["label"] in ENTITY_LABELS and entity["sentiment"] in ENTITY_SENTIMENTS, item["id"]
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entity["entity_id"]), item["id"]
        for amount in item["amounts"]:
            assert amount["kind"] in AMOUNT_KINDS and amount["qualifier"] in QUALIFIERS, item["id"]
            assert amount["per"] is None or amount["per"] in PERIODS, item["id"]
            assert type(amount["value"]) in (int, float), item["id"]
            assert amount["currency"] is None or amount["kind"] == "money", item["id"]
            assert amount["unit"] is None or amount["kind"] == "count", item["id"]


def _reference_levenshtein(a: str, b: str) -> int:
    """The textbook dynamic programme, without the prefix/suffix shortcut of the one under test."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def test_the_edit_distance_is_levenshtein():
    import random

    assert edit_distance("kitten", "sitting") == 3  # the textbook example
    assert edit_distance("", "abc") == 3 and edit_distance("abc", "abc") == 0
    assert edit_distance("aXbXa", "aXa") == 2  # the common prefix/suffix must not be shared by both ends
    rng = random.Random(13)
    for _ in range(300):
        a = "".join(rng.choice("abX ") for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice("abX ") for _ in range(rng.randint(0, 9)))
        assert edit_distance(a, b) == _reference_levenshtein(a, b), (a, b)


CONTRAST = ROOT / "dataset" / "annotation" / "contrast"
SESSIONS = [path.parent for path in blind_sessions(CONTRAST)]


def _given(session):
    return [json.loads(line) for line in (session / "given" / "items.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("session", SESSIONS, ids=lambda path: path.name)
def test_each_blind_session_was_given_only_item_texts_and_its_hashes_match(session):
    import hashlib

    given = _given(session)
    texts = {item["id"]: item["text"] for item in ITEMS}
    assert all(set(item) == {"id", "language", "text"} for item in given)
    assert all(texts[item["id"]] == item["text"] for item in given)
    rows = re.findall(r"^\| `([^`]+)`[^|]*\| `([0-9a-f]{64})` \|", (session / "PROVENANCE.md").read_text(encoding="utf-8"), re.M)
    assert len(rows) >= 3
    for name, digest in rows:
        assert hashlib.sha256((session / name).resolve().read_bytes()).hexdigest() == digest, name


def test_the_blind_sessions_together_cover_every_item_once():
    given = [item["id"] for session in SESSIONS for item in _given(session)]
    assert sorted(given) == sorted(item["id"] for item in ITEMS)


@pytest.mark.parametrize("session", SESSIONS, ids=lambda path: path.name)
def test_each_blind_session_answers_its_items_once_with_surfaces_found(session):
    blind = [json.loads(line) for line in (session / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = {item["id"]: item["text"] for item in ITEMS}
    assert sorted(item["id"] for item in blind) == sorted(item["id"] for item in _given(session))
    for item in blind:
        for layer in ("entities", "amounts"):
            cursor = 0
            for mention in item[layer]:
                found = find_surface(texts[item["id"]], mention["text"], cursor, len(texts[item["id"]]))
                assert found is not None, (item["id"], mention["text"])
                cursor = found + len(mention["text"])
