"""Agreement figures on small hand-made passes, with the arithmetic written out."""

from __future__ import annotations

import pytest

from kiwi_bench.annotation.agreement import agreement, cohen_kappa, krippendorff_alpha, match_partial


def _entity(start, end, label, sentiment="neutral", entity_id="x"):
    return {"start": start, "end": end, "label": label, "sentiment": sentiment, "entity_id": entity_id}


def _amount(start, end, value, currency="USD", kind="money", qualifier="exact", per=None, unit=None):
    return {"start": start, "end": end, "value": value, "currency": currency, "kind": kind, "qualifier": qualifier, "per": per, "unit": unit}


def _document(entities, amounts, sentence_sentiments, sentiment="neutral", doc_id="kiwi-000"):
    sentences = [{"id": f"s{i}", "start": 10 * i, "end": 10 * i + 9, "sentiment": s} for i, s in enumerate(sentence_sentiments)]
    return {"id": doc_id, "entities": entities, "amounts": amounts, "sentences": sentences, "sentiment": sentiment}


def test_krippendorff_alpha_hand_computed():
    # Units (a,a) (a,b) (b,b) (b,b): coincidences o_aa=2, o_ab=o_ba=1, o_bb=4; n_a=3, n_b=5, n=8.
    # D_o = 2/8; D_e = 2*3*5/(8*7) = 30/56; alpha = 1 - (2/8)/(30/56) = 1 - 112/240 = 0.5333...
    assert krippendorff_alpha(list("aabb"), list("abbb")) == pytest.approx(1 - 112 / 240)


def test_cohen_kappa_hand_computed():
    # p_o = 3/4; p_e = 0.5*0.25 + 0.5*0.75 = 0.5; kappa = (0.75 - 0.5) / 0.5 = 0.5
    assert cohen_kappa(list("aabb"), list("abbb")) == pytest.approx(0.5)
    assert cohen_kappa(["a", "a"], ["a", "a"]) == 1.0
    assert cohen_kappa([], []) is None


def test_entity_span_f1_and_label_kappa_hand_computed():
    a = [_entity(0, 6, "ORG"), _entity(10, 16, "PER"), _entity(20, 25, "LOC")]
    b = [_entity(0, 6, "ORG"), _entity(10, 16, "ORG"), _entity(21, 25, "LOC"), _entity(30, 35, "MISC")]
    result = agreement([_document(a, [], ["neutral"])], [_document(b, [], ["neutral"])])["entities"]
    # exact spans: (0,6), (10,16) -> 2; same label too: (0,6) -> 1; overlap adds (20,25)~(21,25) -> 3. |A| = 3, |B| = 4.
    assert result["strict_f1"] == pytest.approx(2 * 1 / 7)
    assert result["exact_span_f1"] == pytest.approx(2 * 2 / 7)
    assert result["partial_f1"] == pytest.approx(2 * 3 / 7)
    # labels on exact spans: A = [ORG, PER], B = [ORG, ORG]: p_o = 0.5, p_e = 0.5*1 + 0.5*0 = 0.5 -> kappa 0
    assert result["label_kappa"] == pytest.approx(0.0)


def test_partial_matching_is_one_to_one_and_prefers_larger_overlap():
    a = [_entity(0, 10, "ORG")]
    b = [_entity(0, 3, "ORG"), _entity(2, 9, "ORG")]
    assert [(x["start"], y["start"]) for x, y in match_partial(a, b)] == [(0, 2)]
    assert match_partial([_entity(0, 5, "ORG")], [_entity(5, 9, "ORG")]) == []  # touching is not overlapping


def test_amount_value_agreement_uses_relative_tolerance_and_currency():
    a = [_amount(0, 5, 38e9), _amount(10, 15, 4.3e9), _amount(20, 25, 70e9)]
    b = [_amount(0, 5, 38e9 * (1 + 1e-9)), _amount(10, 15, 4.3e9, currency=None), _amount(20, 25, 7e9)]
    result = agreement([_document([], a, ["neutral"])], [_document([], b, ["neutral"])])["amounts"]
    # 3 matched spans; only the first has value within 1e-6 and the same currency -> 1/3
    assert result["strict_f1"] == 1.0
    assert result["value_currency_agreement"] == pytest.approx(1 / 3)


def test_sentence_and_document_sentiment_agreement():
    docs_a = [_document([], [], ["positive", "positive", "negative", "negative"], "mixed")]
    docs_b = [_document([], [], ["positive", "negative", "negative", "negative"], "negative")]
    result = agreement(docs_a, docs_b)["sentiment"]
    assert result["sentences"]["agreement"] == 0.75
    assert result["sentences"]["cohen_kappa"] == pytest.approx(0.5)
    assert result["sentences"]["krippendorff_alpha"] == pytest.approx(1 - 112 / 240)
    assert result["documents"] == {"n": 1, "agreeing": 0, "agreement": 0.0}


def test_passes_with_different_segmentation_are_rejected():
    a = _document([], [], ["neutral", "neutral"])
    b = _document([], [], ["neutral"])
    with pytest.raises(ValueError, match="different sentence boundaries"):
        agreement([a], [b])


def test_cited_sentences_are_parsed_from_references_ranges_and_document_bullets():
    from kiwi_bench.annotation.agreement import cited_sentences

    guidelines = """See `001/s20` and `004/s45–s49`; also 000/s3-s4.
## 6. Per-document notes
- **kiwi-002**: the title is split over `s1`/`s2`. X occurs in `s4`,
  `s15`.
- **kiwi-003** (nl): nothing.
Text `s9` outside any bullet is not a citation.
"""
    expected = {("kiwi-001", "s20"), ("kiwi-000", "s3"), ("kiwi-000", "s4")} | {("kiwi-004", f"s{n}") for n in range(45, 50)} \
        | {("kiwi-002", s) for s in ("s1", "s2", "s4", "s15")}
    assert cited_sentences(guidelines) == expected


def test_blind_subset_excludes_cited_sentences():
    docs_a = [_document([], [], ["positive", "negative", "neutral"])]
    docs_b = [_document([], [], ["positive", "positive", "neutral"])]
    result = agreement(docs_a, docs_b, "Example: `000/s1` is negative.")
    blind = result["sentiment"]["sentences_not_cited_in_guidelines"]
    assert blind["n"] == 2 and blind["agreement"] == 1.0  # s0 and s2 agree; s1 (cited) is left out


def test_partial_matching_follows_the_scorers_rule_same_label_overlap_before_larger_overlap():
    """The scorer ranks a same-label overlap above a larger overlap with another label (scoring/align.py, tier 3
    vs 2); agreement uses the same rule, so A's ORG pairs with B's shorter ORG, not the longer PER."""
    a = [_entity(0, 10, "ORG")]
    b = [_entity(0, 8, "PER"), _entity(2, 9, "ORG")]
    assert [(x["start"], y["start"], y["label"]) for x, y in match_partial(a, b)] == [(0, 2, "ORG")]
