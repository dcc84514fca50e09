"""Every name and numeral of the gold is annotated or excluded with a reviewed reason."""

from __future__ import annotations

from kiwi_bench.corpus.coverage import candidates, load_exclusions, stale_exclusions, unreviewed
from kiwi_bench.corpus.documents import load_documents
from kiwi_test_paths import DATASET

TEXT = "Google und Meta zahlen 5 Mio. Euro. Meta wächst."


def _document(entities, amounts):
    return {"id": "kiwi-009", "language": "de", "text": TEXT,
            "sentences": [{"id": "s1", "start": 0, "end": 35, "text": TEXT[:35]}, {"id": "s2", "start": 36, "end": 48, "text": TEXT[36:]}],
            "entities": entities, "amounts": amounts}


def _entity(start, end):
    return {"start": start, "end": end}


def test_the_gold_has_no_unreviewed_candidate_and_no_stale_exclusion():
    documents, exclusions = load_documents(DATASET), load_exclusions(DATASET)
    missing = unreviewed(documents, exclusions)
    assert missing == [], [f"{c.doc_id}:{c.start} {c.kind} {c.token!r}" for c in missing[:20]]
    assert stale_exclusions(documents, exclusions) == []
    assert all(reason.strip() for reason in exclusions.values())


def test_a_new_unannotated_name_or_numeral_is_reported():
    document = _document([_entity(0, 6)], [])  # only "Google" annotated; "5 Mio. Euro" is not an amount here
    found = {(c.kind, c.token) for c in unreviewed([document], {})}
    assert {("name", "Meta"), ("name", "Euro"), ("numeral", "5"), ("numeral", "Mio.")} <= found
    assert ("name", "Google") not in found


def test_a_type_level_exclusion_cannot_hide_a_token_annotated_elsewhere():
    document = _document([_entity(0, 6), _entity(11, 15)], [])  # first "Meta" annotated, second (offset 36) not
    exclusions = {"name:de:Meta": "reviewed as a common noun", "name:de:Euro": "x", "numeral:de:5": "x", "numeral:de:Mio.": "x",
                  "name:de:Mio.": "x", "name:de:Meta@kiwi-000:1": "unrelated"}
    missing = unreviewed([document], exclusions)
    assert [(c.token, c.start) for c in missing] == [("Meta", 36)]
    exclusions["name:de:Meta@kiwi-009:36"] = "reviewed occurrence"
    assert unreviewed([document], exclusions) == []
    assert stale_exclusions([document], exclusions) == ["name:de:Meta@kiwi-000:1"]


def test_sentence_final_period_does_not_hide_a_name():
    tokens = [c.token for c in candidates(_document([], [])) if c.kind == "name"]
    assert tokens.count("Meta") == 2
