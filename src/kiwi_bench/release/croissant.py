"""dataset/croissant.json: a Croissant 1.1 JSON-LD description of the built Parquet files.

Plain JSON written from the same sources as the card (config features, field descriptions, citation
constants), so that the build needs no `mlcroissant`; the tests validate the file with it and read
every record back. One FileSet per config (includes glob over its Parquet files, no `containedIn`:
the files are read relative to the JSON file's folder) and one RecordSet per config, whose `split`
field is taken from the file path by a regex with a single capturing group. That regex is simple on
purpose: mlcroissant re-applies it to the path of every file, and turns it into an includes glob when
records are filtered by split (`{"<config>/split": "train"}`), so it may use only literals, the
capturing alternation and `.+`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from datasets import ClassLabel, List, Value

from kiwi_bench.core.metadata import ANNOTATION_LICENSE_URL, AUTHORS, CITATION_TITLE, RELEASE_DATE, SPLITS
from kiwi_bench.core.version import __version__
from kiwi_bench.corpus.features import CONFIG_FEATURES
from kiwi_bench.release.card import (
    CONFIG_SUMMARIES,
    DEFAULT_CONFIG,
    bibtex,
    class_names,
    field_description,
    field_paths,
)

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
PARQUET = "application/x-parquet"
SPLITS_RECORD_SET = "splits"

# The JSON-LD context of Croissant 1.1 (the vocabulary of the Croissant specification).
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

_VALUE_TYPES = {
    "string": "sc:Text",
    "bool": "sc:Boolean",
    **{name: "sc:Integer" for name in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")},
    **{name: "sc:Float" for name in ("float16", "float32", "float64")},
}


def file_set_id(config: str) -> str:
    return f"{config}-parquet"


def split_regex(config: str) -> str:
    """Regex from a file's path (relative to the dataset folder) to its split: one capturing group,
    idempotent (a split name maps to itself), only optional non-capturing groups, literals and `.+`."""
    return f"^(?:{re.escape(config)}/)?({'|'.join(SPLITS)})(?:-.+\\.parquet)?$"


def _data_type(feature: Any) -> str:
    if isinstance(feature, ClassLabel):
        return "sc:Integer"
    if isinstance(feature, Value) and feature.dtype in _VALUE_TYPES:
        return _VALUE_TYPES[feature.dtype]
    raise TypeError(f"no Croissant data type for {feature!r}")


def _description(config: str, path: str, feature: Any) -> str:
    text = field_description(config, path)
    names = class_names(feature)
    if names:
        text += " Stored as integer class ids: " + ", ".join(f"{i} = {name}" for i, name in enumerate(names)) + "."
    return text


def _source(config: str, column: str, json_path: str | None = None) -> dict[str, Any]:
    source: dict[str, Any] = {"fileSet": {"@id": file_set_id(config)}, "extract": {"column": column}}
    if json_path is not None:
        source["transform"] = {"jsonPath": json_path}
    return source


def _fields(config: str) -> list[dict[str, Any]]:
    """The split field, then one field per column; lists of structs get one sub-field per attribute."""
    fields: list[dict[str, Any]] = [{
        "@type": "cr:Field",
        "@id": f"{config}/split",
        "name": "split",
        "description": "The split (" + ", ".join(SPLITS) + "), from the path of the row's Parquet file.",
        "dataType": "sc:Text",
        "source": {"fileSet": {"@id": file_set_id(config)}, "extract": {"fileProperty": "fullpath"},
                   "transform": {"regex": split_regex(config)}},
        "references": {"field": {"@id": f"{SPLITS_RECORD_SET}/name"}},
    }]
    features = CONFIG_FEATURES[config]()
    for path, feature in field_paths(features):
        if "." in path:
            continue  # sub-fields are emitted with their list below
        field: dict[str, Any] = {"@type": "cr:Field", "@id": f"{config}/{path}", "name": path,
                                 "description": _description(config, path, feature)}
        if isinstance(feature, List) and isinstance(feature.feature, dict):
            field["isArray"] = True
            field["arrayShape"] = "-1"
            field["subField"] = [
                {"@type": "cr:Field", "@id": f"{config}/{path}/{sub}", "name": sub,
                 "description": _description(config, f"{path}.{sub}", sub_feature),
                 "dataType": _data_type(sub_feature), "source": _source(config, path, sub)}
                for sub, sub_feature in feature.feature.items()
            ]
        elif isinstance(feature, List):
            field["dataType"] = _data_type(feature.feature)
            field["isArray"] = True
            field["arrayShape"] = "-1"
            field["source"] = _source(config, path)
        else:
            field["dataType"] = _data_type(feature)
            field["source"] = _source(config, path)
        fields.append(field)
    return fields


def croissant_metadata(passes: dict[str, Any]) -> dict[str, Any]:
    """The whole Croissant document as a JSON-serialisable dict (key order is the output order);
    `passes` is `card.passes_summary` (pass names, which are blind, which were adjudicated into the gold)."""
    n_passes = passes["count"]
    splits = {
        "@type": "cr:RecordSet",
        "@id": SPLITS_RECORD_SET,
        "name": SPLITS_RECORD_SET,
        "description": "The splits of every config (by whole document, fixed by the annotation spec).",
        "dataType": "cr:Split",
        "key": {"@id": f"{SPLITS_RECORD_SET}/name"},
        "field": [{"@type": "cr:Field", "@id": f"{SPLITS_RECORD_SET}/name", "name": "name", "dataType": "sc:Text"}],
        "data": [{f"{SPLITS_RECORD_SET}/name": split} for split in SPLITS],
    }
    record_sets = [splits] + [
        {"@type": "cr:RecordSet", "@id": config, "name": config,
         "description": CONFIG_SUMMARIES[config][0].upper() + CONFIG_SUMMARIES[config][1:] + "."
                        + (" The default config." if config == DEFAULT_CONFIG else ""),
         "field": _fields(config)}
        for config in CONFIG_FEATURES
    ]
    distribution = [
        {"@type": "cr:FileSet", "@id": file_set_id(config), "name": file_set_id(config),
         "description": f"Parquet files of the {config} config, one per split.",
         "encodingFormat": PARQUET, "includes": f"{config}/*.parquet"}
        for config in CONFIG_FEATURES
    ]
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": "KIWI",
        "alternateName": CITATION_TITLE,
        "description": ("German and Dutch news articles about the AI industry, annotated with sentence sentiment, "
                        "named entities (PER, ORG, LOC, PRODUCT, MISC) with cross-document ids and entity-targeted "
                        "sentiment, normalised numeric amounts (money, counts, percentages) and document sentiment. "
                        "Annotations are CC BY 4.0; the article texts remain their publishers' (see LICENSE.md)."),
        "version": __version__,
        "datePublished": RELEASE_DATE,
        "creator": {"@type": "sc:Organization", "name": AUTHORS},
        "license": [ANNOTATION_LICENSE_URL,
                    {"@type": "sc:CreativeWork",
                     "name": "Article texts: the copyright remains with the original publishers; not relicensed (see LICENSE.md)"}],
        "citeAs": bibtex(),
        "inLanguage": ["de", "nl"],
        "keywords": ["named-entity-recognition", "sentiment-classification", "entity sentiment",
                     "numeric normalization", "news", "German", "Dutch"],
        "rai:dataCollection": ("News articles collected by the KIWI team from German- and Dutch-language news "
                               "websites, kept verbatim (UTF-8, surrounding white space stripped)."),
        "rai:dataAnnotationProtocol": (f"{n_passes} annotation passes over every layer, under written guidelines "
                                       f"(ANNOTATION_GUIDELINES.md). Passes {' and '.join(passes['in_gold'])} were adjudicated "
                                       "into the gold, every disagreement with a logged reason; pass "
                                       f"{' and '.join(passes['blind'])} was made blind (raw texts and corpus-free guidelines "
                                       "only) to measure agreement, and its disagreements with the gold were reviewed "
                                       "with logged outcomes (errata in ERRATA.md). The raw passes are the annotators "
                                       "record set, with a blind flag per row."),
        "rai:annotationsPerItem": f"{n_passes} passes per item before adjudication.",
        "rai:machineAnnotationTools": ("All annotators were AI agents (instances of a large language model) reading "
                                       "the texts, not humans; offsets were computed by code from their surface strings."),
        "rai:dataLimitations": ("Very small (a handful of documents on one topic), German and Dutch only, "
                                "machine annotators; for evaluation, not for training production systems."),
        "rai:dataBiases": ("AI-industry news dominated by a few US companies; sentiment labels follow the outlets' "
                           "framing; labels reflect one model family's reading of the guidelines."),
        "rai:personalSensitiveInformation": "Published news naming public figures and companies in their public roles.",
        "distribution": distribution,
        "recordSet": record_sets,
    }


def croissant_bytes(passes: dict[str, Any]) -> bytes:
    """The file's bytes: deterministic (fixed key order, no timestamps), UTF-8, final newline."""
    return (json.dumps(croissant_metadata(passes), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
