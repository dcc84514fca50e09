"""The viewer's entity-id table names split and merged referents (hand-made alignment)."""

from __future__ import annotations

from kiwi_bench.reporting.viewer import entity_id_rows
from test_scoring_support import make_document


def _document():
    doc = make_document("kiwi-001", ["OpenAI und OpenAI.", "Nvidia und AMD."], entities=[
        ("OpenAI", "ORG", "neutral", 0), ("OpenAI", "ORG", "neutral", 1), ("Nvidia", "ORG", "neutral"),
        ("AMD", "ORG", "neutral")])
    return doc


def test_split_merged_and_one_cluster():
    doc = _document()
    predicted = [{"entity_id": "o1"}, {"entity_id": "o2"}, {"entity_id": "chips"}, {"entity_id": "chips"}]
    rows = {row["entity_id"]: row for row in entity_id_rows(doc, (), alignment=[0, 1, 2, 3], predicted=predicted)}
    assert rows["openai"]["split"] and rows["openai"]["split_ids"] == 2 and rows["openai"]["merged_with"] == []
    assert not rows["nvidia"]["split"] and rows["nvidia"]["merged_with"] == ["amd"]
    assert rows["amd"]["merged_with"] == ["nvidia"]
    alone = {row["entity_id"]: row for row in entity_id_rows(doc, (), alignment=[0, 1, -1, 3],
                                                            predicted=[{"entity_id": "o"}, {"entity_id": "o"}, {}, {"entity_id": "a"}])}
    assert not alone["openai"]["split"] and alone["openai"]["merged_with"] == []
    assert alone["nvidia"]["predicted"] == [("missed", 1)]
