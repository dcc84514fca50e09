"""The dataset card dataset/README.md: YAML metadata generated with the `datasets` helpers, body from a template.

Every figure in the body is computed here from the gold, the built split sizes or the annotation passes;
the template holds only prose. The citation constants (title, authors, release date) live here too:
the card, the BibTeX block of README.md, dataset/croissant.json and the test of CITATION.cff read them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from datasets import ClassLabel, DatasetInfo, Features, List, SplitDict, SplitInfo, Value
from datasets.info import DatasetInfosDict
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCardData

from kiwi_bench.annotation.comparisons import ADJUDICATION_LOG, GUIDELINES_GIVEN_TO_PASS_B, REVIEW_LOG, comparison_block
from kiwi_bench.core import markdown
from kiwi_bench.core.metadata import (
    AUTHORS,
    CITATION_TITLE,
    LANGUAGE_NAMES,
    LICENSE_NAME,
    PRETTY_NAME,
    RELEASE_DATE,
    SPLITS,
    documents_of,
)
from kiwi_bench.core.templating import render
from kiwi_bench.core.version import __version__
from kiwi_bench.corpus.documents import Document, load_passes, pass_registry
from kiwi_bench.corpus.features import CONFIG_FEATURES, CONFIG_SPLITS
from kiwi_bench.corpus.rows import sentence_rows
from kiwi_bench.corpus.stats import markdown_table

DEFAULT_CONFIG = "documents"

LEADERBOARD_PATH = "baselines/LEADERBOARD.md"

# ---------------------------------------------------------------------------------------------
# Field documentation: one description per field path of every config (a missing or unknown
# path is an error at build time, so a new column cannot ship undocumented). `{offsets}` is
# replaced by what a config's character offsets refer to.

_OFFSETS = {
    "documents": "into this row's `text`",
    "sentences": "into this row's sentence `text`",
    "annotators": "into the `text` of the `documents` row whose `id` is this row's `doc_id`",
    "contrast": "into this row's `text`",
}

_SPAN = {
    "start": "Start character offset (Python `str` index, Unicode code points) {offsets}.",
    "end": "End character offset, exclusive, {offsets}; `text[start:end]` equals the item's `text`.",
    "text": "The surface string, exactly as it appears in the text.",
}

_ENTITY = {
    "entities": "Named-entity mentions (proper names only; flat, never overlapping), in text order.",
    "entities.id": "Mention id `e1`, `e2`, … numbered in text order within the document; never reused.",
    "entities.label": "Entity type: `PER` person, `ORG` company or institution, `LOC` place, `PRODUCT` named product, model or service, `MISC` other names (projects, events, laws).",
    "entities.entity_id": "Lowercase slug of the real-world referent, the same across all documents (e.g. `openai`, `sam-altman`).",
    "entities.sentiment": "How the mention's sentence presents that entity.",
}

_AMOUNT = {
    "amounts": "Numeric expressions of money, counts and proportions (each contains a numeral), in text order.",
    "amounts.id": "Amount id `a1`, `a2`, … numbered in text order within the document; never reused.",
    "amounts.kind": "`money`, `count`, or `percent` (proportions and fractions too).",
    "amounts.value": "The normalised number (scale words applied: de Milliarde and nl miljard = 1e9, German Billion = 1e12); percent values are in percent.",
    "amounts.currency": "ISO 4217 code when the expression itself names a currency (`USD`, `EUR`); null otherwise.",
    "amounts.unit": "For counts, the counted thing as a short English plural noun (`users`, `images`); null otherwise.",
    "amounts.qualifier": "`exact`, `approx` (rund, etwa), `at_least` (über, mehr als, meer dan) or `at_most` (bis zu, unter); the qualifier words stay outside the span.",
    "amounts.per": "The period of a rate when the text states one (`year`, `week`, …); null otherwise.",
}

_LANGUAGE = "ISO 639-1 code of the article's language: `de` or `nl`."
_DOC_ID = "Document id (`kiwi-000` …), the `id` of the article's `documents` row."
_SENTENCE_ID = "Sentence id (`s1`, `s2`, … in text order within the document), the `id` of the sentence in the `documents` row."

_CONFIG_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "documents": {
        "id": "Document id: `kiwi-000` … in the order of the source file names.",
        "language": _LANGUAGE,
        "title": "The first line of `text` (for an article without a headline line, whatever its first line is).",
        "text": "The article: the source file decoded as UTF-8, leading and trailing white space removed, nothing else changed.",
        "source_file": "File name of the verbatim article in `raw/` of the repository.",
        "source_sha256": "SHA-256 of the source file's bytes.",
        "url": "A source address printed in the text itself; null when the text prints none.",
        "sentiment": "Document sentiment: the article's overall polarity toward its main subject.",
        "sentences": "Sentence spans covering the text in order (headlines, headings, list items and page furniture are sentences of their own).",
        "sentences.id": "Sentence id `s1`, `s2`, … numbered in text order within the document; never reused.",
        "sentences.sentiment": "The polarity the sentence expresses or reports (not the annotator's opinion); `mixed` = clearly both.",
        **_ENTITY, **_AMOUNT,
    },
    "sentences": {
        "doc_id": _DOC_ID,
        "sentence_id": _SENTENCE_ID,
        "language": _LANGUAGE,
        "text": "The sentence text (a slice of the document text).",
        "sentiment": "The polarity the sentence expresses or reports (not the annotator's opinion); `mixed` = clearly both.",
        **_ENTITY, **_AMOUNT,
    },
    "tokens": {
        "doc_id": _DOC_ID,
        "sentence_id": _SENTENCE_ID,
        "language": _LANGUAGE,
        "tokens": "The sentence's tokens (spaCy blank tokenizer of the language; hyphens inside compounds split so that every gold span aligns with token boundaries).",
        "token_starts": "Start character offset of each token into the document `text`.",
        "token_ends": "End character offset (exclusive) of each token into the document `text`.",
        "ner_tags": "IOB2 tag of each token over the entity labels.",
        "amount_tags": "IOB2 tag of each token over the amount kinds.",
    },
    "annotators": {
        "doc_id": _DOC_ID,
        "annotator": "The annotation pass: `A` (the annotation lead) and `B` (a second annotator), adjudicated into the gold; `C` (a blind annotator), used to measure agreement and to review the gold.",
        "blind": "True when the pass was made without access to the other passes, the gold and any guidelines quoting corpus labels (pass `C`); false for `A` and `B` (pass B's guidelines quoted pass A's labels as examples).",
        "sentiment": "This pass's document sentiment.",
        "sentences": "This pass's sentence sentiments, over the fixed sentence segmentation of the gold.",
        "sentences.id": _SENTENCE_ID,
        "sentences.sentiment": "This pass's sentence sentiment.",
        **{key: (f"This pass's {value[0].lower()}{value[1:]}" if key in ("entities", "amounts") else value)
           for key, value in {**_ENTITY, **_AMOUNT}.items()},
    },
}

_CONFIG_DESCRIPTIONS["contrast"] = {
    "id": "Item id `<base document>-<base sentence>-c<k>` (e.g. `kiwi-001-s4-c2`); `-c0` is the unedited base sentence.",
    "bundle_id": "The bundle: the base sentence `<document>-<sentence>` shared by the original and all its edits.",
    "base_doc_id": f"The test document of the base sentence ({', '.join(documents_of('test')[:-1])} or {documents_of('test')[-1]}).",
    "base_sentence_id": "The base sentence's id in that document (the `sentence_id` of its `sentences` row).",
    "edit_type": "What the edit targets: `original` (unedited), `amount_*`, `entity_*` or `sentiment_*` (see the contrast section).",
    "edit": "One line saying what the edit changed (constructed text: a minimal edit of a real sentence).",
    "language": "ISO 639-1 code of the item's language (its base document's): `de` or `nl`.",
    "text": "The item: one sentence, the base sentence with a minimal edit (or unedited for `original`).",
    "sentiment": "The item's sentence sentiment, which is also its document sentiment.",
    **_ENTITY, **_AMOUNT,
}

CONFIG_SUMMARIES = {
    "documents": "one row per article: text, metadata, document sentiment and every layer nested, offsets into `text`",
    "sentences": "one row per sentence: its text and sentiment, its entities and amounts with offsets relative to the sentence",
    "tokens": "one row per sentence: tokens with document offsets, IOB2 `ner_tags` and `amount_tags` (CoNLL style)",
    "annotators": "one row per article and annotation pass, before adjudication: for studying disagreement",
    "contrast": "one row per contrast item (a constructed minimal edit of a test sentence, or the unedited original), split `test` only: bundle fields and every layer",
}


def _span_description(config: str, key: str) -> str | None:
    """Description of an `id/start/end/text` attribute of a nested span list, or None."""
    layer, _, attribute = key.partition(".")
    if attribute not in _SPAN or layer not in ("sentences", "entities", "amounts"):
        return None
    return _SPAN[attribute].format(offsets=_OFFSETS[config])


def field_paths(features: Features) -> Iterator[tuple[str, Any]]:
    """(dotted path, feature) of every column and every attribute of a list of structs, in order."""
    for name, feature in features.items():
        yield name, feature
        if isinstance(feature, List) and isinstance(feature.feature, dict):
            for sub, sub_feature in feature.feature.items():
                yield f"{name}.{sub}", sub_feature


def field_description(config: str, path: str) -> str:
    """The documentation of one field; KeyError for an undocumented field."""
    descriptions = _CONFIG_DESCRIPTIONS[config]
    if path in descriptions:
        return descriptions[path]
    span = _span_description(config, path)
    if span is None:
        raise KeyError(f"field {config}.{path} has no description in kiwi_bench.release.card")
    return span


def class_names(feature: Any) -> list[str] | None:
    """Label names of a ClassLabel (or a list of ClassLabel), else None."""
    if isinstance(feature, List) and isinstance(feature.feature, ClassLabel):
        return list(feature.feature.names)
    if isinstance(feature, ClassLabel):
        return list(feature.names)
    return None


def type_name(feature: Any) -> str:
    """A short Markdown rendering of a feature's type."""
    if isinstance(feature, Value):
        return f"`{feature.dtype}`"
    if isinstance(feature, ClassLabel):
        return "class label: " + ", ".join(f"{i} `{name}`" for i, name in enumerate(feature.names))
    if isinstance(feature, List):
        if isinstance(feature.feature, dict):
            return "list of structs"
        return f"list of {type_name(feature.feature)}"
    raise TypeError(f"no rendering for feature type {type(feature).__name__}")


