"""dataset/croissant.json: current, valid Croissant 1.1, and readable record for record.

mlcroissant validates the file (the installed CLI, and the Python API for warnings) and reads every
config and split back from the local Parquet files; the records must equal what `load_dataset` returns
(mlcroissant gives strings as bytes and prefixes keys with field ids, which are undone first).
"""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiwi_bench import __version__
from kiwi_bench.core.metadata import AUTHORS, RELEASE_DATE, SPLITS
from kiwi_bench.corpus.features import CONFIG_FEATURES, CONFIG_SPLITS
from kiwi_bench.release.card import bibtex, parquet_name, passes_summary
from kiwi_bench.release.croissant import CONFORMS_TO, croissant_bytes, split_regex
from kiwi_test_paths import DATASET

CROISSANT = DATASET / "croissant.json"

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def jsonld() -> dict:
    return json.loads(CROISSANT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    from datasets import load_dataset

    cache = tmp_path_factory.mktemp("hf-cache")
    return {config: load_dataset(str(DATASET), config, cache_dir=str(cache)) for config in CONFIG_FEATURES}


def _dataset():
    """A fresh mlcroissant Dataset: filtering by split rewrites the FileSets' includes in place."""
    import mlcroissant as mlc

    return mlc.Dataset(jsonld=str(CROISSANT))


def _plain(value, prefix: str):
    """A record as load_dataset would give it: keys without the field-id prefix, bytes decoded."""
    if isinstance(value, dict):
        return {key.rsplit("/", 1)[-1]: _plain(item, prefix) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item, prefix) for item in value]
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return _plain(value.tolist(), prefix)
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return value


def test_committed_file_is_the_current_build():
    assert CROISSANT.read_bytes() == croissant_bytes(passes_summary(DATASET))
    assert croissant_bytes(passes_summary(DATASET)) == croissant_bytes(passes_summary(DATASET))


def test_mlcroissant_cli_validates_the_file():
    cli = Path(sys.executable).with_name("mlcroissant")
    result = subprocess.run([str(cli), "validate", "--jsonld", str(CROISSANT)], capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Done." in output
    assert not re.search(r"^[EW]\d{4} ", output, re.M), output  # absl error/warning lines


def test_no_validation_warnings():
    issues = _dataset().metadata.ctx.issues
    assert (issues.errors, issues.warnings) == (set(), set())


def test_metadata_matches_the_package_and_the_card(jsonld):
    assert jsonld["conformsTo"] == CONFORMS_TO == "http://mlcommons.org/croissant/1.1"
    assert jsonld["version"] == __version__
    assert jsonld["datePublished"] == RELEASE_DATE
    assert jsonld["citeAs"] == bibtex()
    assert jsonld["creator"]["name"] == AUTHORS


def test_one_file_set_and_one_record_set_per_config_covering_every_column(jsonld):
    file_sets = {fs["@id"]: fs for fs in jsonld["distribution"]}
    record_sets = {rs["@id"]: rs for rs in jsonld["recordSet"]}
    for config, features in CONFIG_FEATURES.items():
        file_set = file_sets[f"{config}-parquet"]
        assert "containedIn" not in file_set
        matched = sorted(p.relative_to(DATASET).as_posix() for p in DATASET.rglob("*")
                         if fnmatch.fnmatch(p.relative_to(DATASET).as_posix(), file_set["includes"]))
        assert matched == sorted(parquet_name(config, split) for split in CONFIG_SPLITS[config])
        fields = record_sets[config]["field"]
        assert [f["name"] for f in fields] == ["split", *features()]
        for field, (name, feature) in zip(fields[1:], features().items()):
            inner = getattr(feature, "feature", None)
            if isinstance(inner, dict):
                assert [sub["name"] for sub in field["subField"]] == list(inner), (config, name)


def test_split_regex_is_idempotent_and_turns_into_a_glob_of_the_split_file():
    from mlcroissant._src.core.regex import capture_one_capturing_group, regex_to_glob

    for config in CONFIG_FEATURES:
        regex = split_regex(config)
        for split in SPLITS:
            path = parquet_name(config, split)
            assert re.match(regex, path).group(1) == split
            assert re.match(regex, split).group(1) == split  # applied again to its own output
            globs = regex_to_glob(capture_one_capturing_group(regex, split))
            assert [g for g in globs if fnmatch.fnmatch(path, g)], (config, split, globs)
            others = [parquet_name(config, s) for s in SPLITS if s != split]
            assert not [o for o in others for g in globs if fnmatch.fnmatch(o, g)]


@pytest.mark.parametrize("config", list(CONFIG_FEATURES))
def test_records_of_every_split_equal_load_dataset_rows(config, loaded):
    for split in CONFIG_SPLITS[config]:
        records = list(_dataset().records(config, filters={f"{config}/split": split}))
        assert all(record[f"{config}/split"] == split.encode() for record in records)
        rows = [{k: v for k, v in _plain(record, config).items() if k != "split"} for record in records]
        assert len(rows) == loaded[config][split].num_rows, (config, split)
        assert rows == loaded[config][split].to_list(), (config, split)
    unfiltered = list(_dataset().records(config))
    assert len(unfiltered) == sum(loaded[config][split].num_rows for split in CONFIG_SPLITS[config])
