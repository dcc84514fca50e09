"""`kiwi-bench show` and kiwi_bench.reporting.viewer: pure rendering, the command, and the page in a real browser.

The browser test runs headless Chromium when it is installed (`apt-get install chromium`) and
skips otherwise; .ci/run installs it when the machine can.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from kiwi_bench.cli import main
from kiwi_bench.corpus.documents import load_documents
from kiwi_bench.reporting.viewer import ERRORS, render_document

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "dataset"
EXAMPLE = ROOT / "tests" / "data" / "show-example-predictions.jsonl"

# The deliberate errors of tests/data/show-example-predictions.jsonl (a copy of the kiwi-001 gold with
# these changes): Amazon (s3), GB200 and GB300 (s12) left out; "Hauptpartner" as PER and
# "GB200/GB300" as one PRODUCT added; ChatGPT as ORG; OpenAI (s9) negative; 38-Milliarden as
# 38 million; "drei Dollar" exact instead of approx; s4 positive, s8 neutral; document negative.
# The scorer aligns "GB200/GB300" to the overlapping gold GB200 (a wrong span), so GB300 and Amazon
# are the missed items and "Hauptpartner" the one spurious.
EXAMPLE_ERRORS = {"missed": 2, "spurious": 1, "wrong-span": 1, "wrong-label": 1, "wrong-value": 1, "wrong-attribute": 1,
                  "wrong-entity-sentiment": 1, "wrong-sentiment": 2, "wrong-document-sentiment": 1}
EXAMPLE_MARKS = {("gold", "entity"): 39, ("gold", "amount"): 7, ("pred", "entity"): 38, ("pred", "amount"): 7}


# ---- helpers ----------------------------------------------------------------------------------

class Page(HTMLParser):
    """The elements (tag, attributes) and the text of an HTML page, parsed by the standard library."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    def with_class(self, *names: str) -> list[dict[str, str]]:
        return [attrs for _, attrs in self.elements if set(names) <= set(attrs.get("class", "").split())]

    def error_counts(self) -> dict[str, int]:
        counts: Counter = Counter()
        for attrs in self.with_class("kiwi-error"):
            kinds = [name.removeprefix("kiwi-") for name in attrs["class"].split()
                     if name.removeprefix("kiwi-") in ERRORS]
            assert len(kinds) == 1, attrs
            counts[kinds[0]] += 1
        return dict(counts)

    def outcomes(self, layer: str) -> dict[str, int]:
        """Strict true positives and false positives (predicted marks) and false negatives (gold marks) of a layer."""
        counts: Counter = Counter()
        for attrs in self.with_class(f"kiwi-{layer}"):
            outcome = attrs.get("data-outcome")
            side = "pred" if "kiwi-pred" in attrs["class"].split() else "gold"
            if outcome and (side, outcome) in (("pred", "tp"), ("pred", "fp"), ("gold", "fn")):
                counts[outcome] += 1
        return {key: counts[key] for key in ("tp", "fp", "fn")}

    def summary_counts(self, layer: str) -> dict[str, int]:
        """The true/false positive/negative counts the header's table prints for `layer` ("entities", "amounts")."""
        row, = [attrs for attrs in self.with_class("kiwi-outcome-row") if attrs["data-layer"] == layer]
        return {key: int(row[f"data-{key}"]) for key in ("tp", "fp", "fn")}

    def marks(self, side: str, layer: str) -> int:
        """displaCy marks (class "entity") of one side and layer."""
        return sum(1 for tag, attrs in self.elements if tag == "mark"
                   and {"entity", f"kiwi-{side}", f"kiwi-{layer}"} <= set(attrs.get("class", "").split()))


def at(text: str, surface: str, after: int = 0) -> tuple[int, int]:
    start = text.index(surface, after)
    return start, start + len(surface)


S1 = "AT&T kauft Foo für 5 Millionen Euro."
S2 = 'Bar <script>alert("x")</script> wächst um 10 Prozent.'
TEXT = S1 + "\n" + S2


