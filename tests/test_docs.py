"""Numbers in README.md and DATASHEET.md are generated from the data and must be current."""

from __future__ import annotations

from kiwi_bench.reporting.docs_blocks import render_blocks, stale_blocks
from kiwi_test_paths import ROOT


def test_generated_blocks_are_current():
    assert stale_blocks(ROOT) == [], "run `kiwi-bench docs` and commit"


def test_a_tampered_number_is_detected(tmp_path):
    import shutil

    shutil.copytree(ROOT / "dataset", tmp_path / "dataset")
    shutil.copytree(ROOT / "baselines", tmp_path / "baselines")
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    sizes = text.split("<!-- kiwi:sizes:begin -->\n", 1)[1].split("\n", 1)[0]
    (tmp_path / "README.md").write_text(text.replace(sizes, sizes.replace(" documents", "0 documents", 1)), encoding="utf-8")
    assert stale_blocks(tmp_path) == ["README.md:sizes"]


def test_unknown_block_name_is_an_error():
    import pytest

    with pytest.raises(KeyError, match="no generator"):
        render_blocks("<!-- kiwi:nope:begin -->\nx\n<!-- kiwi:nope:end -->", ROOT)


def test_readme_prediction_example_is_valid_and_slices_the_gold():
    import json

    from kiwi_bench.core.schemas import validator
    from kiwi_bench.corpus.documents import load_documents

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = json.loads(readme.split("## Scoring a system", 1)[1].split("```json\n", 1)[1].split("```", 1)[0])
    assert list(validator("predictions").iter_errors(example)) == []
    text = {d["id"]: d["text"] for d in load_documents(ROOT / "dataset")}[example["id"]]
    assert [text[e["start"]:e["end"]] for e in example["entities"]] == ["OpenAI"]
    assert [text[a["start"]:a["end"]] for a in example["amounts"]] == ["38-Milliarden"]
