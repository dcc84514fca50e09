"""Render one KIWI document as a self-contained HTML page: gold annotations, optionally beside a system's predictions.

Pure functions (a gold document and an optional prediction record in, an HTML string out); the
`kiwi-bench show` command does the file I/O. The markup lives in the jinja2 template
src/kiwi_bench/templates/viewer.html (autoescaped); this module computes what to show. The page
has no scripts and no external resources: one inline style sheet, every text escaped.

Error marks come from the scorer's own alignment (`kiwi_bench.scoring.items.align_items`: the
pairs behind `kiwi-bench evaluate`), so the page and the numbers never disagree. Every predicted
mark is a true or a false positive and every gold mark a true positive or a false negative of
the layer's strict scheme (entities: `entities.strict`, span and label; amounts:
`amounts.span.strict`, span only, the kind is scored apart), written as `data-outcome` on the
mark; the header's counts are those of `evaluate` on this document. Every error is one element
with the class `kiwi-error kiwi-<kind>` and a `title` that explains it (see ERRORS).

Entities and amounts are merged into one displaCy block per sentence (manual mode,
`style="ent"`): amounts appear as marks labelled MONEY, COUNT or PERCENT with their normalised
value, entities carry an entity-id badge. displaCy cannot draw overlapping spans, so a mark that
overlaps one already placed goes to an extra block under the sentence. A table lists the
document's cross-document entity ids (other documents that mention them, and with predictions
the predicted ids of their mentions). Span-free predictions cannot be placed in the text; they
are listed under the table without error marks.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from typing import Any, Iterable, Mapping, Sequence

from markupsafe import Markup
from spacy import displacy

from kiwi_bench.core.labels import AMOUNT_KINDS, ENTITY_LABELS, ENTITY_SENTIMENTS, QUALIFIERS, SENTENCE_SENTIMENTS
from kiwi_bench.core.templating import render
from kiwi_bench.scoring.equality import same_unit, same_value
from kiwi_bench.scoring.gold import Gold, load_gold
from kiwi_bench.scoring.items import align_items

Document = Mapping[str, Any]
Record = Mapping[str, Any]

AMOUNT_LABELS = {kind: kind.upper() for kind in AMOUNT_KINDS}
LAYERS = {"entity": "entities", "amount": "amounts"}
SCHEMES = {"entity": "entities.strict (span and label)", "amount": "amounts.span.strict (span; kind scored apart)"}

# displaCy mark colours, one per entity label and per amount kind (shown as its label).
ENTITY_COLORS = {"PER": "#aa9cfc", "ORG": "#7aecec", "LOC": "#ff9561", "PRODUCT": "#f4a6cd", "MISC": "#d4c59a"}
AMOUNT_COLORS = {"money": "#ffe066", "count": "#b5de8c", "percent": "#9fd4ff"}
# Background of a sentence cell (light) and colour of its sentiment badge (dark), per sentiment.
SENTIMENT_BACKGROUNDS = {"positive": "#e4f4e1", "negative": "#fbe3e3", "neutral": "#f1f1f1", "mixed": "#fff1c2"}
SENTIMENT_BADGES = {"positive": "#2e7d32", "negative": "#c62828", "neutral": "#616161", "mixed": "#a07800"}
NOT_PREDICTED_BACKGROUND = "#ffffff"
QUALIFIER_SIGNS = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤"}
ENTITY_SENTIMENT_SIGNS = {"positive": "+", "negative": "−", "neutral": ""}


def _covering(table: Mapping[str, Any], inventory: Iterable[str], name: str) -> None:
    """A presentation table must cover its inventory in core.labels (a new label fails at import)."""
    missing = [value for value in inventory if value not in table]
    if missing:
        raise ValueError(f"viewer: {name} has no entry for {', '.join(missing)} (see kiwi_bench.core.labels)")


_covering(ENTITY_COLORS, ENTITY_LABELS, "ENTITY_COLORS")
_covering(AMOUNT_COLORS, AMOUNT_KINDS, "AMOUNT_COLORS")
_covering(SENTIMENT_BACKGROUNDS, SENTENCE_SENTIMENTS, "SENTIMENT_BACKGROUNDS")
_covering(SENTIMENT_BADGES, SENTENCE_SENTIMENTS, "SENTIMENT_BADGES")
_covering(QUALIFIER_SIGNS, QUALIFIERS, "QUALIFIER_SIGNS")
_covering(ENTITY_SENTIMENT_SIGNS, ENTITY_SENTIMENTS, "ENTITY_SENTIMENT_SIGNS")
COLORS = {**ENTITY_COLORS, **{AMOUNT_LABELS[kind]: color for kind, color in AMOUNT_COLORS.items()}}

# Error kind -> (outline colour, tag shown on the mark, legend text, explanation).
ERRORS = {
    "missed": ("#d32f2f", "missed", "gold item not found", "gold item aligned to no prediction (false negative)"),
    "spurious": ("#c2185b", "spurious", "prediction not in gold",
                 "prediction aligned to no gold item: nothing of its layer overlaps it, or every overlapping gold "
                 "item is aligned to a better prediction (false positive)"),
    "wrong-span": ("#827717", "span", "boundaries differ",
                   "aligned to an overlapping gold item with other boundaries (a false positive and a false negative)"),
    "wrong-label": ("#e65100", "label", "other label or kind",
                    "same span, other entity label (a false positive and a false negative) or amount kind (scored apart)"),
    "wrong-value": ("#6a1b9a", "value", "amount value or currency",
                    "amount span and kind right, value (relative tolerance 1e-6) or currency wrong"),
    "wrong-attribute": ("#5d4037", "attr", "unit, qualifier or per",
                        "amount span, kind, value and currency right; a given unit, qualifier or per wrong"),
    "wrong-entity-sentiment": ("#00838f", "sent", "entity sentiment",
                               "entity span and label right, the given entity sentiment wrong"),
    "wrong-sentiment": ("#1565c0", "wrong", "sentence sentiment", "predicted sentence sentiment differs from gold"),
    "wrong-document-sentiment": ("#1565c0", "wrong", "document sentiment",
                                 "predicted document sentiment differs from gold"),
}

# displaCy's own entity template (spacy.displacy.templates.TPL_ENT) with classes, a title, the
# strict outcome and an entity-id badge added; they are per-span "params", escaped by this module.
MARK_TEMPLATE = (
    '<mark class="entity kiwi-mark kiwi-{layer} kiwi-{side}{classes}" title="{title}"{outcome} '
    'style="background: {bg}; padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1; border-radius: 0.35em;">'
    "{text}"
    '<span style="font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; '
    'vertical-align: middle; margin-left: 0.5rem">{label}<span class="kiwi-detail">{detail}</span></span>{badge}'
    "</mark>"
)
NOWRAP_BELOW = 40  # marks of fewer characters are not broken across lines (a break inside "38-Milliarden" misleads)


@dataclass
class Mark:
    """One span to draw: a gold or predicted entity or amount, its error kind and strict outcome if compared."""

    start: int
    end: int
    label: str
    layer: str  # "entity" or "amount"
    title: str
    detail: str = ""
    error: str | None = None
    outcome: str | None = None  # "tp", "fp" or "fn" under the layer's strict scheme; None when not compared
    entity_id: str | None = None

    @property
    def classes(self) -> str:
        return f" kiwi-error kiwi-{self.error}" if self.error else ""

    @property
    def color(self) -> str:
        return COLORS.get(self.label, "#ddd")


# ---- small formatting helpers -----------------------------------------------------------------

def _number(value: float) -> str:
    return f"{value:.6g}"


def format_value(value: float, kind: str) -> str:
    """A short readable form of a normalised amount value: 38 bn, 1.4 tn, 700 M, 50,000, 33.3333%."""
    if kind == "percent":
        return f"{_number(value)}%"
    for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "M")):
        if abs(value) >= scale:
            return f"{_number(value / scale)} {word}"
    return f"{value:,.6g}"


def _amount_detail(item: Record) -> str:
    sign = QUALIFIER_SIGNS.get(item.get("qualifier") or "exact", "")
    parts = [f"{sign}{format_value(item['value'], item['kind'])}"]
    if item.get("currency"):
        parts.append(item["currency"])
    if item.get("unit"):
        parts.append(item["unit"])
    text = " ".join(parts)
    if item.get("per"):
        text += f"/{item['per']}"
    return " " + text


def _entity_detail(item: Record) -> str:
    return ENTITY_SENTIMENT_SIGNS.get(item.get("sentiment") or "neutral", "")


def _quote(text: str, start: int, end: int) -> str:
    surface = text[start:end]
    if len(surface) > 60:
        surface = surface[:57] + "…"
    return f"“{surface}” [{start}, {end})"


def _label(item: Record, layer: str) -> str:
    return item["label"] if layer == "entity" else AMOUNT_LABELS.get(item["kind"], item["kind"].upper())


def _attributes(item: Record, layer: str) -> str:
    if layer == "entity":
        extra = [f"sentiment {item['sentiment']}"] if item.get("sentiment") else []
        return " · ".join(extra)
    extra = [f"value {item['value']!r}", f"currency {item.get('currency')}"]
    extra += [f"{key} {item[key]}" for key in ("unit", "qualifier", "per") if key in item]
    return " · ".join(extra)


def _title(item: Record, layer: str, text: str, side: str) -> str:
    head = f"{side} {_label(item, layer)} {_quote(text, item['start'], item['end'])}"
    ids = [item.get("id") if side == "gold" else None]
    ids += [f"entity_id {item['entity_id']}"] if item.get("entity_id") else []
    rest = " · ".join(part for part in ids if part)
    return " · ".join(part for part in (head, rest, _attributes(item, layer)) if part)


# ---- comparison -------------------------------------------------------------------------------

def is_span_based(items: Iterable[Record] | None) -> bool:
    """Whether a predicted layer gives spans (an empty list counts as span-based: nothing predicted)."""
    return items is not None and all("start" in item for item in items)


def _same_span(gold: Record, pred: Record) -> bool:
    return (gold["start"], gold["end"]) == (pred["start"], pred["end"])


def strict_hit(gold: Record, pred: Record, layer: str) -> bool:
    """Whether an aligned pair is a true positive of the layer's strict scheme (see the module docstring)."""
    return _same_span(gold, pred) and (layer == "amount" or gold["label"] == pred["label"])


