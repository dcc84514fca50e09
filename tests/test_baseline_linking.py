"""The same-lemma entity-id baseline (kiwi_bench.baselines.linking), by hand-made cases."""

from __future__ import annotations

import pytest

from kiwi_bench.api.gold import split_documents
from kiwi_bench.baselines.linking import EntityLinker, normalise_surface
from kiwi_bench.systems.extractors import load_extractor, strip_annotations
from test_scoring_support import make_document


@pytest.mark.parametrize("surface, expected", [
    ("OpenAIs", "openai"), ("OpenAI", "openai"), ("Nvidias", "nvidia"), ("AWS", "aws"), ("Meta", "meta"),
    ("Sam  Altman", "sam altman"), ("McDonald’s", "mcdonald"), ("Google's", "google"), ("Ops", "ops"),
])
def test_normalise_surface(surface, expected):
    assert normalise_surface(surface) == expected


def test_known_surfaces_take_the_majority_gold_id_and_unknown_ones_their_own_key():
    doc = make_document("kiwi-000", ["Alphabet und Google und Google."], entities=[
        ("Alphabet", "ORG", "neutral"), ("Google", "ORG", "neutral", 0), ("Google", "ORG", "neutral", 1)])
    doc["entities"][0]["entity_id"] = "alphabet"
    doc["entities"][1]["entity_id"] = doc["entities"][2]["entity_id"] = "alphabet"
    linker = EntityLinker.from_documents([doc])
    assert linker.entity_id("Googles") == "alphabet"  # genitive stripped, then the gold id
    assert linker.entity_id("Alphabet") == "alphabet"
    assert linker.entity_id("Mistral") == "mistral"


def test_baselines_give_ids_on_every_entity():
    train, test = split_documents("train")[0], split_documents("test")[0]
    for name in ("rules", "crf"):
        system = load_extractor(name)
        system.fit(train)  # type: ignore[attr-defined]
        entities = [e for record in system.predict([strip_annotations(d) for d in test]) for e in record["entities"]]
        assert entities and all(isinstance(e["entity_id"], str) and e["entity_id"] for e in entities), name
