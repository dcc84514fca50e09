"""Inter-annotator agreement between two annotation passes over the same documents (pure, no file I/O).

Spans are matched one-to-one within a document: first identical spans, then, for `partial`, the
remaining pairs that overlap (largest overlap first; half-open spans, so touching is not
overlapping). F1 treats pass A as reference; it is symmetric in A and B. Label, sentiment and
value agreement are computed on exactly matched spans. Kappa is scikit-learn's cohen_kappa_score,
alpha the `krippendorff` package's nominal alpha.
"""

from __future__ import annotations

import re
from typing import Any

from kiwi_bench.core import markdown
from kiwi_bench.corpus.documents import Document
from kiwi_bench.scoring.equality import same_value


def _f1(matched: float, total_a: int, total_b: int) -> float:
    return 1.0 if total_a + total_b == 0 else 2 * matched / (total_a + total_b)


def match_exact(items_a: list[dict], items_b: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs of items with identical (start, end)."""
    by_span = {(b["start"], b["end"]): b for b in items_b}
    return [(a, by_span[(a["start"], a["end"])]) for a in items_a if (a["start"], a["end"]) in by_span]


def match_partial(items_a: list[dict], items_b: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one overlapping pairs by the scorer's own alignment rule (`scoring.items.align_spans`), in A's order."""
    from kiwi_bench.scoring.items import align_spans

    matched = align_spans(items_a, items_b).gold_match
    return [(a, items_b[j]) for a, j in zip(items_a, matched) if j >= 0]


def cohen_kappa(labels_a: list[str], labels_b: list[str]) -> float | None:
    """Cohen's kappa (scikit-learn); 1.0 when both annotators use one identical label throughout; None if empty."""
    from sklearn.metrics import cohen_kappa_score

    if not labels_a:
        return None
    if len(set(labels_a) | set(labels_b)) == 1:
        return 1.0
    return float(cohen_kappa_score(labels_a, labels_b))


def krippendorff_alpha(labels_a: list[str], labels_b: list[str]) -> float | None:
    """Nominal Krippendorff's alpha for two coders (the `krippendorff` package); None if undefined."""
    import krippendorff
    import numpy as np

    categories = sorted(set(labels_a) | set(labels_b))
    if len(categories) < 2:
        return None
    codes = np.array([[categories.index(x) for x in labels_a], [categories.index(x) for x in labels_b]], dtype=float)
    return float(krippendorff.alpha(reliability_data=codes, level_of_measurement="nominal"))


def _share(pairs: list[tuple[dict, dict]], same) -> float | None:
    return None if not pairs else sum(bool(same(a, b)) for a, b in pairs) / len(pairs)


def _span_layer(docs_a: list[Document], docs_b: list[Document], layer: str) -> tuple[dict, list, list]:
    total_a = sum(len(d[layer]) for d in docs_a)
    total_b = sum(len(d[layer]) for d in docs_b)
    exact, partial = [], []
    for a, b in zip(docs_a, docs_b):
        exact += match_exact(a[layer], b[layer])
        partial += match_partial(a[layer], b[layer])
    counts = {"pass_a": total_a, "pass_b": total_b, "exact_matches": len(exact), "partial_matches": len(partial)}
    return counts, exact, partial


def entity_agreement(docs_a: list[Document], docs_b: list[Document]) -> dict[str, Any]:
    """Span F1 (strict = same span and label, exact = same span, partial = overlap), label and sentiment kappa."""
    counts, exact, partial = _span_layer(docs_a, docs_b, "entities")
    strict = [(a, b) for a, b in exact if a["label"] == b["label"]]
    return {
        **counts,
        "strict_f1": _f1(len(strict), counts["pass_a"], counts["pass_b"]),
        "exact_span_f1": _f1(len(exact), counts["pass_a"], counts["pass_b"]),
        "partial_f1": _f1(len(partial), counts["pass_a"], counts["pass_b"]),
        "label_kappa": cohen_kappa([a["label"] for a, _ in exact], [b["label"] for _, b in exact]),
        "sentiment_kappa": cohen_kappa([a["sentiment"] for a, _ in strict], [b["sentiment"] for _, b in strict]),
        "sentiment_agreement": _share(strict, lambda a, b: a["sentiment"] == b["sentiment"]),
        "entity_id_agreement": _share(strict, lambda a, b: a["entity_id"] == b["entity_id"]),
    }


def amount_agreement(docs_a: list[Document], docs_b: list[Document]) -> dict[str, Any]:
    """Span F1 (strict = same span, partial = overlap) and attribute agreement on exactly matched spans."""
    counts, exact, partial = _span_layer(docs_a, docs_b, "amounts")
    return {
        **counts,
        "strict_f1": _f1(len(exact), counts["pass_a"], counts["pass_b"]),
        "partial_f1": _f1(len(partial), counts["pass_a"], counts["pass_b"]),
        "value_currency_agreement": _share(exact, same_value),
        "kind_agreement": _share(exact, lambda a, b: a["kind"] == b["kind"]),
        "qualifier_agreement": _share(exact, lambda a, b: a["qualifier"] == b["qualifier"]),
        "per_agreement": _share(exact, lambda a, b: a["per"] == b["per"]),
        "unit_agreement": _share(exact, lambda a, b: a["unit"] == b["unit"]),
    }


def sentiment_agreement(docs_a: list[Document], docs_b: list[Document]) -> dict[str, Any]:
    """Sentence sentiment (kappa, alpha, raw agreement) and document sentiment (raw agreement)."""
    labels_a = [s["sentiment"] for d in docs_a for s in d["sentences"]]
    labels_b = [s["sentiment"] for d in docs_b for s in d["sentences"]]
    documents_same = sum(a["sentiment"] == b["sentiment"] for a, b in zip(docs_a, docs_b))
    return {
        "sentences": {
            "n": len(labels_a),
            "agreement": sum(x == y for x, y in zip(labels_a, labels_b)) / len(labels_a),
            "cohen_kappa": cohen_kappa(labels_a, labels_b),
            "krippendorff_alpha": krippendorff_alpha(labels_a, labels_b),
        },
        "documents": {"n": len(docs_a), "agreeing": documents_same, "agreement": documents_same / len(docs_a)},
    }


_CITATION = re.compile(r"\b(\d{3})/s(\d+)(?:[–-]s?(\d+))?")
_DOC_BULLET = re.compile(r"^- \*\*kiwi-(\d{3})\*\*")
_BARE_SENTENCE = re.compile(r"`s(\d+)(?:[–-]s?(\d+))?`")


def cited_sentences(guidelines: str) -> set[tuple[str, str]]:
    """(doc id, sentence id) of every sentence the guidelines cite, as `001/s20`, `004/s45–s49`, or
    as `s4` inside a per-document bullet `- **kiwi-004**`. Pass B read these examples (with pass A's
    labels) before annotating, so agreement on them is not blind."""
    cited: set[tuple[str, str]] = set()

    def add(doc: str, first: str, last: str | None) -> None:
        for number in range(int(first), int(last or first) + 1):
            cited.add((f"kiwi-{doc}", f"s{number}"))

    bullet_doc = None
    for line in guidelines.splitlines():
        for doc, first, last in _CITATION.findall(line):
            add(doc, first, last or None)
        bullet = _DOC_BULLET.match(line)
        if bullet or not line.startswith("  "):
            bullet_doc = bullet.group(1) if bullet else None
        if bullet_doc:
            for first, last in _BARE_SENTENCE.findall(line):
                add(bullet_doc, first, last or None)
    return cited


def uncited_sentence_agreement(pass_a: list[Document], pass_b: list[Document], cited: set[tuple[str, str]]) -> dict[str, Any]:
    """Sentence-sentiment agreement over the sentences the guidelines do not cite (the blind subset)."""
    docs_a, docs_b = pair_documents(pass_a, pass_b)
    pairs = [(sa["sentiment"], sb["sentiment"]) for da, db in zip(docs_a, docs_b)
             for sa, sb in zip(da["sentences"], db["sentences"]) if (da["id"], sa["id"]) not in cited]
    labels_a, labels_b = [a for a, _ in pairs], [b for _, b in pairs]
    return {
        "n": len(pairs),
        "agreement": sum(a == b for a, b in pairs) / len(pairs) if pairs else None,
        "cohen_kappa": cohen_kappa(labels_a, labels_b),
        "krippendorff_alpha": krippendorff_alpha(labels_a, labels_b),
    }


def pair_documents(pass_a: list[Document], pass_b: list[Document]) -> tuple[list[Document], list[Document]]:
    """Both passes' documents in the same order; the same ids and sentence segmentation are required."""
    by_id_b = {d["id"]: d for d in pass_b}
    ids = [d["id"] for d in pass_a]
    if sorted(ids) != sorted(by_id_b):
        raise ValueError(f"the passes cover different documents: {sorted(ids)} vs {sorted(by_id_b)}")
    for a in pass_a:
        spans_a = [(s["start"], s["end"]) for s in a["sentences"]]
        if spans_a != [(s["start"], s["end"]) for s in by_id_b[a["id"]]["sentences"]]:
            raise ValueError(f"{a['id']}: the passes use different sentence boundaries")
    return pass_a, [by_id_b[i] for i in ids]


def agreement(pass_a: list[Document], pass_b: list[Document], guidelines: str | None = None) -> dict[str, Any]:
    """Every agreement figure between two passes; with the guidelines' text, also the blind subset."""
    docs_a, docs_b = pair_documents(pass_a, pass_b)
    result = {
        "documents": [d["id"] for d in docs_a],
        "entities": entity_agreement(docs_a, docs_b),
        "amounts": amount_agreement(docs_a, docs_b),
        "sentiment": sentiment_agreement(docs_a, docs_b),
    }
    if guidelines is not None:
        result["sentiment"]["sentences_not_cited_in_guidelines"] = uncited_sentence_agreement(docs_a, docs_b, cited_sentences(guidelines))  # type: ignore[index]
    return result


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def markdown_summary(result: dict[str, Any]) -> str:
    """A Markdown table of the headline figures (used by DATASHEET.md and the CLI)."""
    e, a, s = result["entities"], result["amounts"], result["sentiment"]
    rows: list[tuple[str, ...]] = [
        ("Entities: mentions (pass A / pass B)", f"{e['pass_a']} / {e['pass_b']}"),
        ("Entities: strict span+label F1", _fmt(e["strict_f1"]), "entities.strict_f1"),
        ("Entities: exact span F1 (any label)", _fmt(e["exact_span_f1"]), "entities.exact_span_f1"),
        ("Entities: partial (overlap) F1", _fmt(e["partial_f1"]), "entities.partial_f1"),
        ("Entities: label Cohen's kappa (same span)", _fmt(e["label_kappa"])),
        ("Entities: sentiment Cohen's kappa (strict matches)", _fmt(e["sentiment_kappa"]), "entities.sentiment_kappa"),
        ("Entities: sentiment agreement (strict matches)", _fmt(e["sentiment_agreement"]), "entities.sentiment_agreement"),
        ("Entities: entity_id agreement (strict matches)", _fmt(e["entity_id_agreement"]), "entities.entity_id_agreement"),
        ("Amounts: mentions (pass A / pass B)", f"{a['pass_a']} / {a['pass_b']}"),
        ("Amounts: strict span F1", _fmt(a["strict_f1"]), "amounts.strict_f1"),
        ("Amounts: partial (overlap) F1", _fmt(a["partial_f1"])),
        ("Amounts: value and currency agreement (same span)", _fmt(a["value_currency_agreement"]), "amounts.value_currency_agreement"),
        ("Amounts: kind / qualifier / per / unit agreement (same span)",
         " / ".join(_fmt(a[k]) for k in ("kind_agreement", "qualifier_agreement", "per_agreement", "unit_agreement"))),
        (f"Sentences: sentiment agreement (n = {s['sentences']['n']})", _fmt(s["sentences"]["agreement"]), "sentences.agreement"),
        ("Sentences: sentiment Cohen's kappa", _fmt(s["sentences"]["cohen_kappa"]), "sentences.cohen_kappa"),
        ("Sentences: sentiment Krippendorff's alpha (nominal)", _fmt(s["sentences"]["krippendorff_alpha"]), "sentences.krippendorff_alpha"),
        ("Documents: sentiment agreement", f"{s['documents']['agreeing']} of {s['documents']['n']}"),
    ]
    blind = s.get("sentences_not_cited_in_guidelines")
    if blind:
        rows[-1:-1] = [
            (f"Sentences not cited in the guidelines: agreement (n = {blind['n']})", _fmt(blind["agreement"])),
            ("Sentences not cited in the guidelines: Cohen's kappa", _fmt(blind["cohen_kappa"])),
            ("Sentences not cited in the guidelines: Krippendorff's alpha", _fmt(blind["krippendorff_alpha"])),
        ]
    intervals = result.get("intervals")
    if intervals is None:
        return markdown.table(("measure", "value"), [row[:2] for row in rows], "lr")

    def ci(path: str | None) -> str:
        bounds = intervals[path]["ci"] if path in intervals else None
        return f"[{bounds[0]:.3f}, {bounds[1]:.3f}]" if bounds else ""

    return markdown.table(("measure", "value", "95% CI (bootstrap over sentences)"),
                          [(row[0], row[1], ci(row[2] if len(row) > 2 else None)) for row in rows], "lrr")