def _entity_check(gold: Record, pred: Record, text: str) -> tuple[str, str] | None:
    if pred.get("sentiment") is not None and gold.get("sentiment") is not None and pred["sentiment"] != gold["sentiment"]:
        return "wrong-entity-sentiment", (f"wrong entity sentiment: predicted {pred['sentiment']}, gold "
                                          f"{gold.get('sentiment')} for {gold['label']} "
                                          f"{_quote(text, gold['start'], gold['end'])}")
    return None


def _amount_check(gold: Record, pred: Record, text: str) -> tuple[str, str] | None:
    where = f"{_label(gold, 'amount')} {_quote(text, gold['start'], gold['end'])}"
    if not same_value(gold, pred):
        predicted = f"{format_value(pred['value'], pred['kind'])} {pred.get('currency') or '(no currency)'}"
        expected = f"{format_value(gold['value'], gold['kind'])} {gold.get('currency') or '(no currency)'}"
        return "wrong-value", (f"wrong value: predicted {predicted} (value {pred['value']!r}), gold {expected} "
                               f"(value {gold['value']!r}) for {where}")
    wrong = []
    for key in ("unit", "qualifier", "per"):
        if key in pred:
            same = same_unit(pred[key], gold.get(key)) if key == "unit" else pred[key] == gold.get(key)
            if not same:
                wrong.append(f"{key} {pred[key]} (gold {gold.get(key)})")
    if wrong:
        return "wrong-attribute", f"wrong attribute: {'; '.join(wrong)} for {where}"
    return None