def fields_markdown() -> str:
    """One table per config: every field, its type and its meaning."""
    parts = []
    for config, features in CONFIG_FEATURES.items():
        default = " (default)" if config == DEFAULT_CONFIG else ""
        rows = [(f"`{path.replace('.', '[].', 1) if '.' in path else path}`", type_name(feature), field_description(config, path))
                for path, feature in field_paths(features())]
        parts.append(f"#### `{config}`{default}\n\n{CONFIG_SUMMARIES[config][0].upper()}{CONFIG_SUMMARIES[config][1:]}.\n\n"
                     + markdown.table(("field", "type", "description"), rows))
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------------------------
# Generated body blocks.

def example_row(documents: list[Document]) -> tuple[str, dict[str, Any]]:
    """The first `sentences` row of the test split with at least one entity and one amount, encoded
    exactly as the Parquet file stores it (class labels as integers); with a one-line locator."""
    features = CONFIG_FEATURES["sentences"]()
    for document in documents:
        if document["split"] != "test":
            continue
        for row in sentence_rows(document):
            if row["entities"] and row["amounts"]:
                return f"{row['doc_id']} {row['sentence_id']}", features.encode_example(row)
    raise ValueError("no test sentence with both entities and amounts")


def example_markdown(documents: list[Document]) -> tuple[str, str]:
    """(locator, fenced JSON) of the example row."""
    where, row = example_row(documents)
    return where, "```json\n" + json.dumps(row, ensure_ascii=False, indent=2) + "\n```"


