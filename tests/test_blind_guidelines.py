"""The corpus-free guidelines given to blind annotators quote nothing of the corpus, and the provenance
of pass C lists exactly the files it was given, with their hashes."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kiwi_bench.annotation.leaks import leaks
from kiwi_bench.corpus.documents import load_documents

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "dataset"
BLIND = DATASET / "annotation" / "guidelines-blind-v1.md"
BLIND_EDITIONS = sorted((DATASET / "annotation").glob("guidelines-blind-v*.md"))
PASS_C = DATASET / "annotation" / "pass-c"


def test_the_blind_guidelines_quote_no_corpus_text_label_or_citation():
    assert [p.name for p in BLIND_EDITIONS][:2] == ["guidelines-blind-v1.md", "guidelines-blind-v2.md"]
    for edition in BLIND_EDITIONS:
        assert leaks(edition.read_text(encoding="utf-8"), load_documents(DATASET)) == [], edition.name


def test_the_leak_check_finds_each_kind_of_leak():
    documents = load_documents(DATASET)
    sentence = documents[1]["sentences"][3]["text"]  # a real corpus sentence
    found = leaks(f"Beispiel: {sentence} Siehe 001/s4.", documents)
    assert any("shares the words" in line for line in found)
    assert "cites '001/s4'" in found
    assert any(line.startswith("quotes the gold surface") for line in found)
    assert leaks("Siemens meldet 12 Milliarden Euro Umsatz.", documents) == []


def test_the_full_guidelines_would_fail_the_check():
    assert len(leaks((ROOT / "ANNOTATION_GUIDELINES.md").read_text(encoding="utf-8"), load_documents(DATASET))) > 100


def test_pass_c_provenance_hashes_match_the_files_kept():
    text = (PASS_C / "PROVENANCE.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+)`[^|]*\| `([0-9a-f]{64})` \|", text, re.M)
    assert len(rows) == 12  # 5 articles, 5 segmentations, the guidelines, the instructions
    for name, digest in rows:
        path = (PASS_C / name) if not name.startswith("dataset/") else ROOT / name
        assert hashlib.sha256(path.resolve().read_bytes()).hexdigest() == digest, name
    assert sorted(p.name for p in (PASS_C / "decisions").glob("*.json")) == [f"kiwi-00{k}.json" for k in range(5)]


def test_the_segmentation_given_to_pass_c_carries_no_label():
    for path in sorted((PASS_C / "given" / "sentences").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(positive|negative|neutral|mixed|ORG|PER|LOC|PRODUCT|MISC)\b", text.split("\n", 1)[1]), path
