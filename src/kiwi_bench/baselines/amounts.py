"""Rule-based recogniser and normaliser of amounts (layer 3 of the KIWI annotation spec).

Deterministic baseline for the `rules` system: regular expressions and word lists, no model, no
training data. Written from the annotation spec and general knowledge of German and Dutch number
writing, not tuned on the gold files.

Public API
    normalize_amount(surface, language) -> {"kind", "value", "currency"} (+ "value_high") or None
    find_amounts(text, language) -> [{"start", "end", "kind", "value", "currency", "unit",
                                      "qualifier", "per"}, ...] in text order, non-overlapping;
        exactly the keys of an `amount_span` in schema/predictions.schema.json (the surface is
        text[start:end]). find_amounts(..., value_high=True) adds "value_high" to ranges.

Rules (N = numerals, S = span and kind, R = ranges, X = exclusions, C = context fields), each stated
in the module of `kiwi_bench.baselines.amount_rules` that implements it:
    N1-N6   numerals: digits, number words, articles as 1, scale words, fractions, exact values
    S1-S3   grammar: the span, currencies (ISO 4217), percent and cent words
    S4      grammar (the kind a span states by itself) and context (the kind in its sentence)
    S5      context: a bare first value shares the scale and currency of the amount it is linked to
    R1      grammar: ranges are one amount (value, value_high)
    X1-X6   exclusions: years, glued digits, dates, ordinals, durations, versions, compounds, words
    C1-C3   context: qualifier, per (rate period), unit (counted noun)
The word lists are in `amount_rules.lexicon`, the regex building blocks in `amount_rules.patterns`.
"""

from __future__ import annotations

import re
from typing import Any

from kiwi_bench.baselines.amount_rules.context import (
    amount_qualifier,
    decide_kind,
    following_noun,
    inherit_from_target,
    rate_period,
    sentence_boundaries,
    sentence_bounds,
)
from kiwi_bench.baselines.amount_rules.exclusions import (
    bare_exclusion,
    fraction_exclusion,
    in_url,
    left_boundary_ok,
    right_context,
    url_spans,
    word_numeral_exclusion,
)
from kiwi_bench.baselines.amount_rules.fields import LANGUAGES, Amount, Kind, Number, Period, Qualifier
from kiwi_bench.baselines.amount_rules.grammar import Grammar, Parsed, grammar_for, match_at
from kiwi_bench.baselines.amount_rules.numerals import as_number

__all__ = ["LANGUAGES", "Amount", "Kind", "Number", "Period", "Qualifier", "find_amounts", "normalize_amount"]

_CANDIDATE_RE = re.compile(r"[$€£¥₹₩]|\b\w")  # where an amount may start: a currency symbol or a word


def _result(parsed: Parsed) -> dict[str, Any]:
    """The public {kind, value, currency[, value_high]} dict of a parse."""
    out: dict[str, Any] = {"kind": parsed.kind, "value": as_number(parsed.value), "currency": parsed.currency}
    if parsed.value_high is not None:
        out["value_high"] = as_number(parsed.value_high)
    return out


def normalize_amount(surface: str, language: str) -> dict | None:
    """Kind, normalised value and ISO currency of an amount's surface string, or None if it is none.

    The surface is the span of the spec (numeral + scale word + currency/percent; qualifier words and
    the counted noun outside). Without context, a number with a scale of a billion or more, or in a
    hyphen compound ("38-Milliarden"), is money; other numbers without currency are counts. Ranges
    get value = lower bound and value_high = upper bound.
    """
    grammar = grammar_for(language)
    surface = surface.strip()
    if not surface:
        return None
    found = match_at(surface, 0, grammar, full=True)
    if found is None:
        return None
    _, parsed = found
    if parsed.article_only or parsed.plural_after_article or parsed.year_like or parsed.dot_decimal:
        return None
    return _result(parsed)


def _candidate(text: str, pos: int, grammar: Grammar, urls: list[tuple[int, int]],
               boundaries: list[int]) -> tuple[Amount, Parsed] | None:
    """The amount starting at pos (and its parse), with all context rules applied, or None."""
    language = grammar.language
    found = match_at(text, pos, grammar)
    if found is None:
        return None
    match, parsed = found
    start, end = match.start(), match.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if not left_boundary_ok(text, start) or in_url(start, urls):
        return None
    right = right_context(text, end, parsed)
    if right is None or parsed.article_only or parsed.plural_after_article:
        return None
    if word_numeral_exclusion(text, match, parsed, language) or fraction_exclusion(text, match, parsed, language):
        return None
    noun_type, unit, noun_period, noun_end = following_noun(text, end, language)
    if parsed.bare and bare_exclusion(text, start, end, parsed, language, noun_type):
        return None
    sentence_start, sentence_end = sentence_bounds(text, boundaries, start)
    kind = decide_kind(parsed, noun_type, right == "compound", text[sentence_start:sentence_end], language)
    period = rate_period(text, start, noun_end if noun_type == "unit" else end, language) or noun_period
    amount: Amount = {
        "start": start, "end": end, "kind": kind, "value": as_number(parsed.value),
        "currency": parsed.currency if kind == "money" else None,
        "unit": unit if kind == "count" else None,
        "qualifier": amount_qualifier(text, start, end, language, parsed.value_high is not None),
        "per": period,
    }
    if parsed.value_high is not None:
        amount["value_high"] = as_number(parsed.value_high)
    return amount, parsed


def find_amounts(text: str, language: str, *, value_high: bool = False) -> list[Amount]:
    """All amounts in text, in text order, non-overlapping, with offsets, normalised value and context.

    A range's value is its lower bound; with value_high=True its upper bound is added as "value_high"
    (off by default, so that the dicts validate as predicted amount spans).
    """
    grammar = grammar_for(language)
    urls = url_spans(text)
    boundaries = sentence_boundaries(text)
    found: list[tuple[Amount, Parsed]] = []
    covered = 0
    for candidate in _CANDIDATE_RE.finditer(text):
        pos = candidate.start()
        if pos < covered:
            continue
        result = _candidate(text, pos, grammar, urls, boundaries)
        if result is not None:
            found.append(result)
            covered = result[0]["end"]
    inherit_from_target(text, found, language)
    if not value_high:
        for amount, _ in found:
            amount.pop("value_high", None)
    return [amount for amount, _ in found]
