"""Render one KIWI document as a self-contained HTML page: gold annotations, optionally beside a system's predictions.

Pure functions (a gold document and an optional prediction record in, an HTML string out); the
`kiwi-bench show` command does the file I/O. The page has no scripts and no external resources:
one inline style sheet, and every text escaped (displaCy escapes the document text it renders,
`html.escape` everything else).

Layout: a header (title, metadata, document sentiment, error summary), a colour legend, then one
table row per gold sentence: the sentence id, the gold sentence rendered by displaCy (manual mode,
`style="ent"`) on a background that shows the gold sentence sentiment, and with a prediction the
same sentence with the predicted items on a background that shows the predicted sentiment.

Entities and amounts are merged into one displaCy block per sentence: amounts appear as marks
labelled MONEY, COUNT or PERCENT (with their normalised value). displaCy cannot draw overlapping
spans, so the marks are laid out greedily in layers: a mark that overlaps one already placed goes
to an extra displaCy block under the sentence ("overlapping marks"). Gold entities never overlap
each other, nor do gold amounts; a prediction may overlap anything.

Error marks compare spans exactly by (start, end) within a layer, which keeps them simple and
predictable; `kiwi-bench evaluate` has the official alignment (partial overlaps etc.). Every
error is one element with the class `kiwi-error kiwi-<kind>` and a `title` that explains it:

- missed: a gold item with no prediction on exactly its span (on the gold mark);
- spurious: a prediction on a span that has no gold item of its layer, or a second
  prediction on the same span (on the predicted mark);
- wrong-label: same span, another entity label or amount kind (on the predicted mark);
- wrong-value: amount span and kind right, value (relative tolerance 1e-6) or currency wrong;
- wrong-attribute: amount span, kind, value and currency right, but a given unit, qualifier or
  per differs from gold;
- wrong-entity-sentiment: entity span and label right, the given sentiment differs;
- wrong-sentiment: the predicted sentence sentiment differs (on the predicted sentence's badge);
- wrong-document-sentiment: the predicted document sentiment differs (in the header).

A layer missing from the prediction record is "not predicted": its gold items are not marked
missed. Span-free predictions (entities given by text, amounts without a span) cannot be
placed in the text; they are listed under the table without error marks.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from html import escape
from typing import Any, Callable, Iterable, Mapping

from spacy import displacy

from kiwi_bench.scoring.equality import same_unit, same_value

Document = Mapping[str, Any]
Record = Mapping[str, Any]

ENTITY_LABELS = ("PER", "ORG", "LOC", "PRODUCT", "MISC")
AMOUNT_LABELS = {"money": "MONEY", "count": "COUNT", "percent": "PERCENT"}
SENTIMENTS = ("positive", "negative", "neutral", "mixed")

# displaCy mark colours, one per entity label and per amount kind (shown as its label).
COLORS = {
    "PER": "#aa9cfc",
    "ORG": "#7aecec",
    "LOC": "#ff9561",
    "PRODUCT": "#f4a6cd",
    "MISC": "#d4c59a",
    "MONEY": "#ffe066",
    "COUNT": "#b5de8c",
    "PERCENT": "#9fd4ff",
}

# Background of a sentence cell (light) and colour of its sentiment badge (dark), per sentiment.
SENTIMENT_BACKGROUNDS = {"positive": "#e4f4e1", "negative": "#fbe3e3", "neutral": "#f1f1f1", "mixed": "#fff1c2"}
SENTIMENT_BADGES = {"positive": "#2e7d32", "negative": "#c62828", "neutral": "#616161", "mixed": "#a07800"}
NOT_PREDICTED_BACKGROUND = "#ffffff"

# Error kind -> (outline colour, tag shown on the mark, legend text, explanation).
ERRORS = {
    "missed": ("#d32f2f", "missed", "gold span not predicted", "gold item with no prediction on exactly its span"),
    "spurious": ("#c2185b", "spurious", "predicted span not in gold",
                 "prediction on a span with no gold item of its layer, or a duplicate prediction"),
    "wrong-label": ("#e65100", "label", "other label or kind", "same span, other entity label or amount kind"),
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

QUALIFIER_SIGNS = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤"}
ENTITY_SENTIMENT_SIGNS = {"positive": "+", "negative": "−", "neutral": ""}

# displaCy's own entity template (spacy.displacy.templates.TPL_ENT) with a class list and a
# title added; {layer}, {side}, {classes}, {title} and {detail} are per-span "params".
MARK_TEMPLATE = (
    '<mark class="entity kiwi-mark kiwi-{layer} kiwi-{side}{classes}" title="{title}" '
    'style="background: {bg}; padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1; border-radius: 0.35em;">'
    "{text}"
    '<span style="font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; '
    'vertical-align: middle; margin-left: 0.5rem">{label}<span class="kiwi-detail">{detail}</span></span>'
    "</mark>"
)


@dataclass
class Mark:
    """One span to draw: a gold or predicted entity or amount, with its error kind if any."""

    start: int
    end: int
    label: str
    layer: str  # "entity" or "amount"
    title: str
    detail: str = ""
    error: str | None = None


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


def _gold_title(item: Record, layer: str, text: str) -> str:
    head = f"gold {_label(item, layer)} {_quote(text, item['start'], item['end'])}"
    ids = [item.get("id")] + ([f"entity_id {item['entity_id']}"] if item.get("entity_id") else [])
    rest = " · ".join(part for part in ids if part)
    attrs = _attributes(item, layer)
    return " · ".join(part for part in (head, rest, attrs) if part)


def _pred_title(item: Record, layer: str, text: str) -> str:
    head = f"predicted {_label(item, layer)} {_quote(text, item['start'], item['end'])}"
    attrs = _attributes(item, layer)
    return " · ".join(part for part in (head, attrs) if part)


# ---- comparison -------------------------------------------------------------------------------

def is_span_based(items: Iterable[Record] | None) -> bool:
    """Whether a predicted layer gives spans (an empty list counts as span-based: nothing predicted)."""
    return items is not None and all("start" in item for item in items)


def _entity_check(gold: Record, pred: Record, text: str) -> tuple[str, str] | None:
    if pred.get("sentiment") is not None and pred["sentiment"] != gold.get("sentiment"):
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


def compare_layer(gold_items: list[Record], pred_items: list[Record] | None, layer: str, text: str,
                  check: Callable[[Record, Record, str], tuple[str, str] | None]) -> tuple[list[Mark], list[Mark]]:
    """Gold and predicted marks of one layer, with errors by exact (start, end) match.

    `pred_items` None (layer not predicted) or span-free: gold marks only, no errors."""
    detail = _entity_detail if layer == "entity" else _amount_detail
    compared = is_span_based(pred_items)
    predicted = list(pred_items) if compared else []  # type: ignore[arg-type]
    pred_spans = {(item["start"], item["end"]) for item in predicted}
    gold_by_span = {(item["start"], item["end"]): item for item in gold_items}

    gold_marks = []
    for item in gold_items:
        title = _gold_title(item, layer, text)
        error = None
        if compared and (item["start"], item["end"]) not in pred_spans:
            error = "missed"
            title = f"missed: no prediction with exactly this span · {title}"
        gold_marks.append(Mark(item["start"], item["end"], _label(item, layer), layer, title, detail(item), error))

    pred_marks = []
    seen: set[tuple[int, int]] = set()
    def other_label(item: Record) -> bool:
        gold = gold_by_span.get((item["start"], item["end"]))
        return gold is not None and _label(item, layer) != _label(gold, layer)

    # On a shared span, a prediction with the gold label is compared first; the others are duplicates.
    for item in sorted(predicted, key=other_label):
        span = (item["start"], item["end"])
        title = _pred_title(item, layer, text)
        gold = gold_by_span.get(span)
        error, explanation = None, ""
        if span in seen:
            error, explanation = "spurious", "spurious: duplicate, another prediction has the same span"
        elif gold is None:
            overlapping = [g for g in gold_items if g["start"] < item["end"] and item["start"] < g["end"]]
            hint = "".join(f"; overlaps gold {_label(g, layer)} {_quote(text, g['start'], g['end'])}" for g in overlapping)
            error, explanation = "spurious", f"spurious: no gold {layer} with exactly this span{hint}"
        elif _label(item, layer) != _label(gold, layer):
            error, explanation = "wrong-label", (f"wrong label: predicted {_label(item, layer)}, gold "
                                                 f"{_label(gold, layer)} for {_quote(text, *span)}")
        else:
            found = check(gold, item, text)
            if found:
                error, explanation = found
            else:
                explanation = "correct"
        seen.add(span)
        pred_marks.append(Mark(item["start"], item["end"], _label(item, layer), layer,
                               f"{explanation} · {title}", detail(item), error))
    pred_marks.sort(key=lambda mark: (mark.start, mark.end))
    return gold_marks, pred_marks


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


def _classes(error: str | None) -> str:
    return f" kiwi-error kiwi-{error}" if error else ""


NOWRAP_BELOW = 40  # marks of fewer characters are not broken across lines (a break inside "38-Milliarden" misleads)


def _displacy_block(text: str, marks: list[Mark], side: str) -> str:
    """One sentence's text with `marks` (local, non-overlapping offsets) drawn by displaCy."""
    ents = [{
        "start": mark.start, "end": mark.end, "label": mark.label,
        "params": {"layer": mark.layer, "side": side,
                   "classes": _classes(mark.error) + (" kiwi-nowrap" if mark.end - mark.start < NOWRAP_BELOW else ""),
                   "title": escape(mark.title, quote=True), "detail": escape(mark.detail, quote=True)},
    } for mark in marks]
    return displacy.render({"text": text, "ents": ents, "title": None}, style="ent", manual=True, page=False,
                           jupyter=False, options={"colors": COLORS, "template": MARK_TEMPLATE})


