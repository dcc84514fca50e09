"""The amount baseline's number-word values against text2num, an independent reference implementation.

Decision (docs/number-words.md): the baseline keeps its own number-word parser and uses text2num
only here, as a test oracle. text2num 3.1 parses German and Dutch cardinals and scale words
("zwei Milliarden", "drie miljoen"), and wherever it accepts a word of the baseline's grammar the
two values agree; but it rejects forms the baseline must read: Dutch "eenhonderd…" (a common
spelling of 100-199) and "tweeentwintig" written without the diaeresis, and it has no halves
("eineinhalb", "anderhalf"). This test fails if the two ever disagree on a value, or if text2num
rejects any other form (then the decision should be looked at again).
"""

from __future__ import annotations

import random
import re

import pytest
from text_to_num import text2num

from kiwi_bench.baselines.amount_rules import numerals
from kiwi_bench.baselines.amounts import normalize_amount

GRAMMAR = {
    "de": (numerals._ONES_DE, numerals._SMALL_DE, numerals._TENS_DE, ("und",), "hundert", "tausend", numerals.WORDNUM_DE),
    "nl": (numerals._ONES_NL, numerals._SMALL_NL, numerals._TENS_NL, ("en", "ën"), "honderd", "duizend", numerals.WORDNUM_NL),
}
# The forms text2num rejects and the baseline reads (see the module docstring).
LENIENT = {
    "de": re.compile(r"eins(?=tausend)"),  # "einstausend" inside a compound (proper German: eintausend)
    "nl": re.compile(r"(?:^|duizend)eenhonderd|(?:twee|drie)en(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)"),
}


def grammar_words(language: str, sample: int = 3000) -> list[str]:
    """Every word of the baseline's grammar below 1000, and a seeded sample of the thousands."""
    ones, small, tens, connectors, hundred, thousand, _ = GRAMMAR[language]
    heads = [w for w in ones if small[w] > 1 or w in ("ein", "een")]
    below_20 = [w for w in small if w not in ("ein", "een", "één")]
    below_100 = [o + c + t for o in heads for c in connectors for t in tens] + list(tens) + below_20
    below_1000 = [o + hundred + r for o in ("", *heads) for r in ("", *below_100)] + below_100
    rng = random.Random(0)
    thousands = {rng.choice(("", *below_1000)) + thousand + rng.choice(("", *below_1000)) for _ in range(sample)}
    return sorted(set(below_1000) | thousands)


def reference(word: str, language: str) -> int | None:
    try:
        return text2num(word, language)
    except ValueError:
        return None


@pytest.mark.parametrize("language", ["de", "nl"])
def test_number_word_values_equal_text2num(language):
    pattern = re.compile(rf"(?:{GRAMMAR[language][-1]})\Z")
    words = grammar_words(language)
    assert len(words) > 4000
    rejected = []
    for word in words:
        assert pattern.match(word), word  # the words are the regex's own
        ours, theirs = numerals._integer_word_value(word, language), reference(word, language)
        if theirs is None:
            rejected.append(word)
        else:
            assert ours == theirs, (word, ours, theirs)
    assert rejected and all(LENIENT[language].search(word) for word in rejected), [
        word for word in rejected if not LENIENT[language].search(word)][:10]
    assert all(numerals._integer_word_value(word, language) is not None for word in rejected)


@pytest.mark.parametrize("surface, language, value", [
    ("zwei Milliarden", "de", 2 * 10**9), ("drei Millionen", "de", 3 * 10**6),
    ("zweihunderttausend", "de", 200_000), ("drie miljoen", "nl", 3 * 10**6), ("twee miljard", "nl", 2 * 10**9),
    ("tweeëntwintig", "nl", 22),
])
def test_scaled_number_words_as_text2num_reads_them(surface, language, value):
    assert reference(surface, language) == value
    assert normalize_amount(surface, language)["value"] == value
