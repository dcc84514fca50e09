"""Token features of the CRF baseline (one dict per token, the input format of sklearn-crfsuite).

For token i of a sentence:
- `bias`; `lower` (lower-cased word); `shape` (X for upper-case, x for lower-case, d for digits,
  other characters kept, runs collapsed: "OpenAI" -> "XxX", "4,3" -> "d,d");
- `prefix2..4`, `suffix2..4` of the lower-cased word;
- `is_title`, `is_upper`, `is_digit`, `has_digit` (1.0 or 0.0);
- position: `first`, `last` (1.0 or 0.0) and `index` (0, 1, 2, 3, 4, or "5+");
- neighbours at -2, -1, +1, +2: their `lower`, `shape` and `is_title` (or `BOS`/`EOS` past the edge);
- when gazetteer tags are given: `gaz` (the token's IOB2 tag from the training-split gazetteer,
  e.g. "B-ORG") and the tags of the tokens at -1 and +1.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Features = dict[str, str | float]

_RUNS = re.compile(r"(.)\1+")


def shape(word: str) -> str:
    """Word shape with runs collapsed: "Google" -> "Xx", "GB200" -> "Xd", "4,3" -> "d,d"."""
    mapped = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in word)
    return _RUNS.sub(r"\1", mapped)


def _flag(value: bool) -> float:
    return 1.0 if value else 0.0


def _own(word: str) -> Features:
    lower = word.lower()
    features: Features = {
        "lower": lower,
        "shape": shape(word),
        "is_title": _flag(word.istitle()),
        "is_upper": _flag(word.isupper()),
        "is_digit": _flag(word.isdigit()),
        "has_digit": _flag(any(c.isdigit() for c in word)),
    }
    for n in (2, 3, 4):
        features[f"prefix{n}"] = lower[:n]
        features[f"suffix{n}"] = lower[-n:]
    return features


def sentence_features(tokens: Sequence[str], gazetteer_tags: Sequence[str] | None = None) -> list[Features]:
    """The features of every token of one sentence (see the module docstring)."""
    result = []
    count = len(tokens)
    for i, word in enumerate(tokens):
        features: Features = {"bias": 1.0, **_own(word)}
        features["first"] = _flag(i == 0)
        features["last"] = _flag(i == count - 1)
        features["index"] = str(i) if i < 5 else "5+"
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < count:
                features[f"{offset:+d}:lower"] = tokens[j].lower()
                features[f"{offset:+d}:shape"] = shape(tokens[j])
                features[f"{offset:+d}:is_title"] = _flag(tokens[j].istitle())
            else:
                features[f"{offset:+d}:edge"] = "BOS" if j < 0 else "EOS"
        if gazetteer_tags is not None:
            features["gaz"] = gazetteer_tags[i]
            features["-1:gaz"] = gazetteer_tags[i - 1] if i > 0 else "BOS"
            features["+1:gaz"] = gazetteer_tags[i + 1] if i + 1 < count else "EOS"
        result.append(features)
    return result
