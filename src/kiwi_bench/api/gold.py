"""Where the gold comes from: the copy shipped in the package, a KIWI dataset directory, or the rows of
`load_dataset(<dir>, "documents")`. Every source gives the same gold documents (annotation-spec format),
so a score never depends on how the gold was loaded.

The wheel carries `dataset/source/*.json` as `kiwi_bench/gold/source/` (see pyproject.toml), laid out like a
dataset directory so that one reader serves both; an editable install or a checkout reads `dataset/` itself. `dataset/source/` stays the only hand-edited gold.
"""

from __future__ import annotations

import math
from importlib.resources import files
from pathlib import Path
from typing import Any

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.core.metadata import DOCUMENT_SPLITS, SPLITS
from kiwi_bench.corpus.contrast import load_contrast
from kiwi_bench.corpus.documents import Document, load_documents, source_files
from kiwi_bench.corpus.splits import CONTRAST, SPLIT_CHOICES, other_splits, select_split
from kiwi_bench.scoring.gold import LAYERS

SOURCE_TREE_DATASET = Path(__file__).resolve().parents[3] / "dataset"
NO_GOLD_HINT = "pass --dataset DIR (a KIWI dataset directory holding source/kiwi-*.json) or reinstall kiwi-bench"


def packaged_dataset_dir() -> Path:
    """The dataset directory of the gold shipped with the package (the source tree's dataset/ in a checkout)."""
    shipped = Path(str(files("kiwi_bench") / "gold"))
    if (shipped / "source").is_dir():
        return shipped
    return SOURCE_TREE_DATASET


def dataset_documents(dataset_dir: Path) -> list[Document]:
    """Every gold document of a dataset directory; a folder without gold is a one-line error."""
    if not source_files(dataset_dir):
        reason = "does not exist" if not dataset_dir.exists() else "holds no source/kiwi-*.json"
        raise KiwiError([Problem(str(dataset_dir), "-", f"not a KIWI dataset directory: it {reason}; {NO_GOLD_HINT}")])
    return load_documents(dataset_dir)


def _is_hf_dataset(dataset: Any) -> bool:
    """A `datasets.Dataset` or `DatasetDict`, recognised without importing `datasets` (it is slow to import)."""
    return type(dataset).__module__.startswith("datasets.")


def all_documents(dataset: Any = None) -> list[Document]:
    """Every gold document of `dataset`: None (the packaged gold), a directory path, or Hugging Face rows."""
    if dataset is None:
        return load_documents(packaged_dataset_dir())
    if isinstance(dataset, (str, Path)):
        return dataset_documents(Path(dataset))
    if _is_hf_dataset(dataset):
        return _from_hf(dataset)
    raise KiwiError(f"dataset: expected None, a dataset directory or a `datasets` Dataset/DatasetDict of the "
                    f"documents config, got {type(dataset).__name__}")


def contrast_documents(dataset: Any = None) -> list[Document]:
    """The contrast items of `dataset` (None: the packaged gold, or a dataset directory), sorted by id."""
    if dataset is not None and not isinstance(dataset, (str, Path)):
        raise KiwiError("split contrast: pass a KIWI dataset directory (or nothing, for the packaged gold); "
                        "`datasets` rows of the documents config hold no contrast items")
    directory = packaged_dataset_dir() if dataset is None else Path(dataset)
    if dataset is not None:
        dataset_documents(directory)  # the one-line error for a folder that is no dataset directory
    return sorted(load_contrast(directory), key=lambda d: d["id"])