def _chip(mark: Mark, side: str, note: str) -> str:
    """A mark that cannot be drawn inside a sentence's text (it lies between sentences)."""
    return (f'<span class="kiwi-chip kiwi-{mark.layer} kiwi-{side}{_classes(mark.error)}" '
            f'title="{escape(mark.title + " · " + note, quote=True)}" style="background: {COLORS.get(mark.label, "#ddd")}">'
            f"{escape(mark.label)}{escape(mark.detail)} [{mark.start}, {mark.end})</span>")


def _sentence_html(document: Document, sentence: Record, marks: list[Mark], side: str) -> str:
    """The displaCy block(s) for one sentence: the main layer, then any overlapping layers."""
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
        local.append(Mark(start - s_start, end - s_start, mark.label, mark.layer, title, mark.detail, mark.error))
    rows = layers(local) or [[]]
    parts = [f'<div class="kiwi-text" lang="{escape(document.get("language") or "", quote=True)}">'
             f"{_displacy_block(text, rows[0], side)}</div>"]
    for row in rows[1:]:
        parts.append('<div class="kiwi-overlap"><span class="kiwi-note">overlapping marks:</span>'
                     f"{_displacy_block(text, row, side)}</div>")
    if outside:
        chips = "".join(_chip(mark, side, "the span lies between sentences") for mark in outside)
        parts.append(f'<div class="kiwi-overlap"><span class="kiwi-note">between sentences:</span> {chips}</div>')
    return "".join(parts)


