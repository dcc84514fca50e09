"""Independent sanity checks of every gold amount: the scale word fixes the order of magnitude (German
Billion = 1e12), and the word before the span fixes the qualifier. These rules come from the
annotation spec, not from the code that produced the values."""

from __future__ import annotations

import re

import pytest

from kiwi_bench.corpus.documents import load_documents
from kiwi_test_paths import DATASET

SCALES = [  # (pattern in the surface, lowest value, highest value exclusive)
    (r"Billion|biljoen", 1e12, 1e15),
    (r"Milliard|Mrd\.|miljard|mld", 1e9, 1e12),
    (r"Million|Mio\.|miljoen|mln", 1e6, 1e9),
]
QUALIFIER_WORDS = {"über": "at_least", "mehr als": "at_least", "meer dan": "at_least", "rund": "approx", "etwa": "approx",
                   "ca.": "approx", "bis zu": "at_most", "unter": "at_most"}
AMOUNTS = [(d["id"], d["text"], a) for d in load_documents(DATASET) for a in d["amounts"]]


@pytest.mark.parametrize(("doc_id", "text", "amount"), AMOUNTS, ids=[f"{d}:{a['id']}:{a['text']}" for d, _, a in AMOUNTS])
def test_scale_word_fixes_the_order_of_magnitude(doc_id, text, amount):
    for pattern, low, high in SCALES:
        if re.search(pattern, amount["text"]):
            assert low <= amount["value"] < high, f"{amount['text']!r} = {amount['value']}"
            return
    if amount["kind"] == "percent":
        assert 0 < amount["value"] <= 100
    else:
        digits = re.sub(r"[^\d,]", "", amount["text"].replace(".", "")).replace(",", ".")
        if digits:  # plain numerals: "50.000" = 50000 (German thousands separator)
            assert amount["value"] == pytest.approx(float(digits))


@pytest.mark.parametrize(("doc_id", "text", "amount"), AMOUNTS, ids=[f"{d}:{a['id']}:{a['text']}" for d, _, a in AMOUNTS])
def test_qualifier_matches_the_word_before_the_span(doc_id, text, amount):
    before = text[max(0, amount["start"] - 12):amount["start"]].rstrip().lower()
    expected = next((q for word, q in QUALIFIER_WORDS.items() if before.endswith(word)), "exact")
    assert amount["qualifier"] == expected, f"{before!r} before {amount['text']!r}"


@pytest.mark.parametrize(("doc_id", "text", "amount"), AMOUNTS, ids=[f"{d}:{a['id']}:{a['text']}" for d, _, a in AMOUNTS])
def test_currency_is_set_exactly_when_the_surface_names_one(doc_id, text, amount):
    names_currency = re.search(r"Dollar|USD|\$|Euro|EUR|€", amount["text"]) is not None
    assert (amount["currency"] is not None) == names_currency
    if names_currency:
        assert amount["currency"] == ("EUR" if re.search(r"Euro|EUR|€", amount["text"]) else "USD")