def small_document() -> dict:
    """A hand-made gold document: 3 entities, 2 amounts, 2 sentences; its text holds markup."""
    def entity(k, surface, label, sentiment):
        start, end = at(TEXT, surface)
        return {"id": f"e{k}", "start": start, "end": end, "text": surface, "label": label,
                "entity_id": surface.lower(), "sentiment": sentiment}

    def amount(k, surface, kind, value, currency, unit=None, qualifier="exact"):
        start, end = at(TEXT, surface)
        return {"id": f"a{k}", "start": start, "end": end, "text": surface, "kind": kind, "value": value,
                "currency": currency, "unit": unit, "qualifier": qualifier, "per": None}

    s2_start = len(S1) + 1
    return {
        "id": "toy-001", "language": "de", "split": "test", "title": S1,
        "source": {"file": "toy.txt", "sha256": "0" * 64, "url": None},
        "status": {"sentence_sentiment": "complete", "entities": "complete", "amounts": "complete",
                   "document_sentiment": "complete"},
        "sentiment": "mixed", "text": TEXT,
        "sentences": [{"id": "s1", "start": 0, "end": len(S1), "text": S1, "sentiment": "positive"},
                      {"id": "s2", "start": s2_start, "end": len(TEXT), "text": S2, "sentiment": "negative"}],
        "entities": [entity(1, "AT&T", "ORG", "positive"), entity(2, "Foo", "PRODUCT", "neutral"),
                     entity(3, "Bar", "ORG", "negative")],
        "amounts": [amount(1, "5 Millionen Euro", "money", 5000000, "EUR"),
                    amount(2, "10 Prozent", "percent", 10, None)],
    }


def one_of_each() -> dict:
    """A prediction with exactly one missed, spurious, wrong-label, wrong-value and wrong-sentiment error."""
    return {
        "id": "toy-001",
        "entities": [
            {"start": 0, "end": 4, "label": "ORG", "sentiment": "positive"},            # right
            {**dict(zip(("start", "end"), at(TEXT, "kauft"))), "label": "MISC"},          # spurious; Foo missed
            {**dict(zip(("start", "end"), at(TEXT, "Bar"))), "label": "PER"},             # wrong label
        ],
        "amounts": [
            {**dict(zip(("start", "end"), at(TEXT, "5 Millionen Euro"))), "kind": "money", "value": 5e9,
             "currency": "EUR"},                                                           # wrong value
            {**dict(zip(("start", "end"), at(TEXT, "10 Prozent"))), "kind": "percent", "value": 10.0,
             "currency": None, "qualifier": "exact"},                                      # right
        ],
        "sentences": [{"id": "s1", "sentiment": "positive"}, {"id": "s2", "sentiment": "positive"}],
        "sentiment": "mixed",
    }


# ---- pure rendering ---------------------------------------------------------------------------

def test_one_error_of_each_kind_is_one_marked_element():
    page = Page(render_document(small_document(), one_of_each()))
    assert page.error_counts() == {"missed": 1, "spurious": 1, "wrong-label": 1, "wrong-value": 1,
                                   "wrong-sentiment": 1}
    missed, = page.with_class("kiwi-error", "kiwi-missed")
    assert "kiwi-gold" in missed["class"] and "PRODUCT “Foo”" in missed["title"]
    label, = page.with_class("kiwi-error", "kiwi-wrong-label")
    assert "predicted PER, gold ORG" in label["title"]
    value, = page.with_class("kiwi-error", "kiwi-wrong-value")
    assert "5 bn EUR" in value["title"] and "5 M EUR" in value["title"]
    sentiment, = page.with_class("kiwi-error", "kiwi-wrong-sentiment")
    assert "predicted positive, gold negative (s2)" in sentiment["title"]
    for attrs in page.with_class("kiwi-error"):
        assert attrs["title"]