def _assign(marks: list[Mark], sentences: list[Record]) -> list[list[Mark]]:
    """Marks per sentence: the sentence in which the mark starts (or the last one before it)."""
    starts = [sentence["start"] for sentence in sentences]
    per_sentence: list[list[Mark]] = [[] for _ in sentences]
    for mark in marks:
        per_sentence[max(bisect_right(starts, mark.start) - 1, 0)].append(mark)
    return per_sentence


def _badge(sentiment: str | None, *, error: str | None = None, title: str = "", prefix: str = "") -> str:
    if sentiment is None:
        return (f'<span class="kiwi-sentiment kiwi-sentiment-none" title="{escape(title, quote=True)}">'
                f"{escape(prefix)}not predicted</span>")
    color = SENTIMENT_BADGES.get(sentiment, "#616161")
    return (f'<span class="kiwi-sentiment kiwi-sentiment-{escape(sentiment, quote=True)}{_classes(error)}" '
            f'style="background: {color}" title="{escape(title, quote=True)}">{escape(prefix)}{escape(sentiment)}</span>')


# ---- the page ---------------------------------------------------------------------------------

STYLE = """
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 0; padding: 20px 28px;
       color: #1f1f1f; background: #fff; font-size: 15px; }
h1 { font-size: 1.45em; margin: 0 0 0.4em 0; }
.kiwi-header { border-bottom: 1px solid #ddd; padding-bottom: 10px; margin-bottom: 10px; }
.kiwi-meta { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0; font-size: 0.9em; color: #444; }
.kiwi-meta div { white-space: nowrap; }
.kiwi-meta dt { display: inline; font-weight: bold; }
.kiwi-meta dd { display: inline; margin: 0 0 0 0.3em; }
.kiwi-summary { margin: 8px 0 0 0; font-size: 0.95em; }
.kiwi-count { display: inline-block; border: 2px solid var(--kiwi-error); border-radius: 0.3em; padding: 0 0.4em;
              margin: 2px 6px 2px 0; white-space: nowrap; font-size: 0.9em; }
.kiwi-legend-item { display: inline-block; margin: 2px 14px 2px 0; white-space: nowrap; }
.kiwi-legend-error { background: #fff; padding: 0.1em 0.2em; margin-right: 6px; }
.kiwi-legend-error::after { margin-left: 0; }
.kiwi-legend { display: flex; flex-wrap: wrap; gap: 6px 28px; font-size: 0.85em; margin: 0 0 12px 0; }
.kiwi-legend h2 { font-size: 1em; margin: 0 0 4px 0; }
.kiwi-swatch { display: inline-block; padding: 0.15em 0.5em; margin: 2px 4px 2px 0; border-radius: 0.35em;
               font-weight: bold; font-size: 0.9em; }
.kiwi-amount-swatch { border-radius: 0; }
table.kiwi-sentences { width: 100%; border-collapse: separate; border-spacing: 0 3px; table-layout: fixed; }
table.kiwi-sentences th { text-align: left; font-size: 0.9em; color: #555; padding: 2px 10px; }
table.kiwi-sentences th.kiwi-sid, td.kiwi-sid { width: 42px; }
td { vertical-align: top; padding: 2px 10px; }
td.kiwi-sid { font-size: 0.8em; color: #666; padding-top: 12px; }
td.kiwi-cell { border-radius: 6px; }
.kiwi-cell .entities { font-size: 15px; }
.kiwi-sentiment { display: inline-block; color: #fff; font-size: 0.72em; font-weight: bold; padding: 0.1em 0.5em;
                  border-radius: 0.8em; margin: 6px 0 0 0; letter-spacing: 0.02em; }
.kiwi-sentiment-none { background: #fff; color: #777; border: 1px dashed #999; }
.kiwi-overlap { border-top: 1px dotted #aaa; font-size: 0.9em; }
.kiwi-note { font-size: 0.8em; color: #666; margin-right: 0.5em; }
.kiwi-chip { display: inline-block; padding: 0.2em 0.5em; margin: 2px; font-size: 0.85em; font-weight: bold; }
.kiwi-detail { font-weight: normal; }
mark.kiwi-amount { border-radius: 0 !important; }
mark.kiwi-nowrap { white-space: nowrap; }
.kiwi-spanfree { margin-top: 16px; font-size: 0.9em; }
.kiwi-spanfree li { margin: 2px 0; }
.kiwi-footnote { margin-top: 16px; font-size: 0.8em; color: #666; }
.kiwi-error, .kiwi-legend-error { outline: 3px solid var(--kiwi-error); outline-offset: 1px; }
.kiwi-error::after, .kiwi-legend-error::after { content: var(--kiwi-tag); display: inline-block; background: var(--kiwi-error);
    color: #fff; font-size: 0.62em; font-weight: bold; line-height: 1.2; padding: 0.1em 0.35em; margin-left: 0.35em;
    border-radius: 0.3em; vertical-align: middle; }
.kiwi-missed { outline-style: dashed; }
"""