def split_documents(split: str, dataset: Any = None) -> tuple[list[Document], dict[str, str]]:
    """The gold documents of `split` and, for error messages, the split of every other document (articles and,
    from a dataset directory or the packaged gold, contrast items)."""
    if split not in SPLIT_CHOICES:
        raise KiwiError(f"split: unknown split {split!r} (expected one of {', '.join(SPLIT_CHOICES)})")
    documents = contrast_documents(dataset) if split == CONTRAST else all_documents(dataset)
    chosen = select_split(documents, split)
    if not chosen:
        where = "the packaged gold" if dataset is None else str(dataset) if isinstance(dataset, (str, Path)) else "the given rows"
        raise KiwiError(f"no gold documents of split {split} in {where}; {NO_GOLD_HINT}")
    others = other_splits(documents, split)
    if dataset is None or isinstance(dataset, (str, Path)):  # a contrast item given for an article split, or vice versa
        others.update((d["id"], d["split"]) for d in (all_documents(dataset) if split == CONTRAST else contrast_documents(dataset)))
    return chosen, others


def load_gold(split: str = "test", dataset: Any = None) -> list[Document]:
    """The gold documents of `split` in the annotation-spec format, sorted by id (see `all_documents`)."""
    return split_documents(split, dataset)[0]


# ---- Hugging Face rows -> gold documents ----------------------------------------------------------------

def _decoder(features: Any):
    """A function that turns a row's ClassLabel integers back into label names, following `features`."""
    from datasets import ClassLabel, List

    def decode(value: Any, feature: Any, where: str) -> Any:
        if isinstance(feature, ClassLabel):
            if value is None:
                return None
            if isinstance(value, str):
                if value not in feature.names:
                    raise KiwiError([Problem("<rows>", where, f"unknown value {value!r} (expected one of "
                                                              f"{', '.join(feature.names)})")])
                return value
            if not isinstance(value, int) or not 0 <= value < feature.num_classes:
                raise KiwiError([Problem("<rows>", where, f"unknown class {value!r} (expected 0..{feature.num_classes - 1})")])
            return feature.int2str(value)
        if isinstance(feature, List):
            return [decode(item, feature.feature, f"{where}[{k}]") for k, item in enumerate(value or [])]
        if isinstance(feature, dict):
            return {key: decode(value.get(key), sub, f"{where}.{key}") for key, sub in feature.items()}
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            return int(value)  # Parquet stores every value as float64; the JSON gold writes whole numbers as ints
        return value

    return decode


def _document_from_row(row: dict[str, Any], features: Any, decode: Any, split: str | None, where: str) -> Document:
    try:
        values = {key: decode(row[key], features[key], f"{where}.{key}") for key in features}
    except KeyError as error:
        raise KiwiError([Problem("<rows>", where, f"missing column {error.args[0]!r} (expected the documents config)")]) from None
    doc_split = split if split in SPLITS else DOCUMENT_SPLITS.get(values["id"])
    if doc_split is None:
        raise KiwiError([Problem("<rows>", where, f"unknown document {values['id']!r}: cannot tell its split")])
    return {
        "id": values["id"], "language": values["language"], "split": doc_split, "title": values["title"],
        "source": {"file": values["source_file"], "sha256": values["source_sha256"], "url": values["url"]},
        "status": dict.fromkeys(LAYERS, "complete"),  # released rows hold finished gold only
        "sentiment": values["sentiment"], "text": values["text"], "sentences": values["sentences"],
        "entities": values["entities"], "amounts": values["amounts"],
    }


def _from_hf(dataset: Any) -> list[Document]:
    """Gold documents from a `Dataset` (its split read from `.split`) or every split of a `DatasetDict`."""
    parts = dataset.items() if hasattr(dataset, "keys") else [(str(getattr(dataset, "split", "") or ""), dataset)]
    documents = []
    for split, part in parts:
        missing = {"id", "text", "sentences", "entities", "amounts"} - set(part.features)
        if missing:
            raise KiwiError([Problem("<rows>", "-", f"not the documents config (no column {', '.join(sorted(missing))})")])
        decode = _decoder(part.features)
        documents += [_document_from_row(row, part.features, decode, split, f"{split or 'rows'}[{k}]")
                      for k, row in enumerate(part)]
    return sorted(documents, key=lambda d: d["id"])
