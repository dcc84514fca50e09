"""The dataset card dataset/README.md: YAML metadata generated with the `datasets` helpers, body from a template."""

from __future__ import annotations

from typing import Any

from datasets import DatasetInfo, SplitDict, SplitInfo
from datasets.info import DatasetInfosDict
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCardData

from . import __version__
from .hf_features import CONFIG_FEATURES
from .labels import SPLITS
from .stats import markdown_table
from .templating import read_template, render

DEFAULT_CONFIG = "documents"
PRETTY_NAME = "KIWI: KI-Wirtschaftsnachrichten (German/Dutch AI-industry news, entities, amounts, sentiment)"


def parquet_name(config: str, split: str) -> str:
    """Relative path of a config's split, named as `push_to_hub` names it."""
    return f"{config}/{split}-00000-of-00001.parquet"


def card_metadata(split_sizes: dict[str, dict[str, tuple[int, int]]]) -> DatasetCardData:
    """YAML metadata; split_sizes[config][split] = (num_examples, num_bytes)."""
    card_data = DatasetCardData(
        pretty_name=PRETTY_NAME,
        license="other",
        license_name="kiwi-annotations-cc-by-4.0-texts-third-party",
        license_link="LICENSE.md",
        language=["de", "nl"],
        multilinguality=["multilingual"],
        size_categories=["n<1K"],
        source_datasets=["original"],
        language_creators=["found"],
        annotations_creators=["machine-generated"],
        task_categories=["token-classification", "text-classification"],
        task_ids=["named-entity-recognition", "sentiment-classification"],
        tags=["finance", "news", "entity-sentiment", "numeric-normalization", "german", "dutch"],
    )
    configs = {
        name: {"data_files": [{"split": split, "path": f"{name}/{split}-*"} for split in SPLITS], **({"default": True} if name == DEFAULT_CONFIG else {})}
        for name in CONFIG_FEATURES
    }
    MetadataConfigs(configs).to_dataset_card_data(card_data)
    infos = {}
    for name, features in CONFIG_FEATURES.items():
        splits = SplitDict()
        for split in SPLITS:
            examples, size = split_sizes[name][split]
            splits.add(SplitInfo(name=split, num_bytes=size, num_examples=examples))
        infos[name] = DatasetInfo(features=features(), splits=splits, config_name=name,
                                  dataset_size=sum(size for _, size in split_sizes[name].values()))
    DatasetInfosDict(infos).to_dataset_card_data(card_data)
    return card_data


def render_card(split_sizes: dict[str, dict[str, tuple[int, int]]], stats: dict[str, Any]) -> str:
    """The whole card: YAML front matter and the Markdown body."""
    yaml = card_metadata(split_sizes).to_yaml()
    body = render(read_template("dataset_card.md"), {
        "version": __version__,
        "stats_table": markdown_table(stats),
        "default_config": DEFAULT_CONFIG,
    })
    return f"---\n{yaml}\n---\n\n{body}"