def test_gold_marks_are_displacy_marks_one_per_item():
    document = small_document()
    page = Page(render_document(document))
    assert page.marks("gold", "entity") == len(document["entities"]) == 3
    assert page.marks("gold", "amount") == len(document["amounts"]) == 2
    assert page.marks("pred", "entity") == page.marks("pred", "amount") == 0
    assert page.with_class("kiwi-error") == []
    labels = [attrs["title"].split()[1] for attrs in page.with_class("entity", "kiwi-gold")]
    assert labels == ["ORG", "PRODUCT", "MONEY", "ORG", "PERCENT"]
    backgrounds = [attrs["style"] for attrs in page.with_class("kiwi-cell", "kiwi-gold")]
    assert "#e4f4e1" in backgrounds[0] and "#fbe3e3" in backgrounds[1]  # positive, negative


def test_text_is_escaped_and_the_page_is_self_contained():
    markup = render_document(small_document(), one_of_each())
    page = Page(markup)
    assert "script" not in {tag for tag, _ in page.elements}
    text = "".join(page.text)
    assert '<script>alert("x")</script>' in text and "AT&T" in text
    assert "&lt;script&gt;" in markup and "<script" not in markup
    assert any("“AT&T”" in attrs.get("title", "") for _, attrs in page.elements)
    for forbidden in ("src=", "href=", "<link", "url(", "@import", "http:", "https:"):
        assert forbidden not in markup


def test_more_error_kinds_and_document_sentiment():
    prediction = one_of_each()
    prediction["entities"][0]["sentiment"] = "negative"
    prediction["amounts"][1]["qualifier"] = "approx"
    prediction["sentiment"] = "positive"
    page = Page(render_document(small_document(), prediction))
    counts = page.error_counts()
    assert counts["wrong-entity-sentiment"] == counts["wrong-attribute"] == counts["wrong-document-sentiment"] == 1


def test_layers_not_predicted_are_not_errors_and_empty_layers_miss_everything():
    document = small_document()
    page = Page(render_document(document, {"id": "toy-001"}))
    assert page.error_counts() == {}
    assert "not predicted: entities, amounts, sentence sentiment, document sentiment" in "".join(page.text)
    page = Page(render_document(document, {"id": "toy-001", "entities": [], "amounts": [], "sentences": []}))
    assert page.error_counts() == {"missed": 5}


def test_overlapping_and_duplicate_predictions():
    prediction = {"id": "toy-001", "entities": [
        {"start": 0, "end": 4, "label": "ORG"},
        {"start": 0, "end": 4, "label": "PER"},          # duplicate span: spurious
        {"start": 0, "end": 10, "label": "ORG"},         # overlaps: drawn in a second block, spurious
    ]}
    page = Page(render_document(small_document(), prediction))
    assert page.marks("pred", "entity") == 3
    assert page.error_counts() == {"spurious": 2, "missed": 2}
    assert len(page.with_class("kiwi-overlap")) == 2  # the duplicate and the longer span each need a layer


def test_predictions_across_or_between_sentences_are_still_shown():
    gap = len(S1)  # the newline between s1 and s2
    prediction = {"id": "toy-001", "entities": [
        {"start": gap, "end": gap + 1, "label": "MISC"},       # only the newline: listed between sentences
        {"start": gap - 5, "end": gap + 4, "label": "MISC"},   # crosses into s2: drawn clipped in s1
    ]}
    page = Page(render_document(small_document(), prediction))
    # The second one overlaps gold "Bar" (ORG), so the scorer aligns the two (a false positive and a
    # false negative under strict): a wrong span, not a spurious mark plus a missed one.
    assert page.error_counts() == {"spurious": 1, "wrong-span": 1, "missed": 2}
    chip, = page.with_class("kiwi-chip")
    assert "kiwi-spurious" in chip["class"] and "between sentences" in chip["title"]
    assert any("shown clipped" in attrs["title"] for attrs in page.with_class("entity", "kiwi-pred"))