def _pair_error(gold: Record, pred: Record, layer: str, text: str) -> tuple[str | None, str]:
    """Error kind and explanation of an aligned pair, from the coarsest difference to the finest."""
    if not _same_span(gold, pred):
        other = "" if _label(gold, layer) == _label(pred, layer) else f", and predicted {_label(pred, layer)}"
        return "wrong-span", (f"wrong span: aligned to gold {_label(gold, layer)} "
                              f"{_quote(text, gold['start'], gold['end'])}{other}")
    if _label(gold, layer) != _label(pred, layer):
        return "wrong-label", (f"wrong label: predicted {_label(pred, layer)}, gold {_label(gold, layer)} "
                               f"for {_quote(text, pred['start'], pred['end'])}")
    found = (_entity_check if layer == "entity" else _amount_check)(gold, pred, text)
    return found if found else (None, "correct")


def compare_layer(document: Document, layer: str, pred_items: Sequence[Record] | None,
                  gold: Gold | None = None) -> tuple[list[Mark], list[Mark], tuple[int, ...] | None]:
    """Gold and predicted marks of one layer ("entity" or "amount"), errors from the scorer's alignment,
    and that alignment (gold item -> position of its prediction, or -1).

    `pred_items` None (layer not predicted) or span-free: gold marks only, no errors, no alignment."""
    text = document["text"]
    gold_items = list(document.get(LAYERS[layer]) or ())
    detail = _entity_detail if layer == "entity" else _amount_detail
    compared = is_span_based(pred_items)
    predicted = list(pred_items) if compared else []  # type: ignore[arg-type]
    if compared:
        alignment = align_items(document, LAYERS[layer], predicted, gold)
        gold_match, pred_match = alignment.gold_match, alignment.pred_match
    else:
        gold_match, pred_match = (-1,) * len(gold_items), ()

    gold_marks = []
    for item, match in zip(gold_items, gold_match):
        title, error, outcome = _title(item, layer, text, "gold"), None, None
        if compared and match < 0:
            error, outcome = "missed", "fn"
            title = f"missed: no prediction aligned to this item · {title}"
        elif compared:
            partner = predicted[match]
            outcome = "tp" if strict_hit(item, partner, layer) else "fn"
            if outcome == "fn":
                title = (f"aligned to predicted {_label(partner, layer)} "
                         f"{_quote(text, partner['start'], partner['end'])} (not a strict match) · {title}")
        gold_marks.append(Mark(item["start"], item["end"], _label(item, layer), layer, title, detail(item), error,
                               outcome, item.get("entity_id")))

    pred_marks = []
    for item, match in zip(predicted, pred_match):
        title = _title(item, layer, text, "predicted")
        if match < 0:
            overlapping = [g for g in gold_items if g["start"] < item["end"] and item["start"] < g["end"]]
            hint = "".join(f"; overlaps gold {_label(g, layer)} {_quote(text, g['start'], g['end'])}, aligned to a "
                           "better prediction" for g in overlapping)
            error, explanation, outcome = "spurious", f"spurious: no gold {layer} aligned{hint}", "fp"
        else:
            error, explanation = _pair_error(gold_items[match], item, layer, text)
            outcome = "tp" if strict_hit(gold_items[match], item, layer) else "fp"
        pred_marks.append(Mark(item["start"], item["end"], _label(item, layer), layer, f"{explanation} · {title}",
                               detail(item), error, outcome, item.get("entity_id")))
    pred_marks.sort(key=lambda mark: (mark.start, mark.end))
    return gold_marks, pred_marks, (tuple(gold_match) if compared else None)