def splits_markdown(split_sizes: dict[str, dict[str, tuple[int, int]]], documents: list[Document]) -> str:
    """Rows per config and split, and the documents of each split."""
    configs = list(CONFIG_FEATURES)
    rows = [(split, *(split_sizes[c][split][0] if split in split_sizes[c] else "–" for c in configs),
             ", ".join(d["id"] for d in documents if d["split"] == split)) for split in SPLITS]
    return markdown.table(("split", *(f"`{c}` rows" for c in configs), "documents"), rows, "l" + "r" * len(configs) + "l")


def languages_markdown(documents: list[Document]) -> str:
    """One bullet per language: its documents."""
    lines = []
    for language in sorted({d["language"] for d in documents}):
        ids = [d["id"] for d in documents if d["language"] == language]
        lines.append(f"- {LANGUAGE_NAMES.get(language, language)} (`{language}`): {len(ids)} "
                     f"{'document' if len(ids) == 1 else 'documents'} ({', '.join(ids)})")
    return "\n".join(lines)


def sizes_sentence(stats: dict[str, Any]) -> str:
    """The corpus size in one sentence."""
    total = stats["total"]
    return (f"{total['documents']} documents, {total['sentences']} sentences, {total['tokens']} tokens, "
            f"{total['entities']} entity mentions of {total['distinct_entity_ids']} distinct referents, "
            f"{total['amounts']} amounts")


