"""The sacreBLEU-style signature that pins what produced a number: code, data, split and settings.

Example: ``kiwi:0.1.0|data:3f2a9c0d1e4b|split:test|scorer:1.2|scheme:semeval2013|boot:1000|seed:0``.
`data` is the first 12 hex digits of the sha256 of the canonical JSON of the split's gold
documents (sorted by id; keys sorted, no ASCII escaping, no white space), so any change to the
gold changes the signature. `missing:N` is appended when N documents were scored as empty
(--allow-missing).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Sequence

SCORER_VERSION = "1.2"
"""Bump when scoring semantics change (alignment, attribution, metric definitions); it follows the evaluation spec version it implements (1.2: ungrounded items)."""
SCHEME = "semeval2013"


def data_hash(documents: Sequence[dict[str, Any]]) -> str:
    """First 12 hex digits of the sha256 of the canonical JSON of the gold documents.

    The JSON array is hashed one document at a time (the same bytes as dumping the whole list), so
    the split is never serialised at once: that would cost several times the gold's size in memory.
    """
    ordered = sorted(documents, key=lambda document: document["id"])
    digest = hashlib.sha256(b"[")
    for k, document in enumerate(ordered):
        if k:
            digest.update(b",")
        digest.update(json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    digest.update(b"]")
    return digest.hexdigest()[:12]


def signature(data: str, split: str, resamples: int, seed: int, missing: int = 0) -> str:
    """The signature string (see the module docstring)."""
    from kiwi_bench.core.version import __version__

    fields = [f"kiwi:{__version__}", f"data:{data}", f"split:{split}", f"scorer:{SCORER_VERSION}",
              f"scheme:{SCHEME}", f"boot:{resamples}", f"seed:{seed}"]
    if missing:
        fields.append(f"missing:{missing}")
    return "|".join(fields)