def outcome_counts(gold_marks: Iterable[Mark], pred_marks: Iterable[Mark]) -> dict[str, int]:
    """True and false positives (predicted marks) and false negatives (gold marks) of one layer."""
    predicted = Counter(mark.outcome for mark in pred_marks)
    return {"tp": predicted["tp"], "fp": predicted["fp"], "fn": sum(1 for mark in gold_marks if mark.outcome == "fn")}


# ---- layout -----------------------------------------------------------------------------------

def layers(marks: list[Mark]) -> list[list[Mark]]:
    """Greedy non-overlapping layers: each mark goes to the first layer where it overlaps nothing."""
    rows: list[list[Mark]] = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        for row in rows:
            if row[-1].end <= mark.start:
                row.append(mark)
                break
        else:
            rows.append([mark])
    return rows


def _displacy_block(text: str, marks: list[Mark], side: str) -> Markup:
    """One sentence's text with `marks` (local, non-overlapping offsets) drawn by displaCy (which escapes the text)."""
    ents = [{
        "start": mark.start, "end": mark.end, "label": mark.label,
        "params": {"layer": mark.layer, "side": side,
                   "classes": mark.classes + (" kiwi-nowrap" if mark.end - mark.start < NOWRAP_BELOW else ""),
                   "title": escape(mark.title, quote=True), "detail": escape(mark.detail, quote=True),
                   "outcome": f' data-outcome="{mark.outcome}"' if mark.outcome else "",
                   "badge": (f'<span class="kiwi-eid" title="entity_id">{escape(mark.entity_id)}</span>'
                             if mark.entity_id else "")},
    } for mark in marks]
    return Markup(displacy.render({"text": text, "ents": ents, "title": None}, style="ent", manual=True, page=False,
                                  jupyter=False, options={"colors": COLORS, "template": MARK_TEMPLATE}))