def _error_css() -> str:
    rules = []
    for kind, (color, tag, _, _) in ERRORS.items():
        rules.append(f'.kiwi-{kind}, .kiwi-legend-{kind} {{ --kiwi-error: {color}; --kiwi-tag: "✗ {tag}"; }}')
    return "\n".join(rules)


def _legend(with_predictions: bool) -> str:
    sentiments = "".join(
        f'<span class="kiwi-swatch" style="background: {SENTIMENT_BACKGROUNDS[s]}; border: 1px solid #ccc">'
        f'<span class="kiwi-sentiment" style="background: {SENTIMENT_BADGES[s]}; margin: 0">{s}</span></span>'
        for s in SENTIMENTS)
    entities = "".join(f'<span class="kiwi-swatch" style="background: {COLORS[label]}">{label}</span>'
                       for label in ENTITY_LABELS)
    signs = '<span class="kiwi-note">ORG+ / ORG− : entity presented positively / negatively</span>'
    amounts = "".join(f'<span class="kiwi-swatch kiwi-amount-swatch" style="background: {COLORS[label]}">{label}</span>'
                      for label in AMOUNT_LABELS.values())
    amount_note = '<span class="kiwi-note">≈ approx, ≥ at least, ≤ at most; /year: rate</span>'
    groups = [("Sentence sentiment (cell background)", sentiments), ("Entities", entities + signs),
              ("Amounts (kind, normalised value)", amounts + amount_note)]
    if with_predictions:
        errors = "".join(
            f'<span class="kiwi-legend-item" title="{escape(explanation, quote=True)}">'
            f'<span class="kiwi-swatch kiwi-legend-error kiwi-legend-{kind}"></span>{escape(text)}</span>'
            for kind, (_, _, text, explanation) in ERRORS.items() if kind != "wrong-document-sentiment")
        groups.append(("Errors (exact span match; hover over a mark for details)", errors))
    return '<section class="kiwi-legend">' + "".join(
        f"<div><h2>{escape(title)}</h2>{body}</div>" for title, body in groups) + "</section>"