def urls_markdown(documents: list[Document]) -> str:
    """The source addresses printed in the texts."""
    printed = [(d["id"], d["source"]["url"]) for d in documents if d["source"]["url"]]
    if not printed:
        return "None of the texts prints a source address."
    return ("Source addresses printed in the texts themselves (the `url` field): "
            + "; ".join(f"{doc_id}: <{url}>" for doc_id, url in printed) + ".")


def people_markdown(documents: list[Document]) -> str:
    """The PER referents of the gold with their number of mentions, most mentioned first."""
    from collections import Counter

    counts = Counter(e["entity_id"] for d in documents for e in d["entities"] if e["label"] == "PER")
    return ", ".join(f"`{entity_id}` {n}" for entity_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def passes_summary(dataset_dir: Path) -> dict[str, Any]:
    """The annotation passes shipped in dataset/annotation: names and number of documents each."""
    passes = load_passes(dataset_dir)
    names = sorted({d["annotator"] for d in passes})
    registry = pass_registry(dataset_dir)
    return {"names": names, "count": len(names), "documents": {n: sum(d["annotator"] == n for d in passes) for n in names},
            "blind": [n for n in names if registry[n]["blind"]], "in_gold": [n for n in names if registry[n]["in_gold"]]}


def agreement_markdown(dataset_dir: Path) -> str:
    """Agreement between passes A and B, computed as DATASHEET.md's block is (kiwi_bench.annotation.agreement)."""
    from kiwi_bench.annotation.agreement import agreement, markdown_summary

    passes = load_passes(dataset_dir)
    pass_a = [d for d in passes if d["annotator"] == "A"]
    pass_b = [d for d in passes if d["annotator"] == "B"]
    guidelines = (dataset_dir / GUIDELINES_GIVEN_TO_PASS_B).read_text(encoding="utf-8")
    return markdown_summary(agreement(pass_a, pass_b, guidelines))


def adjudication_sentence(dataset_dir: Path, log_path: Path = ADJUDICATION_LOG) -> str:
    """How many disagreements were adjudicated, per layer and per side chosen."""
    from collections import Counter

    from kiwi_bench.annotation.review import is_erratum
    from kiwi_bench.core.jsonl import load_lines

    everything = load_lines(dataset_dir / log_path)
    log = [entry for entry in everything if not is_erratum(entry)]
    layers = Counter(entry["item"]["layer"] for entry in log)
    sides = Counter(entry.get("decided_as", "adjudicator's own") for entry in log)
    errata = len(everything) - len(log)
    return (f"{len(log)} logged decisions ({', '.join(f'{n} {layer}' for layer, n in sorted(layers.items()))}); "
            f"decided as {', '.join(f'{side}: {n}' for side, n in sorted(sides.items()))}"
            + (f"; later corrected by {errata} erratum {'line' if errata == 1 else 'lines'} (`ERRATA.md`)" if errata else ""))


def review_sentence(dataset_dir: Path) -> str:
    """How the disagreements of the blind pass C with the gold were decided, counted from the review log."""
    from kiwi_bench.annotation.review import review_summary
    from kiwi_bench.core.jsonl import load_lines

    summary = review_summary(load_lines(dataset_dir / REVIEW_LOG))
    outcomes = ", ".join(f"{outcome}: {n}" for outcome, n in summary["outcomes"].items())
    layers = ", ".join(f"{n} {layer}" for layer, n in summary["layers"].items())
    return (f"{summary['n']} disagreements between the blind pass C and the gold before errata ({layers}), each decided with a logged "
            f"reason in `annotation/{REVIEW_LOG.name}`: {outcomes}")


def contrast_summary(dataset_dir: Path) -> dict[str, Any]:
    """Sizes of the contrast set, its agreement table and its adjudication sentence (all computed here)."""
    from kiwi_bench.annotation.agreement import agreement, markdown_summary
    from kiwi_bench.annotation.contrast import BLIND, COMPILED, INTENDED
    from kiwi_bench.core.jsonl import load_lines
    from kiwi_bench.corpus.contrast import MAX_EDIT_DISTANCE, ORIGINAL, load_contrast

    items = load_contrast(dataset_dir)
    folder = dataset_dir / "annotation" / "contrast"
    edits = [i for i in items if i["contrast"]["edit_type"] != ORIGINAL]
    languages = ", ".join(f"{sum(i['language'] == lang for i in edits)} {LANGUAGE_NAMES[lang]}" for lang in sorted(LANGUAGE_NAMES))
    sizes = (f"{len(items)} items: {len(items) - len(edits)} unedited test sentences (bundles) and {len(edits)} edits "
             f"({languages}), with {sum(len(i['entities']) for i in items)} entity mentions and "
             f"{sum(len(i['amounts']) for i in items)} amounts")
    table = markdown_summary(agreement(load_lines(folder / COMPILED / f"{INTENDED}.jsonl"), load_lines(folder / COMPILED / f"{BLIND}.jsonl")))
    return {"sizes": sizes, "agreement": table, "bound": MAX_EDIT_DISTANCE,
            "adjudication": adjudication_sentence(dataset_dir, Path("annotation") / "contrast" / "adjudication.jsonl")}


def leaderboard_markdown() -> str:
    """Where the leaderboard is; the card repeats no scores so that the dataset build never depends on system outputs."""
    return (f"The leaderboard (baseline systems with 95% confidence intervals and signatures, standard and "
            f"leave-one-document-out protocols) is kept in the repository at `{LEADERBOARD_PATH}`, produced by "
            f"`kiwi-bench leaderboard`. The card repeats no scores, so that building the dataset never depends "
            f"on system outputs.")


def release_year() -> str:
    return RELEASE_DATE[:4]


def bibtex() -> str:
    """The BibTeX entry of the dataset (same version as the package)."""
    title = CITATION_TITLE.replace("KIWI", "{KIWI}").replace("KI-", "{KI}-").replace(" AI-", " {AI}-")
    return "\n".join([
        f"@misc{{kiwi{release_year()},",
        f"  title        = {{{title}}},",
        f"  author       = {{{{{AUTHORS}}}}},",
        f"  year         = {{{release_year()}}},",
        f"  version      = {{{__version__}}},",
        "  howpublished = {Hugging Face dataset directory},",
        f"  note         = {{Dataset, version {__version__}. Annotations CC BY 4.0; the article texts remain the publishers'}}",
        "}",
    ])


# ---------------------------------------------------------------------------------------------

def parquet_name(config: str, split: str) -> str:
    """Relative path of a config's split, named as `push_to_hub` names it."""
    return f"{config}/{split}-00000-of-00001.parquet"


def size_category(rows: int) -> str:
    """The Hub's size category (`size_categories` vocabulary) of a number of rows."""
    bounds = [(10**3, "n<1K"), (10**4, "1K<n<10K"), (10**5, "10K<n<100K"), (10**6, "100K<n<1M"),
              (10**7, "1M<n<10M"), (10**8, "10M<n<100M"), (10**9, "100M<n<1B")]
    for bound, name in bounds:
        if rows < bound:
            return name
    raise ValueError(f"no size category for {rows} rows")


def card_metadata(split_sizes: dict[str, dict[str, tuple[int, int]]]) -> DatasetCardData:
    """YAML metadata; split_sizes[config][split] = (num_examples, num_bytes). The size category is
    that of the config with the most rows."""
    largest = max(sum(examples for examples, _ in sizes.values()) for sizes in split_sizes.values())
    card_data = DatasetCardData(
        pretty_name=PRETTY_NAME,
        license="other",
        license_name=LICENSE_NAME,
        license_link="LICENSE.md",
        language=["de", "nl"],
        multilinguality=["multilingual"],
        size_categories=[size_category(largest)],
        source_datasets=["original"],
        language_creators=["found"],
        annotations_creators=["machine-generated"],
        task_categories=["token-classification", "text-classification"],
        task_ids=["named-entity-recognition", "sentiment-classification"],
        tags=["finance", "news", "entity-sentiment", "numeric-normalization", "german", "dutch"],
    )
    configs = {
        name: {"data_files": [{"split": split, "path": f"{name}/{split}-*"} for split in CONFIG_SPLITS[name]], **({"default": True} if name == DEFAULT_CONFIG else {})}
        for name in CONFIG_FEATURES
    }
    MetadataConfigs(configs).to_dataset_card_data(card_data)
    infos = {}
    for name, features in CONFIG_FEATURES.items():
        splits = SplitDict()
        for split in CONFIG_SPLITS[name]:
            examples, size = split_sizes[name][split]
            splits.add(SplitInfo(name=split, num_bytes=size, num_examples=examples))
        infos[name] = DatasetInfo(features=features(), splits=splits, config_name=name,
                                  dataset_size=sum(size for _, size in split_sizes[name].values()))
    DatasetInfosDict(infos).to_dataset_card_data(card_data)
    return card_data


def render_card(split_sizes: dict[str, dict[str, tuple[int, int]]], stats: dict[str, Any],
                dataset_dir: Path, documents: list[Document]) -> str:
    """The whole card: YAML front matter and the Markdown body."""
    yaml = card_metadata(split_sizes).to_yaml()
    where, example = example_markdown(documents)
    passes = passes_summary(dataset_dir)
    contrast = contrast_summary(dataset_dir)
    body = render("dataset_card.md", **{
        "contrast_sizes": contrast["sizes"],
        "contrast_agreement": contrast["agreement"],
        "contrast_adjudication": contrast["adjudication"],
        "contrast_bound": str(contrast["bound"]),
        "version": __version__,
        "sizes": sizes_sentence(stats),
        "n_documents": str(stats["total"]["documents"]),
        "n_passes": str(passes["count"]),
        "pass_names": " and ".join(passes["names"]),
        "stats_table": markdown_table(stats),
        "default_config": DEFAULT_CONFIG,
        "leaderboard": leaderboard_markdown(),
        "languages": languages_markdown(documents),
        "example_where": where,
        "example": example,
        "fields": fields_markdown(),
        "splits_table": splits_markdown(split_sizes, documents),
        "urls": urls_markdown(documents),
        "people": people_markdown(documents),
        "agreement_table": agreement_markdown(dataset_dir),
        "blind_agreement": comparison_block(dataset_dir),
        "review": review_sentence(dataset_dir),
        "blind_passes": " and ".join(passes["blind"]),
        "gold_passes": " and ".join(passes["in_gold"]),
        "adjudication": adjudication_sentence(dataset_dir),
        "bibtex": bibtex(),
        "release_date": RELEASE_DATE,
    })
    return f"---\n{yaml}\n---\n\n{body}"