@dataclass
class Cell:
    """One side ("gold" or "pred") of a sentence row: its sentiment badge, displaCy blocks, marks between sentences."""

    side: str
    background: str
    badge: dict[str, Any]
    blocks: list[Markup]
    between: list[Mark] = field(default_factory=list)


def _blocks(document: Document, sentence: Record, marks: list[Mark], side: str) -> tuple[list[Markup], list[Mark]]:
    """The displaCy block(s) for one sentence (the main layer, then overlapping ones) and the marks outside it."""
    s_start, s_end = sentence["start"], sentence["end"]
    text = document["text"][s_start:s_end]
    local, outside = [], []
    for mark in marks:
        start, end = max(mark.start, s_start), min(mark.end, s_end)
        if end <= start:
            outside.append(mark)
            continue
        title = mark.title if (start, end) == (mark.start, mark.end) else (
            mark.title + " · the span crosses the sentence boundary and is shown clipped")
        local.append(Mark(start - s_start, end - s_start, mark.label, mark.layer, title, mark.detail, mark.error,
                          mark.outcome, mark.entity_id))
    rows = layers(local) or [[]]
    return [_displacy_block(text, row, side) for row in rows], outside


def _assign(marks: list[Mark], sentences: list[Record]) -> list[list[Mark]]:
    """Marks per sentence: the sentence in which the mark starts (or the last one before it)."""
    starts = [sentence["start"] for sentence in sentences]
    per_sentence: list[list[Mark]] = [[] for _ in sentences]
    for mark in marks:
        per_sentence[max(bisect_right(starts, mark.start) - 1, 0)].append(mark)
    return per_sentence


def _badge(sentiment: str | None, *, error: str | None = None, title: str = "", prefix: str = "") -> dict[str, Any]:
    return {"sentiment": sentiment, "color": SENTIMENT_BADGES.get(sentiment or "", "#616161"), "title": title,
            "prefix": prefix, "classes": f" kiwi-error kiwi-{error}" if error else ""}


def _meta(document: Document) -> list[tuple[str, str]]:
    source = document.get("source") or {}
    status = document.get("status") or {}
    unfinished = [layer for layer, value in status.items() if value != "complete"]
    return [("id", document.get("id", "")), ("language", document.get("language", "")),
            ("split", document.get("split", "")), ("source", source.get("file") or "—"),
            ("sha256", (source.get("sha256") or "—")[:16] + ("…" if source.get("sha256") else "")),
            ("url", source.get("url") or "—"),
            ("layers", "all complete" if status and not unfinished else
             ("unfinished: " + ", ".join(unfinished) if unfinished else "—")),
            ("sentences", str(len(document.get("sentences", [])))),
            ("entities", str(len(document.get("entities", [])))),
            ("amounts", str(len(document.get("amounts", []))))]


# ---- cross-document entity ids -------------------------------------------------------------------

