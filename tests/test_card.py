"""The dataset card dataset/README.md, parsed offline the way `datasets` 5.2 parses it.

`RepoCard.validate()` needs the network, so the card is read with huggingface_hub's `DatasetCard.load`
and `metadata_load`, then with the calls `load_dataset` makes (`MetadataConfigs.from_dataset_card_data`,
`DatasetInfosDict.from_dataset_card_data`, `DataFilesDict.from_patterns`), and every claim is checked
against the built files: globs, row counts, columns, sizes. Controlled vocabularies are checked against
the lists shipped in datasets/utils/resources, and task ids against the Hub's list (vendored below).
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from kiwi_bench import __version__
from kiwi_bench.core.metadata import SPLITS
from kiwi_bench.corpus.documents import load_documents
from kiwi_bench.corpus.features import CONFIG_FEATURES, CONFIG_SPLITS
from kiwi_bench.corpus.stats import compute_stats, markdown_table
from kiwi_bench.release.card import (
    LEADERBOARD_PATH,
    bibtex,
    example_row,
    field_description,
    field_paths,
    parquet_name,
    size_category,
)
from kiwi_test_paths import DATASET, ROOT

CARD = DATASET / "README.md"

# The Hub's task taxonomy for text: the task categories (`task_categories`) of modality "nlp", plus
# "other", with their sub-tasks (`task_ids`), in the source's order. Source: huggingface/huggingface.js,
# packages/tasks/src/pipelines.ts (PIPELINE_DATA, each entry's `subtasks[].type`), commit
# 0057f4042b57b833d296ed4cf1c76cfd6619d00d. No installed package ships this list (datasets only ships
# languages, creators, multilingualities and size categories, used below).
HUB_TASKS: dict[str, tuple[str, ...]] = {
    "text-classification": (
        "acceptability-classification", "entity-linking-classification", "fact-checking", "intent-classification",
        "language-identification", "multi-class-classification", "multi-label-classification",
        "multi-input-text-classification", "natural-language-inference", "semantic-similarity-classification",
        "sentiment-classification", "topic-classification", "semantic-similarity-scoring", "sentiment-scoring",
        "sentiment-analysis", "hate-speech-detection", "text-scoring"),
    "token-classification": (
        "named-entity-recognition", "part-of-speech", "parsing", "lemmatization", "word-sense-disambiguation",
        "coreference-resolution"),
    "table-question-answering": (),
    "question-answering": ("extractive-qa", "open-domain-qa", "closed-domain-qa"),
    "zero-shot-classification": (),
    "translation": (),
    "summarization": ("news-articles-summarization", "news-articles-headline-generation"),
    "feature-extraction": (),
    "text-generation": ("dialogue-modeling", "dialogue-generation", "conversational", "language-modeling"),
    "text2text-generation": (
        "text-simplification", "explanation-generation", "abstractive-qa", "open-domain-abstractive-qa",
        "closed-domain-qa", "open-book-qa", "closed-book-qa"),
    "fill-mask": ("slot-filling", "masked-language-modeling"),
    "sentence-similarity": (),
    "text-ranking": (),
    "text-retrieval": ("document-retrieval", "utterance-retrieval", "entity-linking-retrieval", "fact-checking-retrieval"),
    "table-to-text": (),
    "multiple-choice": ("multiple-choice-qa", "multiple-choice-coreference-resolution"),
    "other": (),
}
# Of these, the ones the same file flags `hideInDatasets` (not offered as dataset task categories).
HUB_TASKS_HIDDEN_IN_DATASETS = {"other"}

REQUIRED_KEYS = ("license", "language", "pretty_name", "task_categories", "task_ids", "size_categories",
                 "annotations_creators", "language_creators", "multilinguality", "source_datasets", "tags",
                 "configs", "dataset_info")


def _resource(name: str):
    """A vocabulary file shipped with `datasets` (datasets/utils/resources/<name>)."""
    text = (files("datasets.utils") / "resources" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text) if name.endswith(".yaml") else json.loads(text)


@pytest.fixture(scope="module")
def card():
    from huggingface_hub import DatasetCard

    return DatasetCard.load(CARD)


@pytest.fixture(scope="module")
def metadata():
    from huggingface_hub import metadata_load

    return metadata_load(CARD)


@pytest.fixture(scope="module")
def parsed(card):
    """What load_dataset reads from the card: configs and infos."""
    from datasets.info import DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs

    return MetadataConfigs.from_dataset_card_data(card.data), DatasetInfosDict.from_dataset_card_data(card.data)


def _body(card) -> str:
    return card.text


def test_card_has_every_metadata_key_the_hub_reads(metadata):
    missing = [key for key in REQUIRED_KEYS if not metadata.get(key)]
    assert missing == []


def test_configs_and_infos_parse_with_one_default(parsed):
    configs, infos = parsed
    assert set(configs) == set(infos) == set(CONFIG_FEATURES)
    assert configs.get_default_config_name() == "documents"
    assert [name for name, config in configs.items() if config.get("default")] == ["documents"]


def test_every_data_files_glob_resolves_to_exactly_its_parquet_file(parsed):
    from datasets.data_files import DataFilesDict, sanitize_patterns

    configs, _ = parsed
    base = DATASET.resolve().as_posix()
    for name, config in configs.items():
        resolved = DataFilesDict.from_patterns(sanitize_patterns(config["data_files"]), base_path=base)
        assert list(resolved) == list(CONFIG_SPLITS[name]), name
        for split in CONFIG_SPLITS[name]:
            assert [Path(f) for f in resolved[split]] == [(DATASET / parquet_name(name, split)).resolve()], (name, split)


def test_row_counts_columns_and_sizes_equal_the_parquet_files(parsed):
    _, infos = parsed
    for name, info in infos.items():
        assert info.config_name == name
        for split in CONFIG_SPLITS[name]:
            path = DATASET / parquet_name(name, split)
            parquet = pq.ParquetFile(path)
            assert info.splits[split].num_examples == parquet.metadata.num_rows, (name, split)
            assert info.splits[split].num_bytes == path.stat().st_size, (name, split)
            assert list(info.features) == parquet.schema_arrow.names, (name, split)
        assert info.features == CONFIG_FEATURES[name]()


def test_task_categories_and_ids_are_in_the_hubs_taxonomy(metadata):
    categories, task_ids = metadata["task_categories"], metadata["task_ids"]
    assert set(categories) <= set(HUB_TASKS) - HUB_TASKS_HIDDEN_IN_DATASETS
    allowed_ids = {task_id for category in categories for task_id in HUB_TASKS[category]}
    assert set(task_ids) <= allowed_ids, set(task_ids) - allowed_ids
    # every declared category is backed by at least one sub-task
    assert all(set(HUB_TASKS[c]) & set(task_ids) for c in categories)


def test_vocabularies_are_the_official_ones(metadata, parsed):
    creators = _resource("creators.json")
    assert set(metadata["annotations_creators"]) <= set(creators["annotations"])
    assert set(metadata["language_creators"]) <= set(creators["language"])
    assert set(metadata["multilinguality"]) <= set(_resource("multilingualities.json"))
    assert set(metadata["language"]) <= set(_resource("languages.json"))
    assert metadata["language"] == sorted({d["language"] for d in load_documents(DATASET)})
    assert metadata["multilinguality"] == (["multilingual"] if len(metadata["language"]) > 1 else ["monolingual"])
    assert set(metadata["size_categories"]) <= set(_resource("size_categories.json"))
    _, infos = parsed
    largest = max(sum(s.num_examples for s in info.splits.values()) for info in infos.values())
    assert metadata["size_categories"] == [size_category(largest)]
    assert metadata["annotations_creators"] == ["machine-generated"]  # AI agents annotated, not humans


def test_size_category_boundaries():
    assert [size_category(n) for n in (0, 999, 1000, 99_999, 100_000)] == ["n<1K", "n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M"]


def test_license_other_points_to_an_existing_licence_file(metadata):
    assert metadata["license"] == "other"
    assert metadata["license_name"] and re.fullmatch(r"[a-z0-9.-]+", metadata["license_name"])
    text = (DATASET / metadata["license_link"]).read_text(encoding="utf-8")
    assert "CC BY 4.0" in text and "publishers" in text


def _heading_lines(body: str) -> list[tuple[int, int, str]]:
    """(line index, level, title) of every Markdown heading outside fenced code blocks."""
    headings, fenced = [], False
    for index, line in enumerate(body.splitlines()):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (match := re.match(r"^(#{1,6}) (.+)$", line)):
            headings.append((index, len(match.group(1)), match.group(2).strip()))
    return headings


def _headings(body: str) -> list[tuple[int, str]]:
    return [(level, title) for _, level, title in _heading_lines(body)]


def _section(body: str, title: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    lines = body.splitlines()
    headings = _heading_lines(body)
    for position, (index, level, name) in enumerate(headings):
        if name == title:
            end = next((i for i, lv, _ in headings[position + 1:] if lv <= level), len(lines))
            return "\n".join(lines[index + 1:end])
    raise AssertionError(f"no section {title!r}")


def test_body_has_the_hubs_card_sections_in_order(card):
    """Every section of the Hub's card structure (datasets/utils/resources/readme_structure.yaml) appears
    at its level and in its order; the top heading is "Dataset Card for ..."."""
    structure = _resource("readme_structure.yaml")["subsections"][0]
    headings = _headings(_body(card))
    assert headings[0][0] == 1 and headings[0][1].startswith("Dataset Card for ")

    expected: list[tuple[int, str]] = []

    def walk(sections, level):
        for section in sections or []:
            expected.append((level, section["name"]))
            walk(section.get("subsections"), level + 1)

    walk(structure["subsections"], 2)
    positions = [headings.index(item) if item in headings else -1 for item in expected]
    assert -1 not in positions, [item for item, p in zip(expected, positions) if p == -1]
    assert positions == sorted(positions)


def test_example_is_a_real_row_as_load_dataset_returns_it(card, tmp_path):
    from datasets import load_dataset

    instances = _section(_body(card), "Data Instances")
    shown = json.loads(re.search(r"```json\n(.*?)\n```", instances, re.S).group(1))
    where, expected = example_row(load_documents(DATASET))
    assert f"({where})" in instances
    rows = load_dataset(str(DATASET), "sentences", split="test", cache_dir=str(tmp_path))
    first = next(row for row in rows if row["entities"] and row["amounts"])
    assert shown == first == expected
    assert shown["entities"] and shown["amounts"]


def test_every_field_of_every_config_is_documented(card):
    fields = _section(_body(card), "Data Fields")
    for config, features in CONFIG_FEATURES.items():
        table = fields.split(f"#### `{config}`", 1)[1].split("\n#### ", 1)[0]
        for path, _ in field_paths(features()):
            shown = path.replace(".", "[].", 1)
            assert f"| `{shown}` |" in table, (config, path)
            assert field_description(config, path) in table


def test_an_undocumented_field_is_a_build_error():
    with pytest.raises(KeyError, match="no description"):
        field_description("documents", "new_column")


def test_figures_are_the_generated_ones(card):
    body = _body(card)
    documents = load_documents(DATASET)
    assert markdown_table(compute_stats(documents)) in body
    datasheet = (ROOT / "DATASHEET.md").read_text(encoding="utf-8")
    agreement = datasheet.split("<!-- kiwi:agreement:begin -->\n", 1)[1].split("<!-- kiwi:agreement:end -->", 1)[0]
    assert agreement.strip() in body  # the same figures as DATASHEET.md, from the same computation
    adjudication = datasheet.split("<!-- kiwi:adjudication:begin -->\n", 1)[1].split("<!-- kiwi:adjudication:end -->", 1)[0]
    assert adjudication.strip().rstrip(".") in body
    splits = _section(body, "Data Splits")
    for split in SPLITS:
        ids = ", ".join(d["id"] for d in documents if d["split"] == split)
        assert re.search(rf"^\| {split} \| .* \| {re.escape(ids)} \|$", splits, re.M)


def test_version_citation_and_leaderboard_placeholder(card):
    body = _body(card)
    assert f"version {__version__}" in body
    assert bibtex() in body and f"version      = {{{__version__}}}" in bibtex()
    block = body.split("<!-- kiwi:leaderboard:begin -->\n", 1)[1].split("<!-- kiwi:leaderboard:end -->", 1)[0]
    assert LEADERBOARD_PATH in block
    supported = _section(body, "Supported Tasks and Leaderboards")
    assert "<!-- kiwi:leaderboard:begin -->" in supported


def test_annotators_are_described_truthfully(card):
    who = " ".join(_section(_body(card), "Who are the annotators?").split())
    assert "AI agents" in who and "large language model" in who and "not human annotators" in who
    process = " ".join(_section(_body(card), "Annotation process").split())
    assert "adjudicat" in process and "**not blind**" in process
    # the blind figure leads the section, with its caveat: one model family, not independent humans
    assert process.startswith("**Agreement, measured blind.**")
    assert "AI agents of one model family" in process and "not independent humans" in process
    assert process.index("Blind agreement (pass C vs pass A") < process.index("Agreement between passes A and B")