def _meta(document: Document) -> list[tuple[str, str]]:
    source = document.get("source") or {}
    status = document.get("status") or {}
    unfinished = [layer for layer, value in status.items() if value != "complete"]
    rows = [("id", document.get("id", "")), ("language", document.get("language", "")),
            ("split", document.get("split", "")), ("source", source.get("file") or "—"),
            ("sha256", (source.get("sha256") or "—")[:16] + ("…" if source.get("sha256") else "")),
            ("url", source.get("url") or "—"),
            ("layers", "all complete" if status and not unfinished else
             ("unfinished: " + ", ".join(unfinished) if unfinished else "—")),
            ("sentences", str(len(document.get("sentences", [])))),
            ("entities", str(len(document.get("entities", [])))),
            ("amounts", str(len(document.get("amounts", []))))]
    return rows


def render_document(document: Document, prediction: Record | None = None, *,
                    predictions_name: str | None = None) -> str:
    """The HTML page for one gold `document`, with `prediction` (one validated record) beside it if given."""
    text = document["text"]
    sentences = list(document["sentences"])
    with_pred = prediction is not None
    pred = prediction or {}

    gold_e, pred_e = compare_layer(list(document.get("entities", [])), pred.get("entities") if with_pred else None,
                                   "entity", text, _entity_check)
    gold_a, pred_a = compare_layer(list(document.get("amounts", [])), pred.get("amounts") if with_pred else None,
                                   "amount", text, _amount_check)
    gold_rows = _assign(gold_e + gold_a, sentences)
    pred_rows = _assign(pred_e + pred_a, sentences)

    predicted_sentences = {item["id"]: item["sentiment"] for item in pred.get("sentences", [])}
    sentence_layer = with_pred and "sentences" in pred
    error_counts: dict[str, int] = {kind: 0 for kind in ERRORS}
    for mark in gold_e + gold_a + pred_e + pred_a:
        if mark.error:
            error_counts[mark.error] += 1

    body_rows = []
    for k, sentence in enumerate(sentences):
        sid, gold_sentiment = sentence["id"], sentence.get("sentiment")
        gold_bg = SENTIMENT_BACKGROUNDS.get(gold_sentiment or "", NOT_PREDICTED_BACKGROUND)
        gold_cell = (f'<td class="kiwi-cell kiwi-gold" style="background: {gold_bg}">'
                     f'{_badge(gold_sentiment, title=f"gold sentence sentiment of {sid}: {gold_sentiment}")}'
                     f"{_sentence_html(document, sentence, gold_rows[k], 'gold')}</td>")
        cells = [f'<td class="kiwi-sid">{escape(sid)}</td>', gold_cell]
        if with_pred:
            predicted = predicted_sentences.get(sid)
            error, title = None, f"predicted sentence sentiment of {sid}: {predicted}"
            if predicted is None:
                title = (f"no sentiment predicted for {sid}" if sentence_layer
                         else "sentence sentiment is not predicted by this system")
            elif gold_sentiment is not None and predicted != gold_sentiment:
                error = "wrong-sentiment"
                title = f"wrong sentence sentiment: predicted {predicted}, gold {gold_sentiment} ({sid})"
                error_counts[error] += 1
            pred_bg = SENTIMENT_BACKGROUNDS.get(predicted or "", NOT_PREDICTED_BACKGROUND)
            cells.append(f'<td class="kiwi-cell kiwi-pred" style="background: {pred_bg}">'
                         f"{_badge(predicted, error=error, title=title)}"
                         f"{_sentence_html(document, sentence, pred_rows[k], 'pred')}</td>")
        body_rows.append(f'<tr class="kiwi-sentence" id="{escape(sid, quote=True)}">{"".join(cells)}</tr>')

    header_cells = '<th class="kiwi-sid">id</th><th>gold</th>' + ("<th>predicted</th>" if with_pred else "")
    table = (f'<table class="kiwi-sentences"><thead><tr>{header_cells}</tr></thead>'
             f'<tbody>{"".join(body_rows)}</tbody></table>')

    # Header: title, metadata, document sentiment, and with predictions the error summary.
    gold_doc = document.get("sentiment")
    doc_line = ["<dt>document sentiment</dt><dd>"
                + _badge(gold_doc, title=f"gold document sentiment: {gold_doc}", prefix="gold: ")]
    if with_pred:
        predicted_doc = pred.get("sentiment")
        error, title = None, f"predicted document sentiment: {predicted_doc}"
        if predicted_doc is None:
            title = "document sentiment is not predicted by this system"
        elif gold_doc is not None and predicted_doc != gold_doc:
            error = "wrong-document-sentiment"
            title = f"wrong document sentiment: predicted {predicted_doc}, gold {gold_doc}"
            error_counts[error] += 1
        doc_line.append(" " + _badge(predicted_doc, error=error, title=title, prefix="predicted: "))
    meta = "".join(f"<div><dt>{escape(key)}</dt><dd>{escape(value)}</dd></div>" for key, value in _meta(document))
    meta += f'<div>{"".join(doc_line)}</dd></div>'
    summary = ""
    if with_pred:
        missing_layers = [name for key, name in (("entities", "entities"), ("amounts", "amounts"),
                                                 ("sentences", "sentence sentiment"), ("sentiment", "document sentiment"))
                          if key not in pred]
        span_free = [key for key in ("entities", "amounts") if key in pred and not is_span_based(pred[key])]
        correct = sum(1 for mark in pred_e + pred_a if mark.error is None)
        counts = "".join(f'<span class="kiwi-count kiwi-legend-{kind}" title="{escape(ERRORS[kind][3], quote=True)}">'
                         f"{count} {escape(kind)}</span>" for kind, count in error_counts.items() if count)
        notes = []
        if missing_layers:
            notes.append("not predicted: " + ", ".join(missing_layers))
        if span_free:
            notes.append("span-free (listed below, not marked): " + ", ".join(span_free))
        name = f" from <code>{escape(predictions_name)}</code>" if predictions_name else ""
        summary = (f'<p class="kiwi-summary"><b>Predictions{name}:</b> {correct} predicted marks exactly right; '
                   f"errors: {counts or 'none'}"
                   + (f' <span class="kiwi-note">({escape("; ".join(notes))})</span>' if notes else "") + "</p>")
    header = (f'<header class="kiwi-header"><h1 lang="{escape(document.get("language") or "", quote=True)}">'
              f'{escape(document.get("title") or document.get("id", ""))}</h1>'
              f'<dl class="kiwi-meta">{meta}</dl>{summary}</header>')

    span_free_html = _span_free(pred) if with_pred else ""
    footnote = ('<p class="kiwi-footnote">Generated by <code>kiwi-bench show</code>. Error marks match spans exactly '
                "by (start, end); <code>kiwi-bench evaluate</code> has the official alignment and scores. "
                "Offsets are half-open [start, end) code-point indices into the document text.</p>")
    title = f"KIWI {document.get('id', '')}: {document.get('title') or ''}"
    return ("<!DOCTYPE html>\n"
            f'<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{STYLE}{_error_css()}</style></head>\n"
            f"<body>{header}{_legend(with_pred)}{table}{span_free_html}{footnote}</body></html>\n")


def _span_free(pred: Record) -> str:
    """A list of the span-free predicted items (they have no place in the text)."""
    items = []
    for item in pred.get("entities") or []:
        if "start" not in item:
            sign = _entity_detail(item)
            items.append(f'<li><span class="kiwi-swatch" style="background: {COLORS.get(item["label"], "#ddd")}">'
                         f'{escape(item["label"])}{escape(sign)}</span>{escape(item["text"])}</li>')
    for item in pred.get("amounts") or []:
        if "start" not in item:
            label = _label(item, "amount")
            items.append(f'<li><span class="kiwi-swatch kiwi-amount-swatch" style="background: {COLORS.get(label, "#ddd")}">'
                         f"{escape(label)}</span>{escape(_amount_detail(item).strip())}</li>")
    if not items:
        return ""
    return ('<section class="kiwi-spanfree"><h2>Span-free predictions</h2><p class="kiwi-note">These items have no '
            "offsets, so they are not placed in the text nor marked; <code>kiwi-bench evaluate</code> scores them by "
            f"multiset matching.</p><ul>{''.join(items)}</ul></section>")