def test_span_free_predictions_are_listed_not_marked():
    prediction = {"id": "toy-001", "entities": [{"text": "Foo", "label": "PRODUCT"}],
                  "amounts": [{"kind": "money", "value": 5e6, "currency": "EUR"}]}
    page = Page(render_document(small_document(), prediction))
    assert page.error_counts() == {}
    assert page.marks("pred", "entity") == 0
    assert "Span-free predictions" in "".join(page.text)


# ---- the page's counts are the scorer's ------------------------------------------------------------

BASELINE_FILES = sorted((ROOT / "baselines").glob("*/predictions/*.jsonl"))
SCORER_KEYS = {"entities": "entities.strict", "amounts": "amounts.span.strict"}
PAGE_LAYERS = {"entities": "entity", "amounts": "amount"}


def scorer_counts(block: dict) -> dict[str, int]:
    """Strict true positives, false positives and false negatives from a block of the `evaluate` report."""
    return {"tp": block["correct"], "fp": block["actual"] - block["correct"], "fn": block["possible"] - block["correct"]}


@pytest.mark.slow
@pytest.mark.parametrize("path", BASELINE_FILES, ids=lambda path: f"{path.parts[-3]}/{path.name}")
def test_page_counts_equal_the_scorer_for_every_baseline_file(path):
    """Summed over the documents of a split, the marks on the pages give `kiwi-bench evaluate`'s counts."""
    import kiwi_bench

    split = {"lodo": "all", "standard": "test", "contrast": "contrast"}[path.stem]
    documents = {document["id"]: document for document in kiwi_bench.load_gold(split=split)}
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    records = [record for record in records if record["id"] in documents]
    evaluation = kiwi_bench.evaluate(records, split=split, resamples=0)
    for layer, key in SCORER_KEYS.items():
        if evaluation.report[layer]["status"] != "scored":
            continue
        page_total: Counter = Counter()
        for record in records:
            page = Page(render_document(documents[record["id"]], record))
            on_page = page.outcomes(PAGE_LAYERS[layer])
            assert page.summary_counts(layer) == on_page
            page_total.update(on_page)
        assert dict(page_total) == scorer_counts(evaluation[key]), (path, layer)


def _random_prediction(document: dict, rng: np.random.Generator) -> dict:
    """Gold items kept, shifted, relabelled, duplicated or dropped, plus random spans: many overlaps and ties."""
    from kiwi_bench.core.labels import AMOUNT_KINDS, ENTITY_LABELS

    length = len(document["text"])

    def vary(item: dict, label_key: str, labels: tuple[str, ...]) -> list[dict]:
        choice = rng.integers(6)
        if choice == 0:
            return []
        start, end = item["start"], item["end"]
        if choice == 1:
            start = int(max(0, start + rng.integers(-3, 4)))
            end = int(min(length, max(start + 1, end + rng.integers(-3, 4))))
        new = {**item, "start": start, "end": end}
        if choice == 2:
            new[label_key] = str(rng.choice(labels))
        return [new, dict(new)] if choice == 3 else [new]

    def keep(item: dict, fields: tuple[str, ...]) -> dict:
        return {key: item[key] for key in fields if key in item}

    entities = [keep(e, ("start", "end", "label", "sentiment")) for g in document["entities"]
                for e in vary(g, "label", ENTITY_LABELS)]
    amounts = [keep(a, ("start", "end", "kind", "value", "currency", "qualifier", "per", "unit"))
               for g in document["amounts"] for a in vary(g, "kind", AMOUNT_KINDS)]
    for _ in range(int(rng.integers(0, 8))):
        start = int(rng.integers(0, length - 12))
        entities.append({"start": start, "end": start + int(rng.integers(1, 12)), "label": str(rng.choice(ENTITY_LABELS))})
    order = rng.permutation(len(entities))
    return {"id": document["id"], "entities": [entities[k] for k in order], "amounts": amounts}