def entity_id_rows(document: Document, corpus: Sequence[Document] = (),
                   alignment: Sequence[int] | None = None, predicted: Sequence[Record] = ()) -> list[dict[str, Any]]:
    """One row per gold entity id of `document`: label, mentions here, other documents of `corpus` that
    mention it, and (with `alignment`, the gold -> prediction positions) the predicted ids of its mentions."""
    elsewhere: dict[str, Counter] = {}
    for other in corpus:
        if other.get("id") == document.get("id"):
            continue
        for entity in other.get("entities") or ():
            elsewhere.setdefault(entity["entity_id"], Counter())[other["id"]] += 1
    rows: dict[str, dict[str, Any]] = {}
    for k, entity in enumerate(document.get("entities") or ()):
        row = rows.setdefault(entity["entity_id"], {"entity_id": entity["entity_id"], "labels": Counter(),
                                                   "mentions": 0, "surfaces": Counter(), "predicted": Counter()})
        row["labels"][entity["label"]] += 1
        row["mentions"] += 1
        row["surfaces"][entity["text"]] += 1
        if alignment is not None:
            match = alignment[k]
            row["predicted"][("missed" if match < 0 else predicted[match].get("entity_id") or "no id")] += 1
    owners: dict[str, set[str]] = {}  # predicted id -> the gold ids of the mentions it was given to
    for entity_id, row in rows.items():
        for predicted_id in row["predicted"]:
            if predicted_id not in ("missed", "no id"):
                owners.setdefault(predicted_id, set()).add(entity_id)
    result = []
    for entity_id, row in sorted(rows.items(), key=lambda pair: (-pair[1]["mentions"], pair[0])):
        others = elsewhere.get(entity_id, Counter())
        given = [predicted_id for predicted_id in row["predicted"] if predicted_id not in ("missed", "no id")]
        merged = sorted({other for predicted_id in given for other in owners[predicted_id]} - {entity_id})
        result.append({**row, "labels": ", ".join(sorted(row["labels"])),
                       "split": len(given) > 1, "split_ids": len(given), "merged_with": merged,
                       "surfaces": ", ".join(f"{s} ×{n}" if n > 1 else s for s, n in row["surfaces"].most_common()),
                       "documents": [(doc_id, others[doc_id]) for doc_id in sorted(others)],
                       "predicted": row["predicted"].most_common()})
    return result


# ---- the page ---------------------------------------------------------------------------------

def render_document(document: Document, prediction: Record | None = None, *,
                    predictions_name: str | None = None, corpus: Sequence[Document] = ()) -> str:
    """The HTML page for one gold `document`, with `prediction` (one validated record) beside it if given.

    `corpus` (all gold documents) fills the "other documents" column of the entity-id table."""
    sentences = list(document["sentences"])
    with_pred = prediction is not None
    pred = prediction or {}
    gold = load_gold([dict(document)]) if with_pred else None

    gold_e, pred_e, entity_alignment = compare_layer(document, "entity", pred.get("entities") if with_pred else None, gold)
    gold_a, pred_a, _ = compare_layer(document, "amount", pred.get("amounts") if with_pred else None, gold)
    gold_rows, pred_rows = _assign(gold_e + gold_a, sentences), _assign(pred_e + pred_a, sentences)
    error_counts: Counter = Counter(mark.error for mark in gold_e + gold_a + pred_e + pred_a if mark.error)

    predicted_sentences = {item["id"]: item["sentiment"] for item in pred.get("sentences", [])}
    rows = []
    for k, sentence in enumerate(sentences):
        sid, gold_sentiment = sentence["id"], sentence.get("sentiment")
        blocks, between = _blocks(document, sentence, gold_rows[k], "gold")
        cells = [Cell("gold", SENTIMENT_BACKGROUNDS.get(gold_sentiment or "", NOT_PREDICTED_BACKGROUND),
                      _badge(gold_sentiment, title=f"gold sentence sentiment of {sid}: {gold_sentiment}"), blocks, between)]
        if with_pred:
            predicted = predicted_sentences.get(sid)
            error, title = None, f"predicted sentence sentiment of {sid}: {predicted}"
            if predicted is None:
                title = (f"no sentiment predicted for {sid}" if "sentences" in pred
                         else "sentence sentiment is not predicted by this system")
            elif gold_sentiment is not None and predicted != gold_sentiment:
                error = "wrong-sentiment"
                title = f"wrong sentence sentiment: predicted {predicted}, gold {gold_sentiment} ({sid})"
                error_counts[error] += 1
            blocks, between = _blocks(document, sentence, pred_rows[k], "pred")
            cells.append(Cell("pred", SENTIMENT_BACKGROUNDS.get(predicted or "", NOT_PREDICTED_BACKGROUND),
                              _badge(predicted, error=error, title=title), blocks, between))
        rows.append({"id": sid, "cells": cells})

    gold_doc = document.get("sentiment")
    document_badges = [_badge(gold_doc, title=f"gold document sentiment: {gold_doc}", prefix="gold: ")]
    summary = None
    if with_pred:
        predicted_doc = pred.get("sentiment")
        error, title = None, f"predicted document sentiment: {predicted_doc}"
        if predicted_doc is None:
            title = "document sentiment is not predicted by this system"
        elif gold_doc is not None and predicted_doc != gold_doc:
            error = "wrong-document-sentiment"
            title = f"wrong document sentiment: predicted {predicted_doc}, gold {gold_doc}"
            error_counts[error] += 1
        document_badges.append(_badge(predicted_doc, error=error, title=title, prefix="predicted: "))
        summary = _summary(pred, predictions_name, error_counts,
                           {"entity": (gold_e, pred_e), "amount": (gold_a, pred_a)})

    return render("viewer.html",
                  document=document, language=document.get("language") or "", meta=_meta(document),
                  document_badges=document_badges, summary=summary, with_pred=with_pred, rows=rows,
                  legend=_legend(), errors=ERRORS, entity_ids=entity_id_rows(
                      document, corpus, entity_alignment, list(pred.get("entities") or ())),
                  corpus_given=bool(corpus), ids_compared=entity_alignment is not None,
                  span_free=_span_free(pred) if with_pred else [])


