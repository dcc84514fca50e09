"""Bootstrap intervals for the agreement between two passes: sentences are resampled with replacement.

Every figure is a function of per-sentence counts (matches, mentions, and label confusion matrices
of the matched items), so a resample is a weighted column sum (`kiwi_bench.scoring.bootstrap`) and
the same count formulas give the point estimate. Those formulas are checked against scikit-learn's
kappa and the `krippendorff` package in the tests. Document sentiment (5 documents) gets no interval.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kiwi_bench.annotation.agreement import match_exact, match_partial, pair_documents
from kiwi_bench.core.labels import ENTITY_SENTIMENTS, SENTENCE_SENTIMENTS
from kiwi_bench.corpus.documents import Document
from kiwi_bench.scoring.bootstrap import interval, resample_sums
from kiwi_bench.scoring.equality import same_value

RESAMPLES = 1000
SEED = 0

_COUNTS = ("ent_a", "ent_b", "ent_strict", "ent_exact", "ent_partial", "ent_same_id",
           "amt_a", "amt_b", "amt_exact", "amt_partial", "amt_same_value")
_ESENT = tuple(f"esent_{x}_{y}" for x in ENTITY_SENTIMENTS for y in ENTITY_SENTIMENTS)
_SENT = tuple(f"sent_{x}_{y}" for x in SENTENCE_SENTIMENTS for y in SENTENCE_SENTIMENTS)
COLUMNS = _COUNTS + _ESENT + _SENT


def _sentence_index(document: Document, start: int) -> int:
    for index, sentence in enumerate(document["sentences"]):
        if sentence["start"] <= start < sentence["end"]:
            return index
    raise ValueError(f"{document['id']}: offset {start} lies in no sentence")


def sentence_counts(pass_a: list[Document], pass_b: list[Document]) -> np.ndarray:
    """(sentences x COLUMNS) int64 counts, one row per sentence of all documents in order."""
    docs_a, docs_b = pair_documents(pass_a, pass_b)
    column = {name: k for k, name in enumerate(COLUMNS)}
    blocks = []
    for a, b in zip(docs_a, docs_b):
        rows = np.zeros((len(a["sentences"]), len(COLUMNS)), dtype=np.int64)

        def add(name: str, start: int, document: Document = a, rows: np.ndarray = rows) -> None:
            rows[_sentence_index(document, start), column[name]] += 1

        for layer, prefix in (("entities", "ent"), ("amounts", "amt")):
            for item in a[layer]:
                add(f"{prefix}_a", item["start"])
            for item in b[layer]:
                add(f"{prefix}_b", item["start"], b)
            for x, _ in match_partial(a[layer], b[layer]):
                add(f"{prefix}_partial", x["start"])
        for x, y in match_exact(a["amounts"], b["amounts"]):
            add("amt_exact", x["start"])
            if same_value(x, y):
                add("amt_same_value", x["start"])
        for x, y in match_exact(a["entities"], b["entities"]):
            add("ent_exact", x["start"])
            if x["label"] == y["label"]:
                add("ent_strict", x["start"])
                add(f"esent_{x['sentiment']}_{y['sentiment']}", x["start"])
                if x["entity_id"] == y["entity_id"]:
                    add("ent_same_id", x["start"])
        for index, (sa, sb) in enumerate(zip(a["sentences"], b["sentences"])):
            rows[index, column[f"sent_{sa['sentiment']}_{sb['sentiment']}"]] += 1
        blocks.append(rows)
    return np.concatenate(blocks) if blocks else np.zeros((0, len(COLUMNS)), dtype=np.int64)


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1), np.nan)


def _f1(matches: np.ndarray, total_a: np.ndarray, total_b: np.ndarray) -> np.ndarray:
    total = total_a + total_b
    return np.where(total > 0, _ratio(2 * matches, total), 1.0)


def kappa_from_confusion(confusion: np.ndarray) -> np.ndarray:
    """Cohen's kappa of (..., k, k) confusion matrices (rows pass A, columns pass B); 1.0 when both use
    one identical label throughout (as `agreement.cohen_kappa`), NaN when empty."""
    n = confusion.sum(axis=(-2, -1))
    observed = _ratio(np.trace(confusion, axis1=-2, axis2=-1), n)
    expected = _ratio((confusion.sum(axis=-1) * confusion.sum(axis=-2)).sum(axis=-1), n * n)
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = (observed - expected) / (1 - expected)
    return np.where(np.isclose(expected, 1.0) & np.isclose(observed, 1.0), 1.0, kappa)


def alpha_from_confusion(confusion: np.ndarray) -> np.ndarray:
    """Nominal Krippendorff's alpha of two coders without missing values, from their confusion matrix:
    coincidences o = C + Cᵀ, alpha = 1 - (n.. - 1) * disagreeing coincidences / sum over c != k of n_c n_k."""
    coincidences = confusion + np.swapaxes(confusion, -2, -1)
    total = coincidences.sum(axis=(-2, -1))
    marginals = coincidences.sum(axis=-1)
    disagreeing = total - np.trace(coincidences, axis1=-2, axis2=-1)
    expected_pairs = total ** 2 - (marginals ** 2).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(expected_pairs > 0, 1 - (total - 1) * disagreeing / np.where(expected_pairs > 0, expected_pairs, 1), np.nan)


def _metrics(sums: np.ndarray) -> dict[str, np.ndarray]:
    """Every figure with an interval, from column sums (resamples x COLUMNS, or one row)."""
    c = {name: sums[:, k] for k, name in enumerate(COLUMNS)}
    k_e, k_s = len(ENTITY_SENTIMENTS), len(SENTENCE_SENTIMENTS)
    esent = sums[:, len(_COUNTS):len(_COUNTS) + len(_ESENT)].reshape(-1, k_e, k_e)
    sent = sums[:, len(_COUNTS) + len(_ESENT):].reshape(-1, k_s, k_s)
    return {
        "entities.strict_f1": _f1(c["ent_strict"], c["ent_a"], c["ent_b"]),
        "entities.exact_span_f1": _f1(c["ent_exact"], c["ent_a"], c["ent_b"]),
        "entities.partial_f1": _f1(c["ent_partial"], c["ent_a"], c["ent_b"]),
        "entities.sentiment_kappa": kappa_from_confusion(esent),
        "entities.sentiment_agreement": _ratio(np.trace(esent, axis1=1, axis2=2), esent.sum(axis=(1, 2))),
        "entities.entity_id_agreement": _ratio(c["ent_same_id"], c["ent_strict"]),
        "amounts.strict_f1": _f1(c["amt_exact"], c["amt_a"], c["amt_b"]),
        "amounts.value_currency_agreement": _ratio(c["amt_same_value"], c["amt_exact"]),
        "sentences.agreement": _ratio(np.trace(sent, axis1=1, axis2=2), sent.sum(axis=(1, 2))),
        "sentences.cohen_kappa": kappa_from_confusion(sent),
        "sentences.krippendorff_alpha": alpha_from_confusion(sent),
    }


def _plain(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def agreement_intervals(pass_a: list[Document], pass_b: list[Document], resamples: int = RESAMPLES,
                        seed: int = SEED) -> dict[str, dict[str, Any]]:
    """metric path -> {"value", "ci"} where ci is the 95% percentile interval over `resamples` resamples of
    the sentences (None when undefined in every resample)."""
    matrix = sentence_counts(pass_a, pass_b)
    point = _metrics(matrix.sum(axis=0, keepdims=True).astype(np.float64))
    samples = _metrics(resample_sums(matrix, resamples, np.random.default_rng(seed)))
    return {path: {"value": _plain(point[path][0]), "ci": interval(samples[path])} for path in point}