@pytest.mark.parametrize("seed", range(12))
def test_page_counts_equal_the_scorer_on_random_predictions(seed):
    """Per document, with overlaps, duplicates and wrong labels: the page counts equal the scorer's."""
    from kiwi_bench.api.predictions import predictions_from_records
    from kiwi_bench.scoring import evaluate, load_gold

    documents = load_documents(DATASET)
    document = documents[seed % len(documents)]
    record = _random_prediction(document, np.random.default_rng(seed))
    gold = load_gold([document])
    predictions = predictions_from_records([record], gold, "all").predictions
    report = evaluate(gold, predictions, split="all", resamples=0).report
    page = Page(render_document(document, record))
    assert page.error_counts().get("wrong-span", 0) + page.error_counts().get("spurious", 0) > 0
    assert page.outcomes("entity") == page.summary_counts("entities") == scorer_counts(report["entities"]["strict"])
    assert page.outcomes("amount") == page.summary_counts("amounts") == scorer_counts(report["amounts"]["span"]["strict"])


def test_entity_id_badges_and_table():
    document = small_document()
    corpus = [document, {**small_document(), "id": "toy-002", "entities": small_document()["entities"][:1]}]
    prediction = one_of_each()
    for item, entity_id in zip(prediction["entities"], ("at-t", "kauft", "bar")):
        item["entity_id"] = entity_id  # prediction format 1.1 carries entity ids
    page = Page(render_document(document, prediction, corpus=corpus))
    badges = [attrs for attrs in page.with_class("kiwi-eid") if attrs.get("title") == "entity_id"]
    assert len(badges) == 3 + 3  # every gold and every predicted entity
    rows = {attrs["data-entity-id"]: attrs for attrs in page.with_class("kiwi-entity-id")}
    assert set(rows) == {"at&t", "foo", "bar"}
    text = "".join(page.text)
    # at&t is in toy-002 too; its mention got the predicted id at-t; foo's mention is missed.
    assert "toy-002 ×1" in text and "at-t ×1" in text and "missed ×1" in text and "bar ×1" in text
    without_ids = Page(render_document(document, one_of_each(), corpus=corpus))
    assert "no id ×1" in "".join(without_ids.text)


# ---- the command ------------------------------------------------------------------------------

def _kiwi_001() -> dict:
    return next(d for d in load_documents(DATASET) if d["id"] == "kiwi-001")


def test_show_writes_a_gold_page(tmp_path):
    out = tmp_path / "page.html"
    assert main(["show", "kiwi-001", "--dataset", str(DATASET), "-o", str(out)]) == 0
    page = Page(out.read_text(encoding="utf-8"))
    document = _kiwi_001()
    assert page.marks("gold", "entity") == len(document["entities"])
    assert page.marks("gold", "amount") == len(document["amounts"])
    assert len(page.with_class("kiwi-sentence")) == len(document["sentences"])


def test_show_with_the_example_predictions(tmp_path):
    out = tmp_path / "page.html"
    assert main(["show", "kiwi-001", "--dataset", str(DATASET), "--predictions", str(EXAMPLE), "-o", str(out)]) == 0
    page = Page(out.read_text(encoding="utf-8"))
    assert page.error_counts() == EXAMPLE_ERRORS
    assert {key: page.marks(*key) for key in EXAMPLE_MARKS} == EXAMPLE_MARKS