def _summary(pred: Record, predictions_name: str | None, error_counts: Counter,
             marks: dict[str, tuple[list[Mark], list[Mark]]]) -> dict[str, Any]:
    missing = [name for key, name in (("entities", "entities"), ("amounts", "amounts"),
                                      ("sentences", "sentence sentiment"), ("sentiment", "document sentiment"))
               if key not in pred]
    span_free = [key for key in ("entities", "amounts") if key in pred and not is_span_based(pred[key])]
    notes = []
    if missing:
        notes.append("not predicted: " + ", ".join(missing))
    if span_free:
        notes.append("span-free (listed below, not marked): " + ", ".join(span_free))
    outcomes = [{"layer": LAYERS[layer], "scheme": SCHEMES[layer], **outcome_counts(*layer_marks)}
                for layer, layer_marks in marks.items() if is_span_based(pred.get(LAYERS[layer]))]
    return {"name": predictions_name, "errors": [(kind, error_counts[kind]) for kind in ERRORS if error_counts[kind]],
            "outcomes": outcomes, "notes": "; ".join(notes)}


def _legend() -> dict[str, Any]:
    return {"sentiments": [(s, SENTIMENT_BACKGROUNDS[s], SENTIMENT_BADGES[s]) for s in SENTENCE_SENTIMENTS],
            "entities": [(label, ENTITY_COLORS[label]) for label in ENTITY_LABELS],
            "amounts": [(AMOUNT_LABELS[kind], AMOUNT_COLORS[kind]) for kind in AMOUNT_KINDS],
            "signs": [(sign, sentiment) for sentiment, sign in ENTITY_SENTIMENT_SIGNS.items() if sign],
            "qualifiers": [(sign, qualifier) for qualifier, sign in QUALIFIER_SIGNS.items() if sign]}


def _span_free(pred: Record) -> list[dict[str, str]]:
    """The span-free predicted items (they have no place in the text)."""
    items = []
    for item in pred.get("entities") or []:
        if "start" not in item:
            items.append({"label": item["label"] + _entity_detail(item), "color": COLORS.get(item["label"], "#ddd"),
                          "text": item["text"], "layer": "entity", "entity_id": item.get("entity_id") or ""})
    for item in pred.get("amounts") or []:
        if "start" not in item:
            label = _label(item, "amount")
            items.append({"label": label, "color": COLORS.get(label, "#ddd"), "text": _amount_detail(item).strip(),
                          "layer": "amount", "entity_id": ""})
    return items
