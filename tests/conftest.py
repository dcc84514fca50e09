"""Shared fixtures. Offline mode and a fresh Hugging Face cache are set before `datasets` is imported."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"
_CACHE = tempfile.mkdtemp(prefix="kiwi-hf-cache-")
os.environ["HF_DATASETS_CACHE"] = _CACHE
os.environ["HF_HOME"] = _CACHE

import pytest  # noqa: E402

from kiwi_test_paths import DATASET  # noqa: E402


@pytest.fixture
def dataset_copy(tmp_path: Path) -> Path:
    """A private copy of dataset/ (sources, raw texts, built files) that a test may corrupt."""
    target = tmp_path / "dataset"
    shutil.copytree(DATASET, target)
    return target


@pytest.fixture
def hf_cache(tmp_path: Path) -> Path:
    """A fresh, empty cache directory for one load_dataset call."""
    path = tmp_path / "hf-cache"
    path.mkdir()
    return path