@pytest.mark.parametrize("case", ["unknown-document", "bad-label", "no-record", "no-file"])
def test_show_user_errors_exit_2(tmp_path, capsys, case):
    predictions = tmp_path / "p.jsonl"
    args = ["show", "kiwi-001", "--dataset", str(DATASET), "-o", str(tmp_path / "page.html")]
    if case == "unknown-document":
        args[1] = "kiwi-999"
    elif case == "bad-label":
        predictions.write_text(json.dumps({"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "COMPANY"}]})
                               + "\n", encoding="utf-8")
        args += ["--predictions", str(predictions)]
    elif case == "no-record":
        predictions.write_text(json.dumps({"id": "kiwi-003", "entities": []}) + "\n", encoding="utf-8")
        args += ["--predictions", str(predictions)]
    else:
        args += ["--predictions", str(tmp_path / "absent.jsonl")]
    assert main(args) == 2
    message = capsys.readouterr().err.strip()
    assert message and not (tmp_path / "page.html").exists()
    expected = {"unknown-document": "unknown document 'kiwi-999'", "bad-label": f"{predictions}:1: ",
                "no-record": "no record for document 'kiwi-001'", "no-file": "cannot read"}[case]
    assert expected in message


# ---- a real browser ---------------------------------------------------------------------------

def _chromium() -> str | None:
    for candidate in (os.environ.get("KIWI_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


CHROMIUM = _chromium()
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def decode_png(data: bytes) -> np.ndarray:
    """The pixels (height, width, channels) of a non-interlaced 8-bit PNG, with zlib, struct and numpy."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in chunk {kind!r}"
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and interlace == 0 and color in (0, 2, 4, 6), header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color]
    stride = width * channels
    rows = np.frombuffer(zlib.decompress(b"".join(chunks)), dtype=np.uint8).reshape(height, stride + 1)
    pixels = np.zeros((height, stride), dtype=np.uint8)
    previous = np.zeros(stride, dtype=np.uint8)
    for y in range(height):
        kind, line = rows[y, 0], rows[y, 1:]
        if kind == 0:  # None
            current = line.copy()
        elif kind == 1:  # Sub: a running sum per channel
            current = (np.cumsum(line.reshape(width, channels), axis=0, dtype=np.int64) % 256).astype(np.uint8).ravel()
        elif kind == 2:  # Up
            current = line + previous
        else:  # Average and Paeth depend on the left neighbour: byte by byte
            out, up = bytearray(line.tobytes()), previous.tobytes()
            for i in range(stride):
                a = out[i - channels] if i >= channels else 0
                b = up[i]
                if kind == 3:
                    out[i] = (out[i] + ((a + b) >> 1)) & 255
                else:
                    c = up[i - channels] if i >= channels else 0
                    pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                    out[i] = (out[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            current = np.frombuffer(bytes(out), dtype=np.uint8)
        pixels[y] = current
        previous = current
    return pixels.reshape(height, width, channels)


def _run_chromium(tmp_path: Path, name: str, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{name}"
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)})


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary found: install it with `apt-get install chromium` "
                                              "(Debian/Ubuntu; or set KIWI_CHROMIUM=/path/to/chrome) to run this test")
def test_page_in_headless_chromium(tmp_path):
    page_path = tmp_path / "kiwi-001.html"
    assert main(["show", "kiwi-001", "--dataset", str(DATASET), "--predictions", str(EXAMPLE),
                 "-o", str(page_path)]) == 0
    url = page_path.resolve().as_uri()

    png = tmp_path / "shot.png"
    # The last two flags make Chromium finish painting before it captures (no half-drawn tiles).
    done = _run_chromium(tmp_path, "shot", f"--screenshot={png}", "--window-size=1280,2000", "--hide-scrollbars",
                         "--run-all-compositor-stages-before-draw", "--virtual-time-budget=3000", url)
    assert png.exists(), done.stderr.decode(errors="replace")[-2000:]
    pixels = decode_png(png.read_bytes())
    assert pixels.shape[:2] == (2000, 1280)
    rgb = pixels[..., :3].reshape(-1, 3).astype(np.uint32)
    codes = (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]
    assert len(np.unique(codes)) > 200, "the screenshot has too few colours: blank page?"
    assert (codes != 0xFFFFFF).mean() > 0.2, "the screenshot is almost all white"
    positive_background = (0xE4 << 16) | (0xF4 << 8) | 0xE1
    assert (codes == positive_background).mean() > 0.05, "no sentence cell with the positive background"

    dom = _run_chromium(tmp_path, "dom", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    page = Page(dom.stdout.decode("utf-8"))
    assert page.error_counts() == EXAMPLE_ERRORS
    assert {key: page.marks(*key) for key in EXAMPLE_MARKS} == EXAMPLE_MARKS
    assert len(page.with_class("kiwi-sentence")) == len(_kiwi_001()["sentences"])
